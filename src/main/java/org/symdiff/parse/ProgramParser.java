package org.symdiff.parse;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.symdiff.ast.Program;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;

/** Parses symdiff text into our own AST. No ANTLR type leaves this package. */
public final class ProgramParser {
  private ProgramParser() {}

  /**
   * Parses a program (a single expression is a program of one statement); throws {@link SourceError}.
   * Redundant parentheses are blanked first ({@link RedundantParentheses}); text with a syntax
   * error is parsed again as written, so the message names exactly what the user wrote.
   */
  public static Program parse(Source source) {
    String blanked = RedundantParentheses.blank(source.text());
    if (blanked.equals(source.text())) return parse(source, blanked);
    try {
      return parse(source, blanked);
    } catch (SourceError e) {
      return parse(source, source.text());
    }
  }

  private static Program parse(Source source, String text) {
    SyntaxErrors errors = new SyntaxErrors(source);
    SymDiffLexer lexer = new SymDiffLexer(CharStreams.fromString(text, source.name()));
    lexer.removeErrorListeners();
    lexer.addErrorListener(errors);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    SymDiffParser parser = new SymDiffParser(tokens);
    errors.listenTo(parser);
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    AstBuilder builder = new AstBuilder(source, tokens);
    parser.addParseListener(builder);
    parser.program();
    return builder.program();
  }
}
