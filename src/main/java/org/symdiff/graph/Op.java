package org.symdiff.graph;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The primitive gates of a computational graph. Each has an arity and, when users can call it by
 * name, its function name in the language. Derivatives live in {@code diff.Rules}, one entry per op.
 */
public enum Op {
  // leaves
  CONSTANT(0, null),
  VARIABLE(0, null),
  /** The adjoint of another node, d(output)/d(node): a leaf of backward expressions. */
  ADJOINT(0, null),
  /** The size of a runtime dimension ({@code dim N} without a value) used as a number. */
  DIM(0, null),

  // elementwise, two arguments
  ADD(2, null),
  SUBTRACT(2, null),
  MULTIPLY(2, null),
  DIVIDE(2, null),
  POWER(2, "pow"),
  MAX(2, "max"),
  MIN(2, "min"),
  /** xlogy(a, b) = a log(b), and 0 where a = 0 (unless b is NaN), as in SciPy, PyTorch and JAX. */
  XLOGY(2, "xlogy"),

  // elementwise, one argument
  NEGATE(1, null),
  EXP(1, "exp"),
  LOG(1, "log"),
  SQRT(1, "sqrt"),
  SIN(1, "sin"),
  COS(1, "cos"),
  TAN(1, "tan"),
  TANH(1, "tanh"),
  ATAN(1, "atan"),
  SIGMOID(1, "sigmoid"),
  RELU(1, "relu"),
  ABS(1, "abs"),
  SOFTPLUS(1, "softplus"),
  LOG1P(1, "log1p"),
  EXPM1(1, "expm1"),
  /** -1, 0 or 1; the derivative of abs. */
  SIGN(1, "sign"),
  /** 1 where the argument is positive, else 0 (so step(0) = 0); the derivative of relu. */
  STEP(1, "step"),

  // vectors and matrices
  /** numpy's {@code @}: matrix@matrix, matrix@vector, vector@matrix, vector@vector. */
  MATMUL(2, null),
  /** Swaps a matrix's axes; the identity on vectors and scalars, as in numpy. */
  TRANSPOSE(1, "transpose"),
  /** outer(u, v)[i,j] = u[i] v[j]: the adjoint shape of matrix@vector. */
  OUTER(2, "outer"),
  /** Row-wise on a matrix. */
  SOFTMAX(1, "softmax"),
  /** Row-wise, keeping the reduced axis: [n] gives a scalar, [m,n] gives [m,1]. */
  LOGSUMEXP(1, "logsumexp"),
  /** Repeats its argument to the node's shape (numpy broadcasting made explicit). */
  BROADCAST(1, null),
  /** Sums its argument down to the node's shape: the adjoint of a broadcast; sum(A) is SUM_TO []. */
  SUM_TO(1, null);

  private static final Map<String, Op> BY_FUNCTION = Arrays.stream(values())
      .filter(op -> op.function != null)
      .collect(Collectors.toUnmodifiableMap(op -> op.function, Function.identity()));

  private final int arity;
  private final String function;

  Op(int arity, String function) {
    this.arity = arity;
    this.function = function;
  }

  public int arity() {
    return arity;
  }

  /** The name users call this op by, e.g. {@code "sigmoid"}; null for operators and leaves. */
  public String function() {
    return function;
  }

  public boolean isLeaf() {
    return arity == 0;
  }

  /** Acts element by element (with broadcasting); the other gates see whole arrays. */
  public boolean isElementwise() {
    return arity > 0 && !WHOLE_ARRAY.contains(this);
  }

  private static final Set<Op> WHOLE_ARRAY =
      EnumSet.of(MATMUL, TRANSPOSE, OUTER, SOFTMAX, LOGSUMEXP, SUM_TO);

  /** Takes its result shape as a parameter rather than from its arguments. */
  public boolean isShaped() {
    return this == BROADCAST || this == SUM_TO;
  }

  public static Optional<Op> byFunction(String name) {
    return Optional.ofNullable(BY_FUNCTION.get(name));
  }

  public static java.util.Set<String> functionNames() {
    return BY_FUNCTION.keySet();
  }
}
