package org.symdiff.graph;

import static org.symdiff.graph.Domain.ABOVE_MINUS_ONE;
import static org.symdiff.graph.Domain.ANY;
import static org.symdiff.graph.Domain.HALF_PERIOD;
import static org.symdiff.graph.Domain.OPEN_UNIT;
import static org.symdiff.graph.Domain.POSITIVE;
import static org.symdiff.graph.Primitive.array;
import static org.symdiff.graph.Primitive.comparison;
import static org.symdiff.graph.Primitive.named;
import static org.symdiff.graph.Primitive.leaf;
import static org.symdiff.graph.Primitive.operator;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The primitive gates of a computational graph, each declared once with everything about it
 * ({@link Primitive}): arity, name, evaluation, Java and LaTeX forms, derivative rule and domain.
 * An elementwise rule is the local partial d y / d a_i, reusing y where it can (exp' = y,
 * sigmoid' = y (1 - y), tanh' = 1 - y^2); a whole-array rule is a vector-Jacobian product (the
 * matrix cookbook's). Kinks follow one convention, documented in the README: relu'(0) = 0,
 * abs'(0) = sign(0) = 0, max/min split a tie evenly (1/2 each), and d(x^y)/dy at x = 0 is its
 * limit, 0 for y > 0 (as in PyTorch and JAX) rather than 0 log 0 = NaN.
 */
public enum Op {
  // leaves
  CONSTANT(leaf()),
  VARIABLE(leaf()),
  /** The adjoint of another node, d(output)/d(node): a leaf of backward expressions. */
  ADJOINT(leaf()),
  /** The tangent of another node (a gate, a variable or an adjoint) along a direction: a leaf of forward-mode expressions. */
  TANGENT(leaf()),
  /** The size of a runtime dimension ({@code dim N} without a value) used as a number. */
  DIM(leaf()),

  // the operators, elementwise
  ADD(operator(2, (a, b) -> a + b).d((g, y) -> g.one(), (g, y) -> g.one())),
  SUBTRACT(operator(2, (a, b) -> a - b).d((g, y) -> g.one(), (g, y) -> g.constant(-1))),
  MULTIPLY(operator(2, (a, b) -> a * b).d((g, y) -> b(y), (g, y) -> a(y))),
  // y = a / b: da = dy / b, and db = -(dy / b) y, which shares dy / b with da (two operations, not
  // four); a reciprocal c / b keeps the notes' -c / b^2 dy
  DIVIDE(operator(2, (a, b) -> a / b).vjp((g, y, dy) -> g.div(dy, b(y)),
      (g, y, dy) -> a(y).isConstant() ? g.mul(g.neg(g.div(a(y), g.square(b(y)))), dy)
          : g.neg(g.mul(g.div(dy, b(y)), y)))),
  // y = a ^ b: b a^(b-1), and y log(a), which is 0 where y is (a = 0 < b): xlogy(y, a)
  POWER(named("pow", 2, (a, b) -> b == 2 ? a * a : Math.pow(a, b), "pow(a, b) = a ^ b")
      .java("Math.pow($0, $1)").latex("{$0}^{$1}").domain(POSITIVE, ANY)
      .d((g, y) -> g.mul(b(y), g.pow(a(y), g.sub(b(y), g.one()))), (g, y) -> g.apply(xlogy(), y, a(y)))),

  // functions of two arguments
  // y = max(a, b): 1 where a wins, 1/2 on a tie, i.e. (1 + sign(a - b)) / 2
  MAX(named("max", 2, Math::max, "max(a, b), elementwise; max(A) alone is A's largest element (ties share the gradient)").java("Math.max($0, $1)").latex("\\max($0, $1)")
      .vjp((g, y, dy) -> selected(g, a(y), b(y), dy), (g, y, dy) -> selected(g, b(y), a(y), dy))),
  MIN(named("min", 2, Math::min, "min(a, b)").java("Math.min($0, $1)").latex("\\min($0, $1)")
      .vjp((g, y, dy) -> selected(g, b(y), a(y), dy), (g, y, dy) -> selected(g, a(y), b(y), dy))),
  /** xlogy(a, b) = a log(b), and 0 where a = 0 (unless b is NaN), as in SciPy, PyTorch and JAX. */
  XLOGY(named("xlogy", 2, (a, b) -> a == 0.0 && !Double.isNaN(b) ? 0.0 : a * Math.log(b), "xlogy(a, b) = a log(b), 0 where a = 0")
      .java("($0 == 0.0 && !Double.isNaN($1) ? 0.0 : $0 * Math.log($1))").latex("$0 \\log($1)").domain(ANY, POSITIVE)
      .d((g, y) -> g.apply(log(), b(y)), (g, y) -> g.div(a(y), b(y)))),

  // comparisons: masks of 0 and 1 (NaN compares false, as in numpy)
  LESS(comparison("<", (a, b) -> a < b ? 1 : 0)),
  LESS_EQUAL(comparison("<=", (a, b) -> a <= b ? 1 : 0)),
  GREATER(comparison(">", (a, b) -> a > b ? 1 : 0)),
  GREATER_EQUAL(comparison(">=", (a, b) -> a >= b ? 1 : 0)),
  /**
   * where(c, a, b): a where c is nonzero, else b. The adjoint goes only into the branch taken, and
   * every share computed from that branch is masked by c too (ReverseSweep), so a NaN or infinity
   * of the branch not taken, as sqrt'(x) at x < 0 in where(x > 0, sqrt(x), 0), never reaches the
   * gradient; the generated Java does not even evaluate it.
   */
  WHERE(named("where", (c, a, b) -> c != 0.0 ? a : b, "where(c, a, b): a where c is nonzero (c is a mask such as x > 0), else b")
      .java("($0 != 0.0 ? $1 : $2)").latex("\\operatorname{where}($0, $1, $2)")
      .vjp((g, y, dy) -> g.zero(), (g, y, dy) -> g.where(y.arg(0), dy, g.zero()),
          (g, y, dy) -> g.where(y.arg(0), g.zero(), dy))),

  // one argument
  NEGATE(operator(1, (a, b) -> -a).d((g, y) -> g.constant(-1))),
  EXP(named("exp", 1, (a, b) -> Math.exp(a), "exp(x)").java("Math.exp($0)").latex("e^{$0}").d((g, y) -> y)),
  LOG(named("log", 1, (a, b) -> Math.log(a), "log(x), natural").java("Math.log($0)").latex("\\log($0)")
      .domain(POSITIVE).d((g, y) -> g.div(g.one(), a(y)))),
  LOG2(named("log2", 1, (a, b) -> Math.log(a) / Numbers.LN2, "log2(x), base 2").java("Math.log($0) / 0.6931471805599453")
      .latex("\\log_{2}($0)").domain(POSITIVE).d((g, y) -> g.div(g.one(), g.mul(g.constant(Numbers.LN2), a(y))))),
  LOG10(named("log10", 1, (a, b) -> Math.log10(a), "log10(x), base 10").java("Math.log10($0)")
      .latex("\\log_{10}($0)").domain(POSITIVE).d((g, y) -> g.div(g.one(), g.mul(g.constant(Math.log(10)), a(y))))),
  SQRT(named("sqrt", 1, (a, b) -> Math.sqrt(a), "sqrt(x)").java("Math.sqrt($0)").latex("\\sqrt{$0}")
      .domain(POSITIVE).d((g, y) -> g.div(g.constant(0.5), y))),
  SIN(named("sin", 1, (a, b) -> Math.sin(a), "sin(x)").java("Math.sin($0)").latex("\\sin($0)")
      .d((g, y) -> g.apply(cos(), a(y)))),
  COS(named("cos", 1, (a, b) -> Math.cos(a), "cos(x)").java("Math.cos($0)").latex("\\cos($0)")
      .d((g, y) -> g.neg(g.apply(sin(), a(y))))),
  TAN(named("tan", 1, (a, b) -> Math.tan(a), "tan(x)").java("Math.tan($0)").latex("\\tan($0)")
      .domain(HALF_PERIOD).d((g, y) -> g.add(g.one(), g.square(y)))),
  TANH(named("tanh", 1, (a, b) -> Math.tanh(a), "tanh(x)").java("Math.tanh($0)").latex("\\tanh($0)")
      .d((g, y) -> g.sub(g.one(), g.square(y)))),
  SINH(named("sinh", 1, (a, b) -> Math.sinh(a), "sinh(x)").java("Math.sinh($0)").latex("\\sinh($0)")
      .d((g, y) -> g.apply(cosh(), a(y)))),
  COSH(named("cosh", 1, (a, b) -> Math.cosh(a), "cosh(x)").java("Math.cosh($0)").latex("\\cosh($0)")
      .d((g, y) -> g.apply(SINH, a(y)))),
  ATAN(named("atan", 1, (a, b) -> Math.atan(a), "atan(x)").java("Math.atan($0)").latex("\\arctan($0)")
      .d((g, y) -> g.div(g.one(), g.add(g.one(), g.square(a(y)))))),
  ASIN(named("asin", 1, (a, b) -> Math.asin(a), "asin(x), for -1 <= x <= 1").java("Math.asin($0)")
      .latex("\\arcsin($0)").domain(OPEN_UNIT).d((g, y) -> g.div(g.one(), g.apply(SQRT, g.sub(g.one(), g.square(a(y))))))),
  ACOS(named("acos", 1, (a, b) -> Math.acos(a), "acos(x), for -1 <= x <= 1").java("Math.acos($0)")
      .latex("\\arccos($0)").domain(OPEN_UNIT)
      .d((g, y) -> g.div(g.constant(-1), g.apply(SQRT, g.sub(g.one(), g.square(a(y))))))),
  SIGMOID(named("sigmoid", 1, (a, b) -> 1.0 / (1.0 + Math.exp(-a)), "sigmoid(x) = 1 / (1 + exp(-x))")
      .java("1.0 / (1.0 + Math.exp(-$0))").latex("\\sigma($0)").d((g, y) -> g.mul(y, g.sub(g.one(), y)))),
  RELU(named("relu", 1, (a, b) -> Math.max(0.0, a), "relu(x) = max(0, x)").java("Math.max(0.0, $0)")
      .latex("\\max(0, $0)").vjp((g, y, dy) -> g.where(g.apply(greater(), a(y), g.zero()), dy, g.zero()))),
  ABS(named("abs", 1, (a, b) -> Math.abs(a), "abs(x)").java("Math.abs($0)").latex("\\lvert $0 \\rvert")
      .vjp((g, y, dy) -> g.where(g.apply(greater(), a(y), g.zero()), dy,
          g.where(g.apply(less(), a(y), g.zero()), g.neg(dy), g.zero())))),
  SOFTPLUS(named("softplus", 1, (a, b) -> Math.max(a, 0.0) + Math.log1p(Math.exp(-Math.abs(a))),
      "softplus(x) = log(1 + exp(x)), without overflow")
      .java("Math.max($0, 0.0) + Math.log1p(Math.exp(-Math.abs($0)))").latex("\\operatorname{softplus}($0)")
      .d((g, y) -> g.apply(sigmoid(), a(y)))),
  LOG1P(named("log1p", 1, (a, b) -> Math.log1p(a), "log1p(x) = log(1 + x), exact near 0").java("Math.log1p($0)")
      .latex("\\log(1 + $0)").domain(ABOVE_MINUS_ONE).d((g, y) -> g.div(g.one(), g.add(g.one(), a(y))))),
  EXPM1(named("expm1", 1, (a, b) -> Math.expm1(a), "expm1(x) = exp(x) - 1, exact near 0").java("Math.expm1($0)")
      .latex("e^{$0} - 1").d((g, y) -> g.add(y, g.one()))),
  /** erf(x) = 2/sqrt(pi) times the integral of exp(-t^2) from 0 to x; Java has none, so classes get {@link SpecialFunctions#erf}. */
  ERF(named("erf", 1, (a, b) -> SpecialFunctions.erf(a), "erf(x), the error function").java("erf($0)").helper("erf")
      .latex("\\operatorname{erf}($0)").d((g, y) -> g.mul(g.constant(Numbers.TWO_OVER_SQRT_PI), g.apply(EXP, g.neg(g.square(a(y))))))),
  /** -1, 0 or 1; the derivative of abs. Piecewise constant: its derivative is zero wherever it exists. */
  SIGN(named("sign", 1, (a, b) -> Math.signum(a), "sign(x): -1, 0 or 1").java("Math.signum($0)")
      .latex("\\operatorname{sign}($0)").piecewiseConstant()),
  /** 1 where the argument is positive, else 0 (so step(0) = 0); the derivative of relu. */
  STEP(named("step", 1, (a, b) -> a > 0.0 ? 1.0 : 0.0, "step(x): 1 where x > 0, else 0").java("($0 > 0.0 ? 1.0 : 0.0)")
      .latex("[$0 > 0]").piecewiseConstant()),

  // vectors and matrices
  /** numpy's {@code @}: matrix@matrix, matrix@vector, vector@matrix, vector@vector. */
  // y = A @ B: dA = dy @ B^T, dB = A^T @ dy; with a vector operand the product becomes an outer
  // product (matrix @ vector) or a scaling (vector @ vector)
  MATMUL(array(null, 2, null).vjp(
      (g, y, dy) -> b(y).shape().rank() == 2 ? g.matmul(dy, g.transpose(b(y)))
          : a(y).shape().rank() == 2 ? g.outer(dy, b(y)) : g.mul(dy, b(y)),
      (g, y, dy) -> a(y).shape().rank() == 2 ? g.matmul(g.transpose(a(y)), dy)
          : b(y).shape().rank() == 2 ? g.outer(a(y), dy) : g.mul(dy, a(y)))
      // bilinear: each argument's tangent in its place
      .jvp((g, y, t) -> g.matmul(t, b(y)), (g, y, t) -> g.matmul(a(y), t))),
  /** Swaps a matrix's axes; the identity on vectors and scalars, as in numpy. */
  TRANSPOSE(array("transpose", 1, "transpose(A): A with its axes swapped").vjp((g, y, dy) -> g.transpose(dy))
      .jvp((g, y, t) -> g.transpose(t))),
  /** outer(u, v)[i,j] = u[i] v[j]: the adjoint shape of matrix@vector; du = dy @ v, dv = u @ dy. */
  OUTER(array("outer", 2, "outer(u, v)[i,j] = u[i] v[j]")
      .vjp((g, y, dy) -> g.matmul(dy, b(y)), (g, y, dy) -> g.matmul(a(y), dy))
      .jvp((g, y, t) -> g.outer(t, b(y)), (g, y, t) -> g.outer(a(y), t))),
  /** Row-wise on a matrix: da = y * (dy - rowsum(y * dy)); its Jacobian is symmetric, so the tangent has the same form. */
  SOFTMAX(array("softmax", 1, "softmax(v), row by row of a matrix").latex("\\mathtt{softmax}($0)")
      .vjp((g, y, dy) -> g.mul(y, g.sub(dy, g.sumTo(g.mul(y, dy), rowShape(y))))).rereadsAdjoint()
      .jvp((g, y, t) -> g.mul(y, g.sub(t, g.sumTo(g.mul(y, t), rowShape(y)))))),
  /** Row-wise, keeping the reduced axis: [n] gives a scalar, [m,n] gives [m,1]; da = softmax(a) * dy. */
  LOGSUMEXP(array("logsumexp", 1, "logsumexp(v), row by row of a matrix keeping the axis, without overflow; logsumexp(A, axis) drops it")
      .vjp((g, y, dy) -> g.mul(g.apply(Op.SOFTMAX, a(y)), dy))
      .jvp((g, y, t) -> g.sumTo(g.mul(g.apply(Op.SOFTMAX, a(y)), t), y.shape()))),
  /** A window of its argument ({@link Node#window()}, numpy's basic indexing); its adjoint puts dy back in place. */
  SLICE(array(null, 1, null).vjp((g, y, dy) -> g.pad(dy, y.window(), a(y).shape()))
      .jvp((g, y, t) -> g.slice(t, y.window(), y.shape()))),
  /** Its argument in a window of zeros of the node's shape: a slice's adjoint, and the parts of a concat. */
  PAD(array(null, 1, null).vjp((g, y, dy) -> g.slice(dy, y.window(), a(y).shape()))
      .jvp((g, y, t) -> g.pad(t, y.window(), y.shape()))),
  /** Repeats its argument to the node's shape (numpy broadcasting made explicit); its adjoint sums back. */
  BROADCAST(array(null, 1, null).eval((a, b) -> a).vjp((g, y, dy) -> g.sumTo(dy, a(y).shape()))
      .jvp((g, y, t) -> g.broadcast(t, y.shape()))),
  /**
   * The largest element of its argument down to the node's shape: max(A) is MAX_TO [], rowmax(A)
   * MAX_TO [m,1]. Ties share dy evenly (as JAX's max reduction does): each maximal element gets
   * dy / (how many there are).
   */
  MAX_TO(array(null, 1, null).vjp((g, y, dy) -> g.where(maximal(g, y), g.div(dy, ties(g, y)), g.zero()))
      .jvp((g, y, t) -> g.div(g.sumTo(g.where(maximal(g, y), t, g.zero()), y.shape()), ties(g, y)))),
  /** Sums its argument down to the node's shape: the adjoint of a broadcast; sum(A) is SUM_TO []. */
  SUM_TO(array(null, 1, null).vjp((g, y, dy) -> g.broadcast(dy, a(y).shape()))
      .jvp((g, y, t) -> g.sumTo(t, y.shape())));

  private static final Map<String, Op> BY_FUNCTION = Arrays.stream(values())
      .filter(op -> op.primitive.function != null)
      .collect(Collectors.toUnmodifiableMap(op -> op.primitive.function, Function.identity()));

  private static final Set<Op> WHOLE_ARRAY = EnumSet.of(MATMUL, TRANSPOSE, OUTER, SOFTMAX, LOGSUMEXP, SUM_TO, MAX_TO,
      SLICE, PAD);

  private final Primitive primitive;

  Op(Primitive primitive) {
    this.primitive = primitive;
  }

  public int arity() {
    return primitive.arity;
  }

  /** The name users call this op by, e.g. {@code "sigmoid"}; null for operators and leaves. */
  public String function() {
    return primitive.function;
  }

  /** A line for --help and the README: how to call it and what it is. */
  public String doc() {
    return primitive.doc;
  }

  /** What this elementwise op computes on doubles (a unary op ignores {@code b}); the Java form computes the same. */
  public double apply(double a, double b) {
    if (primitive.eval == null) throw new IllegalArgumentException(this + " is not elementwise");
    return primitive.eval.applyAsDouble(a, b);
  }

  /** As {@link #apply(double, double)}, for ops of any arity up to three (the others ignore {@code c}). */
  public double apply(double a, double b, double c) {
    return primitive.ternary != null ? primitive.ternary.apply(a, b, c) : apply(a, b);
  }

  /** The infix symbol of a comparison ({@code <}), or null. */
  public String symbol() {
    return primitive.symbol;
  }

  /** The Java template of a function, e.g. {@code Math.exp($0)}; null for operators, leaves and array ops. */
  public String java() {
    return primitive.java;
  }

  /** The helper method of {@code SpecialFunctions} the Java form calls, or null. */
  public String helper() {
    return primitive.helper;
  }

  /** The LaTeX template of a function, e.g. {@code \sigma($0)}; null where the printer has its own form. */
  public String latex() {
    return primitive.latex;
  }

  /** Where argument {@code i} is defined, for the random tests. */
  public Domain domain(int i) {
    return primitive.domains.isEmpty() ? ANY : primitive.domains.get(i);
  }

  /** Argument {@code i}'s share of the adjoint {@code dy} of {@code y}: local partial times dy, or the vector-Jacobian product. */
  public Primitive.Vjp vjp(int i) {
    if (!primitive.partials.isEmpty()) {
      Primitive.Partial partial = primitive.partials.get(i);
      return (g, y, dy) -> g.mul(partial.of(g, y), dy);
    }
    if (primitive.vjps.isEmpty()) throw new IllegalStateException("no derivative rule for " + this);
    return primitive.vjps.get(i);
  }

  /**
   * Argument {@code i}'s share of the tangent of {@code y}, given its tangent {@code t}: local partial
   * times t for an elementwise op (so every elementwise op has one), else the op's own rule.
   */
  public Primitive.Jvp jvp(int i) {
    if (!primitive.partials.isEmpty()) {
      Primitive.Partial partial = primitive.partials.get(i);
      return (g, y, t) -> g.mul(partial.of(g, y), t);
    }
    if (!primitive.jvps.isEmpty()) return primitive.jvps.get(i);
    if (isElementwise() && !primitive.vjps.isEmpty()) {
      // an elementwise gate's Jacobian is diagonal: its vjp is the same linear map, so it takes t for dy
      Primitive.Vjp vjp = primitive.vjps.get(i);
      return vjp::of;
    }
    throw new IllegalStateException("no tangent rule for " + this);
  }

  /** Whether every argument has a tangent rule, for forward mode (leaves need none). */
  public boolean hasTangentRule() {
    int rules = isElementwise() ? Math.max(primitive.partials.size(), primitive.vjps.size()) : primitive.jvps.size();
    return isLeaf() || Math.max(rules, primitive.jvps.size()) == arity();
  }

  /** Whether every argument has a rule (leaves need none). */
  public boolean isDifferentiable() {
    return isLeaf() || Math.max(primitive.partials.size(), primitive.vjps.size()) == arity();
  }

  /** Whether the vjp reads dy in two passes (softmax's row sum and product), so dy is better stored than recomputed. */
  public boolean rereadsAdjoint() {
    return primitive.rereadsAdjoint;
  }

  /** Constant between jumps (comparisons, sign, step): its derivative is 0, so no gradient flows through it. */
  public boolean isPiecewiseConstant() {
    return primitive.piecewiseConstant;
  }

  public boolean isLeaf() {
    return arity() == 0;
  }

  /** Acts element by element (with broadcasting); the other gates see whole arrays. */
  public boolean isElementwise() {
    return arity() > 0 && !WHOLE_ARRAY.contains(this);
  }

  /** Reads or writes its argument through a {@link Window}, built by {@link Graph#slice} and {@link Graph#pad}. */
  public boolean isWindowed() {
    return this == SLICE || this == PAD;
  }

  /** Takes its result shape as a parameter rather than from its arguments. */
  public boolean isShaped() {
    return this == BROADCAST || this == SUM_TO || this == MAX_TO;
  }

  public static Optional<Op> byFunction(String name) {
    return Optional.ofNullable(BY_FUNCTION.get(name));
  }

  public static Set<String> functionNames() {
    return BY_FUNCTION.keySet();
  }

  // ---- shorthands for the rules

  /** Numbers the rules use, in a class of their own: an enum constant cannot read a later static field. */
  private static final class Numbers {
    static final double LN2 = 0.6931471805599453;
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  }

  // the rules' references to ops declared further down (a constant cannot name a later one directly)
  private static Op xlogy() {
    return XLOGY;
  }

  private static Op log() {
    return LOG;
  }

  private static Op cos() {
    return COS;
  }

  private static Op sin() {
    return SIN;
  }

  private static Op greater() {
    return GREATER;
  }

  private static Op less() {
    return LESS;
  }

  private static Op cosh() {
    return COSH;
  }

  private static Op sigmoid() {
    return SIGMOID;
  }


  private static Node a(Node y) {
    return y.arg(0);
  }

  private static Node b(Node y) {
    return y.arg(1);
  }

  /** The shape of a per-row reduction of {@code y}: a scalar for a vector, [m,1] for a matrix. */
  private static Shape rowShape(Node y) {
    return y.shape().rank() == 2 ? Shape.of(y.shape().dim(0), Dim.ONE) : Shape.SCALAR;
  }

  /** Where a max reduction's argument equals its maximum (its row's, for a row-wise one). */
  private static Node maximal(Graph g, Node y) {
    return g.apply(greaterEqual(), a(y), y);
  }

  /** How many elements share the maximum: the count dy is split among. */
  private static Node ties(Graph g, Node y) {
    return g.sumTo(maximal(g, y), y.shape());
  }

  private static Op greaterEqual() {
    return GREATER_EQUAL;
  }

  /** The adjoint an argument of max gets: all of dy where it is the larger, none where smaller, half on a tie. */
  private static Node selected(Graph g, Node self, Node other, Node dy) {
    return g.where(g.apply(greater(), self, other), dy,
        g.where(g.apply(less(), self, other), g.zero(), g.mul(g.constant(0.5), dy)));
  }
}
