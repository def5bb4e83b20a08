package org.symdiff.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Expr.BinaryOp;
import org.symdiff.ast.Program;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.ast.Statement;
import org.symdiff.parse.SymDiffParser.*;

/**
 * Builds our immutable AST while ANTLR parses, one exit method per grammar rule: each rule, as it
 * ends, pops its operands' values off a stack and pushes its own, and its context then drops its
 * children (it keeps its first and last token). So the parse tree alive at any moment is the path
 * being parsed, not the whole tree (about 1 KB per term at 10^6 terms). Errors in the text that
 * parses (a number too large, a bad index) wait for the parse to end, so a syntax error anywhere
 * is reported first; of those, the first in the text is thrown, as when the tree was walked after.
 */
final class AstBuilder extends SymDiffBaseListener {
  /** The binary operators by their token's literal name ({@code '+'}), which ANTLR keeps: no text is made per operator. */
  private static final Map<String, BinaryOp> OPERATORS = Map.of("'+'", BinaryOp.ADD, "'-'", BinaryOp.SUBTRACT,
      "'*'", BinaryOp.MULTIPLY, "'/'", BinaryOp.DIVIDE, "'@'", BinaryOp.MATMUL, "'<'", BinaryOp.LESS,
      "'<='", BinaryOp.LESS_EQUAL, "'>'", BinaryOp.GREATER, "'>='", BinaryOp.GREATER_EQUAL);
  /** The token type of a unary minus, whose literal name is {@code '-'}. */
  private static final int MINUS = tokenType("'-'");

  private final Source source;
  private final TokenStream tokens;
  private final Deque<Object> values = new ArrayDeque<>();
  private final Map<String, String> names = new HashMap<>();
  private SourceError firstError;

  AstBuilder(Source source, TokenStream tokens) {
    this.source = source;
    this.tokens = tokens;
  }

  /** The program, after the parser has read all of it with this listener attached. */
  Program program() {
    if (firstError != null) throw firstError;
    return (Program) values.pop();
  }

  @Override
  public void exitEveryRule(ParserRuleContext ctx) {
    ctx.children = null;
  }

  @Override
  public void exitProgram(ProgramContext ctx) {
    values.push(new Program(source, pop(ctx.statement().size(), Statement.class)));
  }

  @Override
  public void exitDimStatement(DimStatementContext d) {
    Expr value = d.expr() == null ? null : (Expr) values.pop();
    values.push(new Statement.Dim(name(d.NAME()), value, span(d.NAME().getSymbol()), span(d)));
  }

  @Override
  public void exitDeclareStatement(DeclareStatementContext d) {
    Statement.Kind kind = d.kind.getType() == SymDiffLexer.INPUT ? Statement.Kind.INPUT : Statement.Kind.PARAM;
    values.push(new Statement.Declare(kind, pop(d.declared().size(), Statement.Declared.class), span(d)));
  }

  @Override
  public void exitDeclared(DeclaredContext n) {
    List<Expr> dims = pop(n.expr().size(), Expr.class);
    values.push(new Statement.Declared(name(n.NAME()), dims, span(n.NAME().getSymbol()), span(n)));
  }

  @Override
  public void exitOutputStatement(OutputStatementContext o) {
    values.push(new Statement.Output(o.NAME().stream().map(this::name).toList(),
        o.NAME().stream().map(n -> span(n.getSymbol())).toList(), span(o)));
  }

  @Override
  public void exitAssignStatement(AssignStatementContext a) {
    values.push(new Statement.Assign(name(a.NAME()), (Expr) values.pop(), span(a.NAME().getSymbol()), span(a)));
  }

  @Override
  public void exitExprStatement(ExprStatementContext ctx) {
    values.push(new Statement.Evaluate((Expr) values.pop(), span(ctx)));
  }

  /** A sum, or a comparison of two sums. */
  @Override
  public void exitExpr(ExprContext ctx) {
    if (ctx.op != null) binary(ctx.op);
  }

  @Override
  public void exitAdditive(AdditiveContext ctx) {
    binary(ctx.op);
  }

  @Override
  public void exitMultiplicative(MultiplicativeContext ctx) {
    binary(ctx.op);
  }

  @Override
  public void exitSign(SignContext s) {
    if (s.op.getType() == MINUS) values.push(new Expr.Negate((Expr) values.pop(), span(s)));
  }

  @Override
  public void exitPower(PowerContext ctx) {
    if (ctx.unary() == null) return;
    Expr exponent = (Expr) values.pop();
    values.push(new Expr.Binary(BinaryOp.POWER, (Expr) values.pop(), exponent, span(ctx)));
  }

