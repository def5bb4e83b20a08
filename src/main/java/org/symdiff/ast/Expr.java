package org.symdiff.ast;

import java.util.List;

/** An expression as written, with where it was written. Immutable; equality is structural. */
public sealed interface Expr {
  Span span();

  record Number(double value, String text, Span span) implements Expr {}

  record Name(String name, Span span) implements Expr {}

  record Negate(Expr operand, Span span) implements Expr {}

  /** {@code span} covers the operator, where errors about the operation point. */
  record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

  /**
   * {@code base[subscripts]}, numpy's basic indexing with constant bounds: one subscript per
   * axis from the first, the axes after them taken whole; {@code span} covers the brackets.
   */
  record Index(Expr base, List<Subscript> subscripts, Span span) implements Expr {}

  /**
   * One axis of an index: a position ({@code x[2]}, which drops the axis) or a range
   * {@code start:stop}, either end open (null); negative numbers count from the end. {@code text}
   * is as written.
   */
  record Subscript(boolean position, Integer start, Integer stop, String text, Span span) {}

  /** {@code function(args)}; {@code nameSpan} covers just the function's name. */
  record Call(String function, List<Expr> args, Span nameSpan, Span span) implements Expr {}

  enum BinaryOp {
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), POWER("^"), MATMUL("@"),
    /** Comparisons give masks: 1 where they hold, else 0. */
    LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">=");

    public final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }
  }
}
