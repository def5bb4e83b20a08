package org.symdiff.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;

/** Stops at the first syntax error and words it for people rather than for grammar authors. */
final class SyntaxErrors extends BaseErrorListener {
  private static final String END_OF_STATEMENT = "end of statement";
  private final Source source;
  private Parser parser;

  SyntaxErrors(Source source) {
    this.source = source;
  }

  /**
   * Reports the parser's errors too, and detaches its parse listeners before throwing: the error
   * unwinds through the rules, whose exits would otherwise reach an AST builder part way through.
   */
  void listenTo(Parser parser) {
    this.parser = parser;
    parser.removeErrorListeners();
    parser.addErrorListener(this);
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column,
      String antlrMessage, RecognitionException e) {
    if (parser != null) parser.removeParseListeners();
    if (recognizer instanceof Lexer) {
      throw new SourceError(source, new Span(line, column + 1, 1), "unexpected character" + characterAt(line, column));
    }
    Token token = (Token) offending;
    Parser parser = (Parser) recognizer;
    IntervalSet expected = e != null && e.getExpectedTokens() != null
        ? e.getExpectedTokens() : parser.getExpectedTokens();
    int length = token.getType() == Token.EOF || token.getText() == null ? 1 : token.getText().length();
    Span span = new Span(line, column + 1, Math.max(1, length));
    List<String> wanted = expectedNames(expected, parser);
    boolean atStatementEnd = wanted.equals(List.of(END_OF_STATEMENT));
    if (atStatementEnd && ")".equals(token.getText())) {
      throw new SourceError(source, span, "unexpected ')'; no '(' is open here");
    }
    if (atStatementEnd && afterExpression(parser)) wanted = List.of("an operator", END_OF_STATEMENT);
    String detail = "unexpected " + describe(token) + "; expected " + join(wanted);
    Token open = wanted.contains("')'") && endsStatement(token) ? unclosedParen(parser, token) : null;
    if (open != null) {
      detail += " to close the '(' at line " + open.getLine() + ", column " + (open.getCharPositionInLine() + 1);
    }
    throw new SourceError(source, span, detail);
  }

  /** True when the statement just parsed ends in an expression, so an operator could have followed. */
  private static boolean afterExpression(Parser parser) {
    if (!(parser.getContext() instanceof SymDiffParser.ProgramContext program)) return false;
    List<SymDiffParser.StatementContext> statements = program.statement();
    if (statements.isEmpty()) return false;
    SymDiffParser.StatementContext last = statements.get(statements.size() - 1);
    return last instanceof SymDiffParser.ExprStatementContext
        || last instanceof SymDiffParser.AssignStatementContext
        || last instanceof SymDiffParser.DimStatementContext;
  }

  private static boolean endsStatement(Token token) {
    return token.getType() == Token.EOF || token.getType() == SymDiffLexer.NEWLINE || ";".equals(token.getText());
  }

  /** The innermost '(' still open before {@code at}, or null. */
  private static Token unclosedParen(Parser parser, Token at) {
    TokenStream tokens = parser.getInputStream();
    Deque<Token> open = new ArrayDeque<>();
    for (int i = 0; i < at.getTokenIndex(); i++) {
      Token t = tokens.get(i);
      if ("(".equals(t.getText())) open.push(t);
      if (")".equals(t.getText()) && !open.isEmpty()) open.pop();
    }
    return open.peek();
  }

  /** " 'c'", the character at ANTLR's column, which counts code points (𝑦 is one, two Java chars). */
  private String characterAt(int line, int column) {
    String text = source.text();
    int lineStart = 0;
    for (int l = 1; l < line; l++) lineStart = text.indexOf('\n', lineStart) + 1;
    int lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length() : text.indexOf('\n', lineStart);
    if (text.codePointCount(lineStart, lineEnd) <= column) return "";
    int c = text.codePointAt(text.offsetByCodePoints(lineStart, column));
    // Outside ASCII, the code point tells look-alikes apart (U+2212 is a minus sign, not '-').
    return " '" + Character.toString(c) + "'" + (c < 128 ? "" : String.format(" (U+%04X)", c));
  }

  private static String describe(Token token) {
    return switch (token.getType()) {
      case Token.EOF -> "end of input";
      case SymDiffLexer.NEWLINE -> "end of line";
      case SymDiffLexer.NUMBER -> "number '" + token.getText() + "'";
      case SymDiffLexer.NAME -> "name '" + token.getText() + "'";
      default -> "'" + token.getText() + "'";
    };
  }

  /** "an expression" when an operand could start here; otherwise the expected tokens, plainly. */
  private static List<String> expectedNames(IntervalSet expected, Parser parser) {
    if (expected.contains(SymDiffLexer.NUMBER) && expected.contains(SymDiffLexer.NAME)) {
      return List.of("an expression");
    }
    List<String> names = new ArrayList<>();
    for (int type : expected.toList()) {
      String name = parser.getVocabulary().getDisplayName(type);
      if (type == Token.EOF || type == SymDiffLexer.NEWLINE || name.equals("';'")) name = END_OF_STATEMENT;
      else if (type == SymDiffLexer.NAME) name = "a name";
      else if (type == SymDiffLexer.NUMBER) name = "a number";
      if (!names.contains(name)) names.add(name);
    }
    return names.isEmpty() ? List.of("something else") : names;
  }

  private static String join(List<String> names) {
    if (names.size() == 1) return names.get(0);
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }
}