  /** Each {@code [...]} has pushed its list of subscripts (see {@link #exitSubscripts}). */
  @Override
  @SuppressWarnings("unchecked")
  public void exitIndexed(IndexedContext ctx) {
    List<SubscriptsContext> brackets = ctx.subscripts();
    if (brackets.isEmpty()) return;
    List<Object> lists = pop(brackets.size(), Object.class);
    Expr e = (Expr) values.pop();
    for (int i = 0; i < brackets.size(); i++) {
      e = new Expr.Index(e, (List<Expr.Subscript>) lists.get(i), span(brackets.get(i)));
    }
    values.push(e);
  }

  @Override
  public void exitSubscripts(SubscriptsContext ctx) {
    values.push(pop(ctx.subscript().size(), Expr.Subscript.class));
  }

  @Override
  public void exitSingle(SingleContext s) {
    values.push(new Expr.Subscript(true, (Integer) values.pop(), null, tokens.getText(s), span(s)));
  }

  @Override
  public void exitRange(RangeContext r) {
    Integer to = r.to == null ? null : (Integer) values.pop();
    Integer from = r.from == null ? null : (Integer) values.pop();
    values.push(new Expr.Subscript(false, from, to, tokens.getText(r), span(r)));
  }

  /** A whole number, possibly negative, as an index. */
  @Override
  public void exitPosition(PositionContext ctx) {
    String digits = ctx.NUMBER().getText();
    if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
      error(span(ctx), "an index is a whole number below 10^9, not " + digits);
      values.push(0);
      return;
    }
    int value = Integer.parseInt(digits);
    values.push(ctx.getChild(0).getText().equals("-") ? -value : value);
  }

  @Override
  public void exitNumber(NumberContext n) {
    String text = n.NUMBER().getText();
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) error(span(n), "number " + text + " is too large for a double");
    values.push(new Expr.Number(value, text, span(n)));
  }

  @Override
  public void exitCall(CallContext c) {
    List<Expr> args = pop(c.expr().size(), Expr.class);
    values.push(new Expr.Call(name(c.NAME()), args, span(c.NAME().getSymbol()), span(c)));
  }

  @Override
  public void exitName(NameContext n) {
    values.push(new Expr.Name(name(n.NAME()), span(n)));
  }

  private void error(Span span, String message) {
    if (firstError == null) firstError = new SourceError(source, span, message);
  }

  /** The last {@code count} values pushed, in the order they were pushed. */
  @SuppressWarnings("unchecked")
  private <T> List<T> pop(int count, Class<T> type) {
    Object[] popped = new Object[count];
    for (int i = count - 1; i >= 0; i--) popped[i] = type.cast(values.pop());
    return (List<T>) List.of(popped);
  }

  private void binary(Token op) {
    BinaryOp binaryOp = OPERATORS.get(SymDiffLexer.VOCABULARY.getLiteralName(op.getType()));
    if (binaryOp == null) throw new IllegalStateException("operator " + op.getText());
    Expr right = (Expr) values.pop();
    values.push(new Expr.Binary(binaryOp, (Expr) values.pop(), right, span(op)));
  }

  /**
   * A token's span. Its length comes from its indices, not its text, which would be a new string
   * per token (half a gigabyte at 10^6 terms); every token but EOF is ASCII, one char per code point.
   */
  private static Span span(Token token) {
    int length = token.getType() == Token.EOF ? token.getText().length() : token.getStopIndex() - token.getStartIndex() + 1;
    return new Span(token.getLine(), token.getCharPositionInLine() + 1, Math.max(1, length));
  }

  /** A name's text, one string per distinct name: the AST is kept while the program is lowered and emitted. */
  private String name(TerminalNode name) {
    return names.computeIfAbsent(name.getText(), text -> text);
  }

  /** From the first token to the last token of the context, clipped to the first line. */
  private static Span span(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop() == null ? start : ctx.getStop();
    Span first = span(start);
    return stop.getType() == Token.EOF ? first : first.to(span(stop));
  }

  /** The type of the token whose literal name (as the grammar writes it, quoted) is {@code literal}. */
  private static int tokenType(String literal) {
    for (int type = 0; type <= SymDiffLexer.VOCABULARY.getMaxTokenType(); type++) {
      if (literal.equals(SymDiffLexer.VOCABULARY.getLiteralName(type))) return type;
    }
    throw new IllegalStateException("no token " + literal);
  }
}
