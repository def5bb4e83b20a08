package org.symdiff.simplify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * A scalar product seen as {@code coefficient * b1^e1 * b2^e2 ...} with numeric exponents, as
 * SymPy's {@code Mul.flatten} sees it: products, quotients, negations and numeric powers of
 * unnamed scalar gates are flattened, constants multiplied into the coefficient, and exponents of
 * equal bases added. Whole exponents distribute over products and powers, which is exact for
 * reals: {@code (x*y)^2 = x^2 * y^2}, {@code (x^3)^2 = x^6}; a fractional one does not
 * ({@code (x*y)^0.5} is defined where {@code x^0.5 * y^0.5} is not), so its base stays whole.
 * Adding exponents follows the symbolic convention of {@code x / x = 1}: it is exact wherever
 * both sides are defined ({@code x^2 / x^2 = 1} except at 0, {@code x^0.5 * x^0.5 = x} for
 * {@code x >= 0}). A square root is the power 1/2 ({@code x * sqrt(x) = x ^ 1.5}, for x >= 0 where
 * it is defined), written back as {@code sqrt}.
 */
final class ProductForm {
  private final Graph g;
  private final Budget budget;
  private double coefficient = 1;
  private int constants;
  /**
   * Each base and its exponent, in the order first seen: a budget's few nodes at most, so two
   * arrays searched in order, rather than a map with a boxed exponent per entry.
   */
  private Node[] bases = new Node[4];
  private double[] exponents = new double[4];
  private int size;
  /** Operations of the gate as built, over its bases: what a canonical form must not exceed. */
  private int builtOps;
  private Set<Rewrite> events = NONE;
  private static final Set<Rewrite> NONE = Set.of();
  /** Built in a form the canonical one reads better than at the same cost: {@code x * 2}, {@code x ^ (-1)}. */
  private boolean untidy;
  /** The gates of the operands worth opening, or null to open every one. */
  private Collecting collecting;

  private ProductForm(Graph g, Budget budget) {
    this.g = g;
    this.budget = budget;
  }

  /**
   * The form of the gate {@code op(args)} about to be built, or null when it is not a product or
   * too large. A product or quotient opens only the parts of its operands that take part in
   * collecting, those with a base the other operand has or a constant to fold, and keeps the
   * rest whole: {@code cos(u) * (cos(u) * D)} is {@code cos(u)^2 * D}, with {@code D} still the
   * one node it was (perhaps shared), not its factors laid out again.
   */
  static ProductForm ofGate(Graph g, Op op, List<Node> args, Budget budget) {
    ProductForm p = new ProductForm(g, budget);
    if (op == Op.MULTIPLY || op == Op.DIVIDE || op == Op.NEGATE) {
      Collecting collecting = Collecting.between(g, op, args);
      if (collecting == null) return null;
      p.collecting = collecting;
    }
    if (!p.gate(op, args, 1)) return null;
    p.builtOps++;
    return p.finish();
  }

  /** Which gates of the operands hold a base shared between them or a constant to fold: the ones opened. */
  private static final class Collecting {
    private final Graph g;
    /** The bases both operands have. */
    private final Node[] shared;
    private final boolean foldConstants;
    /** A quotient divided by: always opened, x / (1 / t) = x * t. */
    private final Node divisor;
    private Map<Node, Boolean> memo;

    private Collecting(Graph g, Node[] shared, boolean foldConstants, Node divisor) {
      this.g = g;
      this.shared = shared;
      this.foldConstants = foldConstants;
      this.divisor = divisor;
    }

    static Collecting between(Graph g, Op op, List<Node> args) {
      ProductForm left = ProductForm.of(g, args.get(0), new Budget());
      if (op == Op.NEGATE) return left == null ? null : new Collecting(g, new Node[0], true, null);
      ProductForm right = ProductForm.of(g, args.get(1), new Budget());
      if (left == null || right == null) return null;
      Node[] shared = new Node[Math.min(left.size, right.size)];
      int common = 0;
      for (int i = 0; i < left.size; i++) if (right.indexOf(left.bases[i]) >= 0) shared[common++] = left.bases[i];
      // a constant on the right of a product comes after the left's bases: untidy, so it moves to the front
      boolean fold = left.constants + right.constants >= 2
          || (op == Op.MULTIPLY && right.constants > 0 && left.size > 0);
      Node divisor = op == Op.DIVIDE && Simplifier.opOf(g, args.get(1)) == Op.DIVIDE ? args.get(1) : null;
      return new Collecting(g, Arrays.copyOf(shared, common), fold, divisor);
    }

