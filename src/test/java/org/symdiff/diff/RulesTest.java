package org.symdiff.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;
import org.symdiff.graph.Window;
import org.symdiff.simplify.Simplifier;

/**
 * The derivative table, op by op: every gate has a rule for each argument, and each rule agrees
 * with finite differences at a few points of its domain, away from kinks (those are pinned by
 * KinkConventionTest); a function of one argument without cases here is checked at its
 * domain's sample points. A gate with an array result is checked through a random projection,
 * sum(y * r), as jax's check_vjp does. Each tangent (forward-mode) rule is checked the same way,
 * along a random direction against central differences, as jax's check_jvp does. Adding an op
 * without both rules fails.
 */
class RulesTest {
  /** Argument shapes, the result shape for shaped ops (else null), and points: one array per argument. */
  private record Case(List<Shape> shapes, Shape target, List<double[][]> points, Window window) {
    Case(List<Shape> shapes, Shape target, List<double[][]> points) {
      this(shapes, target, points, null);
    }

    @Override
    public String toString() {
      return shapes + (target == null ? "" : " -> " + target);
    }
  }

  private static final Map<Op, List<Case>> CASES = new EnumMap<>(Op.class);

  /** Scalar arguments at the given points (one number per argument). */
  private static void scalar(Op op, double[]... points) {
    List<double[][]> bound = Arrays.stream(points)
        .map(p -> Arrays.stream(p).mapToObj(v -> new double[] {v}).toArray(double[][]::new)).toList();
    CASES.computeIfAbsent(op, o -> new ArrayList<>())
        .add(new Case(Collections.nCopies(op.arity(), Shape.SCALAR), null, bound));
  }

  /** Arguments of the given shapes at three random points with entries in [-1, 1]. */
  private static void arrays(Op op, Shape target, Shape... shapes) {
    arrays(op, target, -1, shapes);
  }

