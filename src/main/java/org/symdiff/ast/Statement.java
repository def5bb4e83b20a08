package org.symdiff.ast;

import java.util.List;

/** One line of a program. */
public sealed interface Statement {
  Span span();

  /**
   * {@code dim N = 16}: an integer constant usable in shapes and expressions; {@code dim N} (a null
   * value): a runtime dimension, whose size is given per call.
   */
  record Dim(String name, Expr value, Span nameSpan, Span span) implements Statement {}

  /** {@code input X[N,2], y[N]} or {@code param W[2,4]}. */
  record Declare(Kind kind, List<Declared> names, Span span) implements Statement {}

  /** One declared name and its shape expressions (none for a scalar, one for a vector, two for a matrix). */
  record Declared(String name, List<Expr> dims, Span nameSpan, Span span) {}

  /** {@code name = expr}. */
  record Assign(String name, Expr value, Span nameSpan, Span span) implements Statement {}

  /** {@code output L}, or several scalars {@code output f, g} (a Jacobian's rows, in this order). */
  record Output(List<String> names, List<Span> nameSpans, Span span) implements Statement {}

  /** A bare expression: the output of a one-expression program. */
  record Evaluate(Expr value, Span span) implements Statement {}

  enum Kind {
    INPUT, PARAM
  }
}
