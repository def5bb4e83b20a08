package org.symdiff.simplify;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Rewriter;
import org.symdiff.graph.Shape;

/**
 * Local algebraic clean-up, applied by {@link Graph} to every node as it is built. Each rewrite
 * returns a node built through the graph (so it is simplified and shared in turn) and keeps the
 * value; {@link Graph} keeps a rewrite only when it also keeps the shape. Constants fold to what
 * IEEE arithmetic gives, NaN and infinities included. "x * 0 -> 0" and the other rewrites that drop
 * an operand follow the usual symbolic convention for values that only turn out non-finite at run
 * time (0 * log(x) at x = -1), but never drop an operand that reads a NaN or infinite constant.
 */
public final class Simplifier implements Rewriter {
  /** A graph that simplifies every node as it is built: what every stage but the simplifier's own tests uses. */
  public static Graph graph() {
    return new Graph(new Simplifier());
  }

  @Override
  public Rewriter fresh() {
    return new Simplifier();
  }

  private final Map<Rewrite, Integer> fired = new EnumMap<>(Rewrite.class);
  private final SumSpends spends = new SumSpends();
  /**
   * Canonical forms being built, one inside another: each is built of smaller ones, so this stays
   * small; the bound only makes sure a cycle of rewrites could not recurse without end.
   */
  private int rebuilding;
  private static final int MAX_REBUILDING = 64;

  /** Nodes of smaller ids are computed by the forward pass: see {@link Budget#paid}. */
  private int computedBelow;

  /**
   * Marks every node made so far as computed by the forward pass: the reverse sweep calls this
   * before it builds the backward program, whose canonical forms then do not spell out again what
   * the forward pass computes.
   */
  @Override
  public void forwardComputed(Graph g) {
    computedBelow = g.nodes().size();
  }

  /** Counts every gate as paid for where it is used, as in an expression printed as a tree ({@code --emit expr}). */
  @Override
  public void printedAsTrees() {
    computedBelow = 0;
  }

  /** How often each rewrite has fired in this graph (for tests and curiosity). */
  public Map<Rewrite, Integer> fired() {
    return fired;
  }

  /** The op a rewrite may look through: a pinned (user-named) node shows as an opaque variable. */
  static Op opOf(Graph g, Node n) {
    return g.isPinned(n) ? Op.VARIABLE : n.op();
  }

  /** A simpler node equal in value to {@code op(args)} of shape {@code shape}, or null to keep it. */
  @Override
  public Node simplify(Graph g, Op op, Shape shape, List<Node> args) {
    Node a = args.get(0);
    Node b = args.size() > 1 ? args.get(1) : null;
    if (op.isElementwise() && allConstant(args)) {
      return fire(Rewrite.FOLD_CONSTANTS, g.constant(op.apply(a.value(), b == null ? 0 : b.value(),
          args.size() > 2 ? args.get(2).value() : 0)));
    }
    Node local = switch (op) {
      case ADD -> add(g, a, b);
      case SUBTRACT -> subtract(g, a, b);
      case MULTIPLY -> multiply(g, a, b);
      case DIVIDE -> divide(g, a, b);
      case NEGATE -> negate(g, a);
      case POWER -> power(g, a, b);
      case LOG -> log(g, a);
      case TRANSPOSE -> transpose(g, a);
      case WHERE -> where(a, b, args.get(2));
      case SOFTMAX -> a.shape().fromRight(0).isOne() ? fire(Rewrite.SOFTMAX_OF_ONE, softmaxOfOne(g, a)) : null;
      case LOGSUMEXP -> a.shape().equals(shape) ? fire(Rewrite.LOGSUMEXP_OF_ONE, a) : null;
      case BROADCAST, SUM_TO, MAX_TO -> a.shape().equals(shape) ? fire(Rewrite.RESHAPE_SAME, a) : null;
      // like the canonical forms, only scalars: in array code they could make a stored value be recomputed
      case SQRT -> shape.isScalar() ? squareRoot(g, a) : null;
      case EXP -> shape.isScalar() ? exponential(g, a) : null;
      default -> null;
    };
    return local != null || !shape.isScalar() ? local : canonical(g, op, args);
  }

