package org.symdiff.simplify;

/** The rewrites the {@link Simplifier} knows, by name, so tests can show each one preserves values. */
public enum Rewrite {
  WHERE_SAME("where(c, x, x) -> x"),
  WHERE_KNOWN("where(c, a, b) -> a for a constant c other than 0, b for c = 0"),
  FOLD_CONSTANTS("c1 op c2 -> c, as IEEE arithmetic computes it (0 / 0 -> NaN)"),
  ADD_ZERO("x + 0 -> x, 0 + x -> x"),
  ADD_NEGATED("x + (-y) -> x - y, (-x) + y -> y - x"),
  ADD_SAME("x + x -> 2 * x"),
  SUBTRACT_ZERO("x - 0 -> x, 0 - x -> -x"),
  SUBTRACT_SAME("x - x -> 0, unless x reads a NaN or infinite constant"),
  SUBTRACT_NEGATED("x - (-y) -> x + y"),
  MULTIPLY_ZERO("0 * x -> 0, x * 0 -> 0, unless x reads a NaN or infinite constant"),
  MULTIPLY_ONE("1 * x -> x, x * 1 -> x"),
  MULTIPLY_MINUS_ONE("-1 * x -> -x"),
  CONSTANT_FIRST("x * c -> c * x"),
  COLLECT_CONSTANTS("c1 * (c2 * x) -> (c1 * c2) * x"),
  MULTIPLY_NEGATED("(-a) * b -> -(a * b), a * (-b) -> -(a * b)"),
  MULTIPLY_SAME("x * x -> x ^ 2"),
  MULTIPLY_RECIPROCAL("(1 / b) * a -> a / b, a * (1 / b) -> a / b"),
  DIVIDE_ONE("x / 1 -> x"),
  DIVIDE_ZERO("0 / x -> 0, unless x reads a NaN or infinite constant"),
  DIVIDE_SAME("x / x -> 1, unless x reads a NaN or infinite constant"),
  DIVIDE_NEGATED("(-a) / b -> -(a / b)"),
  NEGATE_NEGATED("-(-x) -> x"),
  NEGATE_SUBTRACT("-(a - b) -> b - a"),
  NEGATE_QUOTIENT("-(c / x) -> (-c) / x"),
  NEGATE_PRODUCT("-(c * x) -> (-c) * x"),
  POWER_ONE("x ^ 1 -> x"),
  POWER_ZERO("x ^ 0 -> 1"),
  ONE_TO_POWER("1 ^ x -> 1, unless x reads a NaN or infinite constant"),
  LOG_EXP("log(exp(x)) -> x"),
  LOG_SOFTMAX("log(softmax(z)) -> z - logsumexp(z), stable for any logits"),
  LOG_SIGMOID("log(sigmoid(z)) -> -softplus(-z), stable for any z"),
  LOG_ONE_MINUS_SIGMOID("log(1 - sigmoid(z)) -> -softplus(z), stable for any z"),
  SOFTMAX_OF_ONE("softmax(x) -> 1 over rows of one element, a scalar x among them"),
  LOGSUMEXP_OF_ONE("logsumexp(x) -> x over rows of one element, a scalar x among them"),
  TRANSPOSE_VECTOR("transpose(v) -> v for vectors and scalars"),
  TRANSPOSE_TWICE("transpose(transpose(A)) -> A"),
  RESHAPE_SAME("broadcast or sum to the argument's own shape -> the argument");

  public final String description;

  Rewrite(String description) {
    this.description = description;
  }
}
