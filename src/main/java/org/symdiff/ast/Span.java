package org.symdiff.ast;

/** Where a piece of syntax stands: 1-based line, 1-based column, length in characters (at least 1). */
public record Span(int line, int column, int length) {

  public static final Span NONE = new Span(0, 0, 0);

  /** The span from the start of {@code this} to the end of {@code other} (on this line). */
  public Span to(Span other) {
    if (other.line != line) return this;
    return new Span(line, column, Math.max(length, other.column + other.length - column));
  }
}