  private static boolean allConstant(List<Node> args) {
    for (Node arg : args) if (!arg.isConstant()) return false;
    return true;
  }

  /**
   * A scalar sum or product in canonical form ({@link SumForm}, {@link ProductForm}) when that is
   * no larger than the gate as built. Only scalars: an array sum may broadcast, and reordering its
   * operands would change the loops generated for it.
   */
  private Node canonical(Graph g, Op op, List<Node> args) {
    if (rebuilding > MAX_REBUILDING) return null;
    rebuilding++;
    try {
      return canonicalForm(g, op, args);
    } finally {
      rebuilding--;
    }
  }

  private Node canonicalForm(Graph g, Op op, List<Node> args) {
    Budget budget = new Budget(computedBelow);
    boolean sum = op == Op.ADD || op == Op.SUBTRACT || (op == Op.NEGATE && isSum(g, args.get(0)));
    if (sum) {
      if (spends.surelyOverBudget(g, args)) return null;
      SumForm s = SumForm.ofGate(g, op, args, budget);
      Node canonical = s == null ? null : s.canonical();
      if (canonical == null) return null;
      s.events().forEach(rewrite -> fire(rewrite, canonical));
      return fire(Rewrite.CANONICAL_SUM, canonical);
    }
    if (op != Op.MULTIPLY && op != Op.DIVIDE && op != Op.NEGATE && op != Op.POWER) return null;
    ProductForm p = ProductForm.ofGate(g, op, args, budget);
    List<Factor> factors = p == null ? null : p.factors();
    if (factors == null) return null;
    int ops = ProductForm.ops(p.coefficient(), factors);
    Node distributed = Distribution.of(g, p.coefficient(), factors, Math.min(ops, p.builtOps()), budget);
    if (distributed != null) return fire(Rewrite.DISTRIBUTE_PRODUCT, distributed);
    if (ops > p.builtOps() || (ops == p.builtOps() && !p.worthAtSameCost())) return null;
    p.events().forEach(rewrite -> fire(rewrite, null));
    return fire(Rewrite.CANONICAL_PRODUCT, ProductForm.build(g, p.coefficient(), factors));
  }

  private static boolean isSum(Graph g, Node n) {
    return opOf(g, n) == Op.ADD || opOf(g, n) == Op.SUBTRACT;
  }

  /** sqrt(x^2) = abs(x), and sqrt(x^(2k)) = abs(x)^k: exact for reals. */
  private Node squareRoot(Graph g, Node a) {
    if (opOf(g, a) != Op.POWER || !isEvenWhole(a.arg(1))) return null;
    return fire(Rewrite.ROOT_OF_SQUARE, g.pow(g.apply(Op.ABS, a.arg(0)), g.constant(a.arg(1).value() / 2)));
  }

  /** exp(log(x)) = x and exp(k * log(x)) = x ^ k, for x > 0, where log(x) is defined. */
  private Node exponential(Graph g, Node a) {
    if (opOf(g, a) == Op.LOG) return fire(Rewrite.EXP_LOG, a.arg(0));
    if (opOf(g, a) == Op.MULTIPLY && a.arg(0).isConstant() && opOf(g, a.arg(1)) == Op.LOG) {
      return fire(Rewrite.EXP_LOG, g.pow(a.arg(1).arg(0), a.arg(0)));
    }
    return null;
  }

  private static boolean isEvenWhole(Node n) {
    return n.isConstant() && ProductForm.isWhole(n.value() / 2);
  }

  /** A known condition picks its branch; equal branches need no condition. */
  private Node where(Node condition, Node a, Node b) {
    if (a == b) return fire(Rewrite.WHERE_SAME, a);
    if (!condition.isConstant()) return null;
    return fire(Rewrite.WHERE_KNOWN, condition.value() != 0.0 ? a : b);
  }

