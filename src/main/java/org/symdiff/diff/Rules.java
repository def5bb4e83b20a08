package org.symdiff.diff;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * The derivative table: for every op, one rule per argument position, giving that argument's share
 * of the adjoint (a vector-Jacobian product). An elementwise rule is written as the local partial
 * d y / d a_i, with the graph's own builders and free to reuse y itself (exp' = y,
 * sigmoid' = y (1 - y), tanh' = 1 - y^2); it is multiplied by the gate's adjoint dy.
 * Each line can be checked against a calculus table; matrix rules against the matrix cookbook. Kinks follow one convention, documented in
 * the README: relu'(0) = 0, abs'(0) = sign(0) = 0, max/min split a tie evenly (1/2 each), and
 * d(x^y)/dy at x = 0 is its limit, 0 for y > 0 (as in PyTorch and JAX) rather than 0 log 0 = NaN.
 */
public final class Rules {
  private Rules() {}

  /** The local partial of {@code y} with respect to one of its arguments. */
  @FunctionalInterface
  interface Partial {
    Node of(Graph g, Node y);
  }

  /** One argument's share of the adjoint, given the gate {@code y} and its adjoint {@code dy}. */
  @FunctionalInterface
  public interface Vjp {
    Node of(Graph g, Node y, Node dy);
  }

  private static final Map<Op, List<Vjp>> TABLE = new EnumMap<>(Op.class);

  private static Node a(Node y) {
    return y.arg(0);
  }

  private static Node b(Node y) {
    return y.arg(1);
  }

  static {
    // y = a + b, a - b, a * b, a / b
    rule(Op.ADD, (g, y) -> g.one(), (g, y) -> g.one());
    rule(Op.SUBTRACT, (g, y) -> g.one(), (g, y) -> g.constant(-1));
    rule(Op.MULTIPLY, (g, y) -> b(y), (g, y) -> a(y));
    rule(Op.DIVIDE, (g, y) -> g.div(g.one(), b(y)), (g, y) -> g.neg(g.div(a(y), g.square(b(y)))));
    // y = a ^ b: b a^(b-1), and y log(a), which is 0 where y is (a = 0 < b): xlogy(y, a)
    rule(Op.POWER, (g, y) -> g.mul(b(y), g.pow(a(y), g.sub(b(y), g.one()))),
        (g, y) -> g.apply(Op.XLOGY, y, a(y)));
    // y = max(a, b): 1 where a wins, 1/2 on a tie, i.e. (1 + sign(a - b)) / 2
    rule(Op.MAX, (g, y) -> winner(g, a(y), b(y)), (g, y) -> winner(g, b(y), a(y)));
    rule(Op.MIN, (g, y) -> winner(g, b(y), a(y)), (g, y) -> winner(g, a(y), b(y)));
    // y = xlogy(a, b) = a log(b): log(b), and a / b
    rule(Op.XLOGY, (g, y) -> g.apply(Op.LOG, b(y)), (g, y) -> g.div(a(y), b(y)));

    rule(Op.NEGATE, (g, y) -> g.constant(-1));
    rule(Op.EXP, (g, y) -> y);
    rule(Op.LOG, (g, y) -> g.div(g.one(), a(y)));
    rule(Op.SQRT, (g, y) -> g.div(g.constant(0.5), y));
    rule(Op.SIN, (g, y) -> g.apply(Op.COS, a(y)));
    rule(Op.COS, (g, y) -> g.neg(g.apply(Op.SIN, a(y))));
    rule(Op.TAN, (g, y) -> g.add(g.one(), g.square(y)));
    rule(Op.TANH, (g, y) -> g.sub(g.one(), g.square(y)));
    rule(Op.ATAN, (g, y) -> g.div(g.one(), g.add(g.one(), g.square(a(y)))));
    rule(Op.SIGMOID, (g, y) -> g.mul(y, g.sub(g.one(), y)));
    rule(Op.RELU, (g, y) -> g.apply(Op.STEP, a(y)));
    rule(Op.ABS, (g, y) -> g.apply(Op.SIGN, a(y)));
    rule(Op.SOFTPLUS, (g, y) -> g.apply(Op.SIGMOID, a(y)));
    rule(Op.LOG1P, (g, y) -> g.div(g.one(), g.add(g.one(), a(y))));
    rule(Op.EXPM1, (g, y) -> g.add(y, g.one()));
    // piecewise constant: derivative zero wherever it exists
    rule(Op.SIGN, (g, y) -> g.zero());
    rule(Op.STEP, (g, y) -> g.zero());

    // y = A @ B: dA = dy @ B^T, dB = A^T @ dy; with a vector operand the product becomes an outer
    // product (matrix @ vector) or a scaling (vector @ vector)
    vjp(Op.MATMUL,
        (g, y, dy) -> b(y).shape().rank() == 2 ? g.matmul(dy, g.transpose(b(y)))
            : a(y).shape().rank() == 2 ? g.outer(dy, b(y)) : g.mul(dy, b(y)),
        (g, y, dy) -> a(y).shape().rank() == 2 ? g.matmul(g.transpose(a(y)), dy)
            : b(y).shape().rank() == 2 ? g.outer(a(y), dy) : g.mul(dy, a(y)));
    // y = outer(u, v): du = dy @ v, dv = u @ dy
    vjp(Op.OUTER, (g, y, dy) -> g.matmul(dy, b(y)), (g, y, dy) -> g.matmul(a(y), dy));
    vjp(Op.TRANSPOSE, (g, y, dy) -> g.transpose(dy));
    // y = softmax(a) per row: da = y * (dy - rowsum(y * dy))
    vjp(Op.SOFTMAX, (g, y, dy) -> g.mul(y, g.sub(dy, g.sumTo(g.mul(y, dy), rowShape(y)))));
    // y = logsumexp(a) per row: da = softmax(a) * dy
    vjp(Op.LOGSUMEXP, (g, y, dy) -> g.mul(g.apply(Op.SOFTMAX, a(y)), dy));
    // broadcasting and summing are each other's adjoints
    vjp(Op.BROADCAST, (g, y, dy) -> g.sumTo(dy, a(y).shape()));
    vjp(Op.SUM_TO, (g, y, dy) -> g.broadcast(dy, a(y).shape()));
  }