  /** Arguments of the given shapes at three random points with entries in [low, low + 2]. */
  private static void arrays(Op op, Shape target, double low, Shape... shapes) {
    Random random = new Random(31L * op.ordinal() + CASES.getOrDefault(op, List.of()).size());
    List<double[][]> points = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      points.add(Arrays.stream(shapes).map(s -> randomValues(random, s, low)).toArray(double[][]::new));
    }
    CASES.computeIfAbsent(op, o -> new ArrayList<>()).add(new Case(List.of(shapes), target, points));
  }

  /** A slice or pad of {@code from} through {@code window} into {@code target}, at three random points. */
  private static void windowed(Op op, Shape from, Window window, Shape target) {
    Random random = new Random(17L * op.ordinal() + CASES.getOrDefault(op, List.of()).size());
    List<double[][]> points = new ArrayList<>();
    for (int p = 0; p < 3; p++) points.add(new double[][] {randomValues(random, from, -1)});
    CASES.computeIfAbsent(op, o -> new ArrayList<>()).add(new Case(List.of(from), target, points, window));
  }

  private static double[] randomValues(Random random, Shape shape, double low) {
    return random.doubles(shape.size(), low, low + 2).toArray();
  }

  static {
    for (Op op : List.of(Op.ADD, Op.SUBTRACT, Op.MULTIPLY, Op.DIVIDE)) {
      scalar(op, new double[] {1.3, -0.7}, new double[] {-2, 0.5}, new double[] {0.25, 3});
      // broadcasting: the [3] argument's share is summed over the rows (positive, so no pole)
      arrays(op, null, 0.5, Shape.of(2, 3), Shape.of(3));
    }
    scalar(Op.POWER, new double[] {1.5, 2.5}, new double[] {0.7, -1.3}, new double[] {2, 3}, new double[] {3, 0.5});
    scalar(Op.MAX, new double[] {1, 2}, new double[] {2, -1}, new double[] {-0.5, -0.4});
    scalar(Op.MIN, new double[] {1, 2}, new double[] {2, -1}, new double[] {-0.5, -0.4});
    scalar(Op.XLOGY, new double[] {1.5, 2.5}, new double[] {-0.7, 0.3}, new double[] {2, 7});
    for (Op op : List.of(Op.LESS, Op.LESS_EQUAL, Op.GREATER, Op.GREATER_EQUAL)) {
      scalar(op, new double[] {1, 2}, new double[] {2, -1});
    }
    // a condition of 0 would flip under any step: the branch not taken is KinkConventionTest's
    scalar(Op.WHERE, new double[] {1, 0.5, -2}, new double[] {-3, 1.5, 2});
    arrays(Op.WHERE, null, Shape.of(2, 3), Shape.of(3), Shape.SCALAR);
    // every other elementwise function of one argument: at the sample points of its domain
    for (Op op : Op.values()) {
      if (op.isElementwise() && op.arity() == 1 && !op.isShaped() && !CASES.containsKey(op)) {
        scalar(op, Arrays.stream(op.domain(0).samples()).mapToObj(v -> new double[] {v}).toArray(double[][]::new));
      }
    }

    windowed(Op.SLICE, Shape.of(5), Window.ofVector(1, true), Shape.of(3));
    windowed(Op.SLICE, Shape.of(5), Window.ofVector(4, false), Shape.SCALAR);
    windowed(Op.SLICE, Shape.of(3, 4), new Window(1, 1, true, true), Shape.of(2, 2));
    windowed(Op.SLICE, Shape.of(3, 4), new Window(0, 2, true, false), Shape.of(3));
    windowed(Op.PAD, Shape.of(3), Window.ofVector(2, true), Shape.of(5));
    windowed(Op.PAD, Shape.of(2, 2), new Window(1, 2, true, true), Shape.of(3, 4));
    windowed(Op.PAD, Shape.of(4), new Window(2, 0, false, true), Shape.of(3, 4));
    arrays(Op.MATMUL, null, Shape.of(2, 3), Shape.of(3, 4));
    arrays(Op.MATMUL, null, Shape.of(2, 3), Shape.of(3));
    arrays(Op.MATMUL, null, Shape.of(3), Shape.of(3, 2));
    arrays(Op.MATMUL, null, Shape.of(3), Shape.of(3));
    arrays(Op.OUTER, null, Shape.of(2), Shape.of(3));
    arrays(Op.TRANSPOSE, null, Shape.of(2, 3));
    arrays(Op.SOFTMAX, null, Shape.of(4));
    arrays(Op.SOFTMAX, null, Shape.of(2, 3));
    arrays(Op.LOGSUMEXP, null, Shape.of(4));
    arrays(Op.LOGSUMEXP, null, Shape.of(2, 3));
    arrays(Op.BROADCAST, Shape.of(2, 3), Shape.of(3));
    arrays(Op.BROADCAST, Shape.of(2, 3), Shape.of(2, 1));
    arrays(Op.BROADCAST, Shape.of(3), Shape.SCALAR);
    arrays(Op.SUM_TO, Shape.of(3), Shape.of(2, 3));
    arrays(Op.MAX_TO, Shape.SCALAR, Shape.of(2, 3));
    arrays(Op.MAX_TO, Shape.of(2, 1), Shape.of(2, 3));
    arrays(Op.MAX_TO, Shape.SCALAR, Shape.of(4));
    arrays(Op.SUM_TO, Shape.of(2, 1), Shape.of(2, 3));
    arrays(Op.SUM_TO, Shape.SCALAR, Shape.of(2, 3));
  }

  @TestFactory
  Stream<DynamicTest> everyGateHasARuleForEachArgument() {
    return Arrays.stream(Op.values()).filter(op -> !op.isLeaf()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      assertThat(op.isDifferentiable()).as(op + " has a rule for every argument").isTrue();
      for (int i = 0; i < op.arity(); i++) assertThat(op.vjp(i)).isNotNull();
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleMatchesFiniteDifferences() {
    return Arrays.stream(Op.values()).filter(op -> !op.isLeaf()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      assertThat(CASES).as("cases to check " + op + "'s rule at (add them to RulesTest)").containsKey(op);
      for (Case c : CASES.get(op)) {
        for (double[][] at : c.points) {
          GradientCheck.Report report = check(op, c, at);
          String where = op + " " + c + " at " + Arrays.deepToString(at);
          assertThat(report.smooth()).as(where + " is smooth").isTrue();
          assertThat(report.passed()).as(where + ": " + report.entries()).isTrue();
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyTangentRuleMatchesFiniteDifferences() {
    return Arrays.stream(Op.values()).filter(op -> !op.isLeaf()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      assertThat(op.hasTangentRule()).as(op + " has a tangent rule for every argument").isTrue();
      for (Case c : CASES.get(op)) {
        for (double[][] at : c.points) checkTangent(op, c, at);
      }
    }));
  }

  /** The tangent of {@code op}'s gate along a random direction against (y(x + h u) - y(x - h u)) / 2h. */
  private static void checkTangent(Op op, Case c, double[][] at) {
    Graph g = Simplifier.graph();
    Map<Node, double[]> point = new LinkedHashMap<>();
    Map<Node, double[]> direction = new LinkedHashMap<>();
    Random random = new Random(Arrays.deepHashCode(at));
    for (int i = 0; i < op.arity(); i++) {
      Node a = g.variable("a" + i, c.shapes.get(i));
      point.put(a, at[i]);
      direction.put(a, randomValues(random, a.shape(), -1));
    }
    List<Node> args = List.copyOf(point.keySet());
    Node y = gate(g, op, c, args);
    Tangents tangents = Tangents.forward(g, args, List.of(y), n -> true);
    org.symdiff.eval.Evaluator e = new org.symdiff.eval.Evaluator(point);
    e.tangents(tangents, direction);
    // a piecewise-constant gate has no tangent step: its tangent is zero
    double[] analytic = e.tangent(g.tangent(y));
    if (analytic == null) analytic = new double[y.shape().size()];
    double h = 1e-5;
    double[] plus = new org.symdiff.eval.Evaluator(moved(point, direction, h)).value(y);
    double[] minus = new org.symdiff.eval.Evaluator(moved(point, direction, -h)).value(y);
    for (int k = 0; k < analytic.length; k++) {
      double numeric = (plus[k] - minus[k]) / (2 * h);
      assertThat(analytic[k]).as(op + " " + c + " at " + Arrays.deepToString(at) + ", element " + k)
          .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6 * (1 + Math.abs(numeric))));
    }
  }

  /** The gate under test over {@code args}: a slice or pad through the case's window, else {@code op} itself. */
  private static Node gate(Graph g, Op op, Case c, List<Node> args) {
    return op == Op.SLICE ? g.slice(args.get(0), c.window, c.target)
        : op == Op.PAD ? g.pad(args.get(0), c.window, c.target) : g.apply(op, c.target, args);
  }

  private static Map<Node, double[]> moved(Map<Node, double[]> point, Map<Node, double[]> direction, double h) {
    Map<Node, double[]> moved = new LinkedHashMap<>();
    point.forEach((v, x) -> {
      double[] u = direction.get(v);
      double[] m = x.clone();
      for (int k = 0; k < m.length; k++) m[k] += h * u[k];
      moved.put(v, m);
    });
    return moved;
  }

  /**
   * {@code op} over fresh variables, differentiated and compared with finite differences at
   * {@code at}; an array result is reduced by a random projection, which is not differentiated.
   */
  private static GradientCheck.Report check(Op op, Case c, double[][] at) {
    Graph g = Simplifier.graph();
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (int i = 0; i < op.arity(); i++) point.put(g.variable("a" + i, c.shapes.get(i)), at[i]);
    List<Node> args = List.copyOf(point.keySet());
    Node y = gate(g, op, c, args);
    assertThat(y.op()).as("the gate under test, not a simplification of it").isEqualTo(op);
    Node output = y;
    if (!y.shape().isScalar()) {
      Node projection = g.variable("r", y.shape());
      point.put(projection, randomValues(new Random(Arrays.deepHashCode(at)), y.shape(), -1));
      output = g.sum(g.mul(y, projection));
    }
    return GradientCheck.at(ReverseSweep.differentiate(g, output, args), point);
  }
}