  /**
   * log(exp x) = x, and the numerically stable forms, which look through user names because they
   * only change how a value is computed: log(softmax z) = z - logsumexp z,
   * log(sigmoid z) = -softplus(-z), log(1 - sigmoid z) = -softplus(z).
   */
  private Node log(Graph g, Node a) {
    if (opOf(g, a) == Op.EXP) return fire(Rewrite.LOG_EXP, a.arg(0));
    if (a.op() == Op.SOFTMAX) {
      return fire(Rewrite.LOG_SOFTMAX, g.sub(a.arg(0), g.apply(Op.LOGSUMEXP, a.arg(0))));
    }
    if (a.op() == Op.SIGMOID) {
      return fire(Rewrite.LOG_SIGMOID, g.neg(g.apply(Op.SOFTPLUS, g.neg(a.arg(0)))));
    }
    if (a.op() == Op.SUBTRACT && a.arg(0).isConstant(1) && a.arg(1).op() == Op.SIGMOID) {
      return fire(Rewrite.LOG_ONE_MINUS_SIGMOID, g.neg(g.apply(Op.SOFTPLUS, a.arg(1).arg(0))));
    }
    return null;
  }

  /**
   * The softmax of rows of one element (a scalar among them) is 1 everywhere; written x - x + 1 when
   * x reads a NaN or infinite constant, so that the NaN survives as it does in the row-wise formula.
   */
  private static Node softmaxOfOne(Graph g, Node a) {
    return a.readsNonFinite() ? g.add(g.sub(a, a), g.one()) : g.one();
  }

  private Node transpose(Graph g, Node a) {
    if (a.shape().rank() < 2) return fire(Rewrite.TRANSPOSE_VECTOR, a);
    if (opOf(g, a) == Op.TRANSPOSE) return fire(Rewrite.TRANSPOSE_TWICE, a.arg(0));
    return null;
  }

  private Node add(Graph g, Node a, Node b) {
    if (b.isConstant(0)) return fire(Rewrite.ADD_ZERO, a);
    if (a.isConstant(0)) return fire(Rewrite.ADD_ZERO, b);
    if (opOf(g, b) == Op.NEGATE) return fire(Rewrite.ADD_NEGATED, g.sub(a, b.arg(0)));
    if (opOf(g, a) == Op.NEGATE) return fire(Rewrite.ADD_NEGATED, g.sub(b, a.arg(0)));
    if (a == b) return fire(Rewrite.ADD_SAME, g.mul(g.constant(2), a));
    return null;
  }

  private Node subtract(Graph g, Node a, Node b) {
    if (b.isConstant(0)) return fire(Rewrite.SUBTRACT_ZERO, a);
    if (a.isConstant(0)) return fire(Rewrite.SUBTRACT_ZERO, g.neg(b));
    if (a == b && !a.readsNonFinite()) return fire(Rewrite.SUBTRACT_SAME, g.zero());
    if (opOf(g, b) == Op.NEGATE) return fire(Rewrite.SUBTRACT_NEGATED, g.add(a, b.arg(0)));
    return null;
  }