    private boolean isShared(Node n) {
      for (Node s : shared) if (s == n) return true;
      return false;
    }

    boolean opens(Node n) {
      return !n.isConstant() && isFlattened(g, n) && (n == divisor || holds(n));
    }

    private boolean holds(Node n) {
      if (n.isConstant()) return foldConstants;
      if (!isFlattened(g, n)) return isShared(n);
      if (memo == null) memo = new HashMap<>();
      Boolean known = memo.get(n);
      if (known != null) return known;
      boolean holds = isShared(n);
      for (Node arg : n.args()) holds |= holds(arg);
      memo.put(n, holds);
      return holds;
    }
  }

  /** Whether a flattening walk looks inside {@code n} (at a whole exponent). */
  private static boolean isFlattened(Graph g, Node n) {
    if (!n.shape().isScalar()) return false;
    return switch (Simplifier.opOf(g, n)) {
      case MULTIPLY, DIVIDE, NEGATE, SQRT -> true;
      case POWER -> n.arg(1).isConstant() && Double.isFinite(n.arg(1).value());
      default -> false;
    };
  }

  /** The form of an existing node (a base of exponent 1 when it is no product), or null when too large. */
  static ProductForm of(Graph g, Node n, Budget budget) {
    ProductForm p = new ProductForm(g, budget);
    p.add(n, 1);
    return p.finish();
  }

  private ProductForm finish() {
    if (constants >= 2) event(Rewrite.FOLD_COEFFICIENTS);
    return budget.stopped() ? null : this;
  }

  double coefficient() {
    return coefficient;
  }

  int builtOps() {
    return builtOps;
  }

  Set<Rewrite> events() {
    return events;
  }

  /** Whether the canonical form is worth building at the same cost: it collected something, or reads better. */
  boolean worthAtSameCost() {
    if (untidy) return true;
    for (Rewrite r : events) if (r.collects()) return true;
    return false;
  }

  private void event(Rewrite r) {
    if (events == NONE) events = EnumSet.noneOf(Rewrite.class);
    events.add(r);
  }

  private int indexOf(Node base) {
    for (int i = 0; i < size; i++) if (bases[i] == base) return i;
    return -1;
  }

  /**
   * The factors in canonical order, bases whose exponents cancelled left out; null (and the budget
   * stopped) when a cancelled base reads a NaN or infinite constant, which must not be dropped.
   */
  List<Factor> factors() {
    List<Factor> factors = new ArrayList<>(size);
    boolean nonFinite = false;
    for (int i = 0; i < size; i++) {
      if (exponents[i] != 0) factors.add(new Factor(bases[i], exponents[i]));
      else if (bases[i].readsNonFinite()) budget.stop();
      nonFinite |= bases[i].readsNonFinite();
    }
    if (coefficient == 0 && nonFinite) budget.stop();
    factors.sort(CanonicalOrder.FACTORS);
    return budget.stopped() ? null : factors;
  }

  private void add(Node n, double e) {
    if (!budget.spend()) return;
    if (n.isConstant()) {
      untidy |= size > 0 && e > 0; // x * 2 is untidy, x / 2 is not
      constant(n.value(), e);
    } else if (n.shape().isScalar() && (collecting == null || collecting.opens(n))
        && gate(Simplifier.opOf(g, n), n.args(), e)) {
      if (!budget.paid(n)) builtOps++;
    } else {
      base(n, e);
    }
  }

  /** Multiplies in {@code n ^ e}: a new base, or a like factor whose exponents add. */
  private void base(Node n, double e) {
    int i = indexOf(n);
    if (i >= 0) {
      event(Rewrite.LIKE_FACTORS);
      exponents[i] += e;
      return;
    }
    if (size == bases.length) {
      bases = Arrays.copyOf(bases, 2 * size);
      exponents = Arrays.copyOf(exponents, 2 * size);
    }
    bases[size] = n;
    exponents[size++] = e;
  }

