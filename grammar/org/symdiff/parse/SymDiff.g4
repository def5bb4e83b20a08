// The symdiff language: one expression, an inline program (statements separated by ';'),
// or a .sd program (one statement per line). Precedence, loosest first:
//   < <= > >= (one per expression, no chains)   then   + -   then   * / @   then   unary -
//   then   ^ (right-associative, binds tighter than unary -)
// so -x^2 is -(x^2), 2^-x is 2^(-x) and x^y^z is x^(y^z).
grammar SymDiff;

program    : separator* (statement (separator+ statement)* separator*)? EOF ;
separator  : NEWLINE | ';' ;

statement  : DIM NAME ('=' expr)?                           # dimStatement
           | kind=(INPUT | PARAM) declared (',' declared)*   # declareStatement
           | OUTPUT NAME (',' NAME)*                         # outputStatement
           | NAME '=' expr                                   # assignStatement
           | expr                                            # exprStatement
           ;
declared   : NAME ('[' expr (',' expr)? ']')? ;

expr       : sum (op=('<' | '<=' | '>' | '>=') sum)? ;
sum        : sum op=('+' | '-') term                         # additive
           | term                                            # toTerm
           ;
term       : term op=('*' | '/' | '@') unary                 # multiplicative
           | unary                                           # toUnary
           ;
unary      : op=('-' | '+') unary                            # sign
           | power                                           # toPower
           ;
power      : indexed ('^' unary)? ;
indexed    : primary ('[' subscripts ']')* ;
// numpy's basic indexing with constant bounds: x[0], x[-1], x[1:], x[:-1], A[i, :], A[1:3, 2:]
subscripts : subscript (',' subscript)? ;
subscript  : position                                        # single
           | from=position? ':' to=position?                 # range
           ;
position   : '-'? NUMBER ;
primary    : NUMBER                                          # number
           | NAME '(' (expr (',' expr)*)? ')'                # call
           | NAME                                            # name
           | '(' expr ')'                                    # parens
           ;

DIM        : 'dim' ;
INPUT      : 'input' ;
PARAM      : 'param' ;
OUTPUT     : 'output' ;
NUMBER     : DIGITS ('.' DIGITS?)? EXPONENT? | '.' DIGITS EXPONENT? ;
NAME       : [A-Za-z_] [A-Za-z0-9_]* ;
NEWLINE    : '\r'? '\n' | '\r' ;
COMMENT    : '#' ~[\r\n]* -> skip ;
WS         : [ \t\f]+ -> skip ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