  private Node multiply(Graph g, Node a, Node b) {
    if ((a.isConstant(0) || b.isConstant(0)) && !a.readsNonFinite() && !b.readsNonFinite()) {
      return fire(Rewrite.MULTIPLY_ZERO, g.zero());
    }
    if (a.isConstant(1)) return fire(Rewrite.MULTIPLY_ONE, b);
    if (b.isConstant(1)) return fire(Rewrite.MULTIPLY_ONE, a);
    if (a.isConstant(-1)) return fire(Rewrite.MULTIPLY_MINUS_ONE, g.neg(b));
    if (b.isConstant() && !a.isConstant()) return fire(Rewrite.CONSTANT_FIRST, g.mul(b, a));
    if (a.isConstant() && opOf(g, b) == Op.MULTIPLY && b.arg(0).isConstant()) {
      return fire(Rewrite.COLLECT_CONSTANTS, g.mul(g.mul(a, b.arg(0)), b.arg(1)));
    }
    if (opOf(g, a) == Op.NEGATE) return fire(Rewrite.MULTIPLY_NEGATED, g.neg(g.mul(a.arg(0), b)));
    if (opOf(g, b) == Op.NEGATE) return fire(Rewrite.MULTIPLY_NEGATED, g.neg(g.mul(a, b.arg(0))));
    if (isReciprocal(g, a)) return fire(Rewrite.MULTIPLY_RECIPROCAL, g.div(b, a.arg(1)));
    if (isReciprocal(g, b)) return fire(Rewrite.MULTIPLY_RECIPROCAL, g.div(a, b.arg(1)));
    if (a == b) return fire(Rewrite.MULTIPLY_SAME, g.square(a));
    return null;
  }

  private static boolean isReciprocal(Graph g, Node n) {
    return opOf(g, n) == Op.DIVIDE && n.arg(0).isConstant(1);
  }

  private Node divide(Graph g, Node a, Node b) {
    if (b.isConstant(1)) return fire(Rewrite.DIVIDE_ONE, a);
    if (a.isConstant(0) && !b.readsNonFinite()) return fire(Rewrite.DIVIDE_ZERO, g.zero());
    if (a == b && !a.readsNonFinite()) return fire(Rewrite.DIVIDE_SAME, g.one());
    if (opOf(g, a) == Op.NEGATE) return fire(Rewrite.DIVIDE_NEGATED, g.neg(g.div(a.arg(0), b)));
    return null;
  }

  private Node negate(Graph g, Node a) {
    if (opOf(g, a) == Op.NEGATE) return fire(Rewrite.NEGATE_NEGATED, a.arg(0));
    if (opOf(g, a) == Op.SUBTRACT) return fire(Rewrite.NEGATE_SUBTRACT, g.sub(a.arg(1), a.arg(0)));
    if (opOf(g, a) == Op.MULTIPLY && a.arg(0).isConstant()) {
      return fire(Rewrite.NEGATE_PRODUCT, g.mul(g.constant(-a.arg(0).value()), a.arg(1)));
    }
    if (opOf(g, a) == Op.DIVIDE && a.arg(0).isConstant()) {
      return fire(Rewrite.NEGATE_QUOTIENT, g.div(g.constant(-a.arg(0).value()), a.arg(1)));
    }
    return null;
  }

  private Node power(Graph g, Node a, Node b) {
    if (b.isConstant(1)) return fire(Rewrite.POWER_ONE, a);
    if (b.isConstant(0)) return fire(Rewrite.POWER_ZERO, g.one());
    if (a.isConstant(1) && !b.readsNonFinite()) return fire(Rewrite.ONE_TO_POWER, g.one());
    if (!a.shape().isScalar() || !b.isConstant() || !Double.isFinite(b.value())) return null;
    Op base = opOf(g, a);
    if (base == Op.POWER && isEvenWhole(a.arg(1)) && !ProductForm.isWhole(b.value())) {
      Node abs = g.apply(Op.ABS, a.arg(0));
      return fire(Rewrite.ROOT_OF_SQUARE, g.pow(abs, g.constant(a.arg(1).value() * b.value())));
    }
    if (base == Op.SQRT && isEvenWhole(b)) return fire(Rewrite.SQUARE_OF_ROOT, g.pow(a.arg(0), g.constant(b.value() / 2)));
    if (base == Op.ABS && isEvenWhole(b)) return fire(Rewrite.EVEN_POWER_OF_ABS, g.pow(a.arg(0), b));
    return null;
  }

  private Node fire(Rewrite rewrite, Node result) {
    fired.merge(rewrite, 1, Integer::sum);
    return result;
  }
}
