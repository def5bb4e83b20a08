package org.symdiff.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;
import org.symdiff.simplify.Simplifier;

/**
 * Reverse mode costs a constant factor of the forward graph: the backward program and the closed
 * form add at most a few nodes per gate, for a chain of 10^5 gates and for a wide tree. Counts,
 * never timings; the chain also shows that nothing recurses once per gate.
 */
class ScalingTest {
  private static final int GATES = 100_000;
  /** Per forward gate: its adjoint leaf and the nodes of its local partials times that adjoint. */
  private static final int NODES_PER_GATE = 4;

  @Test
  void aLongChainDifferentiatesInLinearSize() {
    Graph g = Simplifier.graph();
    Node x = g.variable("x", Shape.SCALAR);
    Node y = g.variable("y", Shape.SCALAR);
    Node v = x;
    while (g.nodes().size() < GATES) v = g.add(g.mul(v, y), g.apply(Op.SIN, v));
    assertLinear(g, v, List.of(x, y), Map.of(x, new double[] {0.1}, y, new double[] {0.5}));
  }

  @Test
  void aWideTreeDifferentiatesInLinearSize() {
    Graph g = Simplifier.graph();
    Node x = g.variable("x", Shape.SCALAR);
    List<Node> level = new ArrayList<>();
    for (int i = 1; i <= 1 << 13; i++) level.add(g.apply(Op.SIN, g.mul(g.constant(i), x)));
    while (level.size() > 1) {
      List<Node> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) next.add(g.add(level.get(i), level.get(i + 1)));
      level = next;
    }
    assertLinear(g, level.get(0), List.of(x), null);
  }

  /**
   * What --emit java refuses before differentiating rests on a lower bound of the contributions:
   * never above what the sweep makes, on random expressions, and exact for a sum of inputs.
   */
  @Test
  void contributionsAtLeastNeverOvercounts() {
    java.util.Random random = new java.util.Random(13);
    org.symdiff.testing.RandomExpressions expressions = new org.symdiff.testing.RandomExpressions(random);
    for (int i = 0; i < 300; i++) {
      org.symdiff.graph.Model model = org.symdiff.Symdiff.load(new org.symdiff.ast.Source("<expr>", expressions.next()));
      long atLeast = ReverseSweep.contributionsAtLeast(model.output(), model.defaultWrt());
      Gradient gradient = org.symdiff.Symdiff.differentiate(model);
      assertThat(atLeast).isLessThanOrEqualTo(gradient.steps().stream().mapToLong(s -> s.contributions().size()).sum());
    }
    Graph g = Simplifier.graph();
    List<Node> inputs = new ArrayList<>();
    Node sum = g.variable("x0", Shape.SCALAR);
    inputs.add(sum);
    for (int i = 1; i < 1000; i++) {
      Node x = g.variable("x" + i, Shape.SCALAR);
      inputs.add(x);
      sum = i % 3 == 0 ? g.sub(sum, x) : g.add(sum, x);
    }
    assertThat(ReverseSweep.contributionsAtLeast(sum, inputs)).isEqualTo(1998);
    Gradient gradient = ReverseSweep.differentiate(g, sum, inputs);
    assertThat(gradient.steps().stream().mapToLong(s -> s.contributions().size()).sum()).isEqualTo(1998);
  }

  /** Also evaluates the gradient at {@code point} unless it is null. */
  private static void assertLinear(Graph g, Node output, List<Node> wrt, Map<Node, double[]> point) {
    int forwardNodes = g.nodes().size();
    Gradient gradient = ReverseSweep.differentiate(g, output, wrt);
    int backwardNodes = g.nodes().size() - forwardNodes;
    assertThat(gradient.steps()).hasSize(gradient.forward().size());
    assertThat(backwardNodes).isLessThanOrEqualTo(NODES_PER_GATE * forwardNodes);

    int beforeClosedForm = g.nodes().size();
    ClosedForm.of(g, gradient);
    assertThat(g.nodes().size() - beforeClosedForm).isLessThanOrEqualTo(NODES_PER_GATE * forwardNodes);

    if (point == null) return;
    Evaluator.Result result = Evaluator.gradient(gradient, point);
    assertThat(result.value()).isFinite();
    for (Node v : wrt) assertThat(result.gradient().get(v)[0]).isFinite();
  }
}
