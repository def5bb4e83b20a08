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
  EXP_LOG("exp(log(x)) -> x, exp(k * log(x)) -> x ^ k, for x > 0, where log(x) is defined"),
  LOG_SOFTMAX("log(softmax(z)) -> z - logsumexp(z), stable for any logits"),
  LOG_SIGMOID("log(sigmoid(z)) -> -softplus(-z), stable for any z"),
  LOG_ONE_MINUS_SIGMOID("log(1 - sigmoid(z)) -> -softplus(z), stable for any z"),
  SOFTMAX_OF_ONE("softmax(x) -> 1 over rows of one element, a scalar x among them"),
  LOGSUMEXP_OF_ONE("logsumexp(x) -> x over rows of one element, a scalar x among them"),
  TRANSPOSE_VECTOR("transpose(v) -> v for vectors and scalars"),
  TRANSPOSE_TWICE("transpose(transpose(A)) -> A"),
  RESHAPE_SAME("broadcast or sum to the argument's own shape -> the argument"),

  // canonical scalar sums and products (SumForm, ProductForm), rebuilt when that is no larger
  CANONICAL_SUM("a scalar sum rebuilt from its flattened terms when that takes fewer operations, or as few"
      + " and something was collected: added terms first, then subtracted ones, then the constant"),
  LIKE_TERMS("3*x + 2*x -> 5*x, a*b - b*a -> 0, x*y - y*x*2 -> -(x*y)", true),
  FOLD_TERM_CONSTANTS("(x + 2) - 3 -> x - 1", true),
  COMMON_FACTOR("exp(x) + x * exp(x) -> exp(x) * (1 + x), 1 / (1 + x) - x / (1 + x)^2 -> 1 / (1 + x)^2: a base"
      + " every term has is taken out, to its smallest exponent, when that takes fewer operations"),
  DISTRIBUTE_COEFFICIENT("2*(x + y) - 2*x -> 2*y: a number times a sum joins the sum it is in"),
  CANONICAL_PRODUCT("a scalar product rebuilt as coefficient * (numerator / denominator), factors in canonical"
      + " order, when that takes fewer operations, or as few and something was collected"),
  DISTRIBUTE_PRODUCT("-(2 * x * (2 / y + 0.5 / z)) -> -4 * x / y - x / z: a product multiplied into the sum among its"
      + " factors, when that takes fewer operations"),
  LIKE_FACTORS("x * x^2 -> x^3, y / (x*y) -> 1 / x: exponents of a base are added; exact where both sides are"
      + " defined (x / x is 1 but at 0, as DIVIDE_SAME)", true),
  FOLD_COEFFICIENTS("2 * x * (0.5 / y) -> x / y", true),
  QUOTIENT_OF_QUOTIENT("x / (1 / t) -> x * t, a / (b / c) -> a * c / b"),
  POWER_OF_PRODUCT("(x*y)^2 -> x^2 * y^2, (-x)^3 -> -x^3, for whole exponents only (exact for reals)"),
  POWER_OF_POWER("(x^3)^2 -> x^6, for a whole outer exponent only (exact for reals)"),
  ROOT_OF_SQUARE("sqrt(x^2) -> abs(x), (x^2)^0.5 -> abs(x): exact for reals, where x would not be"),
  SQUARE_OF_ROOT("sqrt(x)^2 -> x, for x >= 0, where sqrt(x) is defined"),
  EVEN_POWER_OF_ABS("abs(x)^2 -> x^2, for even whole exponents (exact)");

  public final String description;
  /** Whether it collects like parts, which makes a canonical form worth building even when no smaller. */
  private final boolean collects;

  Rewrite(String description) {
    this(description, false);
  }

  Rewrite(String description, boolean collects) {
    this.description = description;
    this.collects = collects;
  }

  boolean collects() {
    return collects;
  }
}