  /** The shape of a per-row reduction of {@code y}: a scalar for a vector, [m,1] for a matrix. */
  private static Shape rowShape(Node y) {
    return y.shape().rank() == 2 ? Shape.of(y.shape().dim(0), Dim.ONE) : Shape.SCALAR;
  }

  private static Node winner(Graph g, Node self, Node other) {
    return g.mul(g.constant(0.5), g.add(g.one(), g.apply(Op.SIGN, g.sub(self, other))));
  }

  /** An elementwise rule: each argument's share is its local partial times dy. */
  private static void rule(Op op, Partial... partials) {
    List<Vjp> vjps = java.util.Arrays.stream(partials)
        .map(p -> (Vjp) (g, y, dy) -> g.mul(p.of(g, y), dy)).toList();
    vjp(op, vjps.toArray(Vjp[]::new));
  }

  private static void vjp(Op op, Vjp... vjps) {
    if (vjps.length != op.arity()) throw new IllegalStateException(op + ": arity " + op.arity());
    TABLE.put(op, List.of(vjps));
  }

  /** The rule for argument {@code i} of {@code op}; throws if the table has none (never read as 0). */
  public static Vjp rule(Op op, int i) {
    List<Vjp> vjps = TABLE.get(op);
    if (vjps == null) throw new IllegalStateException("no derivative rule for " + op);
    return vjps.get(i);
  }

  /** Whether {@code op} has a rule for every argument (leaves need none). */
  public static boolean covers(Op op) {
    return op.isLeaf() || (TABLE.containsKey(op) && TABLE.get(op).size() == op.arity());
  }
}
