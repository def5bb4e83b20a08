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