  /** Flattens {@code op(args)} raised to {@code e}; false when it is a base. */
  private boolean gate(Op op, List<Node> args, double e) {
    if (op == Op.SQRT) {
      // sqrt(b) ^ e = b ^ (e / 2) wherever sqrt(b) is defined
      add(args.get(0), e / 2);
      return true;
    }
    if (!isWhole(e)) return false;
    boolean underPower = e != 1 && e != -1;
    switch (op) {
      case MULTIPLY -> {
        add(args.get(0), e);
        add(args.get(1), e);
      }
      case DIVIDE -> {
        if (e < 0) event(Rewrite.QUOTIENT_OF_QUOTIENT);
        add(args.get(0), e);
        add(args.get(1), -e);
      }
      case NEGATE -> {
        if (Math.abs(e) % 2 == 1) coefficient = -coefficient;
        add(args.get(0), e);
      }
      case POWER -> {
        Node exponent = args.get(1);
        if (!exponent.isConstant() || !Double.isFinite(exponent.value())) return false;
        if (underPower) event(Rewrite.POWER_OF_POWER);
        untidy |= exponent.value() < 0 && e > 0;
        add(args.get(0), e * exponent.value());
        return true;
      }
      default -> {
        return false;
      }
    }
    if (underPower) event(Rewrite.POWER_OF_PRODUCT);
    return true;
  }

  private void constant(double v, double e) {
    if (!Double.isFinite(v)) {
      budget.stop();
      return;
    }
    coefficient *= e == 1 ? v : e == -1 ? 1 / v : Math.pow(v, e);
    constants++;
    if (!Double.isFinite(coefficient)) budget.stop();
  }

  static boolean isWhole(double e) {
    return e == Math.rint(e) && Math.abs(e) <= 1 << 20;
  }

  // ---- the canonical form: coefficient * (numerator / denominator), each a product in canonical order

  /** Operations of {@link #build}'s result, over the bases. */
  static int ops(double coefficient, List<Factor> factors) {
    int numerator = 0;
    int denominator = 0;
    int ops = 0;
    for (Factor f : factors) {
      if (f.exponent() > 0) numerator++;
      else denominator++;
      if (Math.abs(f.exponent()) != 1) ops++;
    }
    ops += Math.max(0, numerator - 1) + denominator;
    if (coefficient != 1 && numerator > 0) ops++;
    return ops;
  }

  /**
   * {@code coefficient * factors}: the factors of positive exponent multiplied in canonical order,
   * divided by those of negative exponent ({@code x / sqrt(s)}, not {@code x * sqrt(s) ^ -1});
   * a lone coefficient over a denominator is the quotient's numerator ({@code 2 / x}).
   */
  static Node build(Graph g, double coefficient, List<Factor> factors) {
    Node numerator = null;
    Node denominator = null;
    for (Factor f : factors) {
      Node power = power(g, f.base(), Math.abs(f.exponent()));
      if (f.exponent() > 0) numerator = numerator == null ? power : g.mul(numerator, power);
      else denominator = denominator == null ? power : g.mul(denominator, power);
    }
    if (numerator == null) {
      return denominator == null ? g.constant(coefficient) : g.div(g.constant(coefficient), denominator);
    }
    Node unit = denominator == null ? numerator : g.div(numerator, denominator);
    if (coefficient == 1) return unit;
    // x / 3 rather than 0.3333333333333333 * x: exact, and it reads so
    double k = 1 / coefficient;
    if (k >= 2 && k == Math.rint(k) && 1 / k == coefficient) return g.div(unit, g.constant(k));
    return coefficient == -1 ? g.neg(unit) : g.mul(g.constant(coefficient), unit);
  }

  private static Node power(Graph g, Node base, double exponent) {
    if (exponent == 1) return base;
    return exponent == 0.5 ? g.apply(Op.SQRT, base) : g.pow(base, g.constant(exponent));
  }
}
