package org.symdiff.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * The derivative table, op by op: every gate has a rule for each argument, and each rule agrees
 * with finite differences at a few points of its domain, away from kinks (those are pinned by
 * KinkConventionTest). Adding an op without a rule, or without points here, fails this test.
 */
class RulesTest {
  private static final Map<Op, double[][]> POINTS = new EnumMap<>(Op.class);

  private static void points(Op op, double[]... points) {
    POINTS.put(op, points);
  }

  static {
    for (Op op : List.of(Op.ADD, Op.SUBTRACT, Op.MULTIPLY, Op.DIVIDE)) {
      points(op, new double[] {1.3, -0.7}, new double[] {-2, 0.5}, new double[] {0.25, 3});
    }
    points(Op.POWER, new double[] {1.5, 2.5}, new double[] {0.7, -1.3}, new double[] {2, 3}, new double[] {3, 0.5});
    points(Op.MAX, new double[] {1, 2}, new double[] {2, -1}, new double[] {-0.5, -0.4});
    points(Op.MIN, new double[] {1, 2}, new double[] {2, -1}, new double[] {-0.5, -0.4});
    for (Op op : List.of(Op.NEGATE, Op.EXP, Op.SIN, Op.COS, Op.TAN, Op.TANH, Op.ATAN, Op.SIGMOID, Op.SOFTPLUS,
        Op.RELU, Op.ABS, Op.EXPM1, Op.SIGN, Op.STEP)) {
      points(op, new double[] {-1.2}, new double[] {0.3}, new double[] {1.4});
    }
    points(Op.LOG, new double[] {0.2}, new double[] {1.5}, new double[] {7});
    points(Op.SQRT, new double[] {0.25}, new double[] {2}, new double[] {9});
    points(Op.LOG1P, new double[] {-0.5}, new double[] {0.2}, new double[] {3});
  }

  @TestFactory
  Stream<DynamicTest> everyGateHasARuleForEachArgument() {
    return Arrays.stream(Op.values()).filter(op -> !op.isLeaf()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      assertThat(Rules.covers(op)).as("Rules has a rule for every argument of " + op).isTrue();
      for (int i = 0; i < op.arity(); i++) assertThat(Rules.rule(op, i)).isNotNull();
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleMatchesFiniteDifferences() {
    return Arrays.stream(Op.values()).filter(op -> !op.isLeaf()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      assertThat(POINTS).as("points to check " + op + "'s rule at (add them to RulesTest)").containsKey(op);
      for (double[] at : POINTS.get(op)) {
        GradientCheck.Report report = check(op, at);
        assertThat(report.smooth()).as(op + " is smooth at " + Arrays.toString(at)).isTrue();
        assertThat(report.passed()).as(op + " at " + Arrays.toString(at) + ": " + report.entries()).isTrue();
      }
    }));
  }

  /** {@code op(a, b, ...)} over fresh variables, differentiated and compared with finite differences at {@code at}. */
  private static GradientCheck.Report check(Op op, double[] at) {
    Graph g = new Graph();
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (int i = 0; i < op.arity(); i++) point.put(g.variable("a" + i, Shape.SCALAR), new double[] {at[i]});
    List<Node> args = List.copyOf(point.keySet());
    Node y = g.apply(op, args);
    assertThat(y.op()).as("the gate under test, not a simplification of it").isEqualTo(op);
    return GradientCheck.at(ReverseSweep.differentiate(g, y, args), point);
  }
}
