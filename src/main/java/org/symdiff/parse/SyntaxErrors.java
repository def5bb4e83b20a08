package org.symdiff.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;

/** Stops at the first syntax error and words it for people rather than for grammar authors. */
final class SyntaxErrors extends BaseErrorListener {
  private final Source source;

  SyntaxErrors(Source source) {
    this.source = source;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column,
      String antlrMessage, RecognitionException e) {
    if (recognizer instanceof Lexer) {
      int index = lineStart(line) + column;
      char c = index < source.text().length() ? source.text().charAt(index) : '?';
      throw new SourceError(source, new Span(line, column + 1, 1), "unexpected character '" + c + "'");
    }
    Token token = (Token) offending;
    Parser parser = (Parser) recognizer;
    IntervalSet expected = e != null && e.getExpectedTokens() != null
        ? e.getExpectedTokens() : parser.getExpectedTokens();
    String found = describe(token);
    int length = token.getType() == Token.EOF || token.getText() == null ? 1 : token.getText().length();
    Span span = new Span(line, column + 1, Math.max(1, length));
    throw new SourceError(source, span, "unexpected " + found + "; expected " + describe(expected, parser));
  }

  private int lineStart(int line) {
    int offset = 0;
    for (int l = 1; l < line; l++) offset = source.text().indexOf('\n', offset) + 1;
    return offset;
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
  private static String describe(IntervalSet expected, Parser parser) {
    if (expected.contains(SymDiffLexer.NUMBER) && expected.contains(SymDiffLexer.NAME)) {
      return "an expression";
    }
    List<String> names = new ArrayList<>();
    for (int type : expected.toList()) {
      if (type == Token.EOF || type == SymDiffLexer.NEWLINE) {
        if (!names.contains("end of statement")) names.add("end of statement");
      } else if (type == SymDiffLexer.NAME) {
        names.add("a name");
      } else if (type == SymDiffLexer.NUMBER) {
        names.add("a number");
      } else {
        names.add(parser.getVocabulary().getDisplayName(type));
      }
    }
    if (names.isEmpty()) return "something else";
    if (names.size() == 1) return names.get(0);
    return "one of " + String.join(", ", names);
  }
}
