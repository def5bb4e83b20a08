package org.symdiff.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;
import org.symdiff.simplify.Simplifier;

/** Equal subexpressions are one node, however and wherever they are written. */
class HashConsingTest {

  @Test
  void askingTwiceGivesTheSameNode() {
    for (Graph g : new Graph[] {Simplifier.graph(), Graph.unsimplified()}) {
      Node x = g.variable("x", Shape.SCALAR);
      Node y = g.variable("y", Shape.SCALAR);
      int before = g.nodes().size();
      assertThat(g.add(x, y)).isSameAs(g.add(x, y));
      assertThat(g.apply(Op.SIN, g.add(x, y))).isSameAs(g.apply(Op.SIN, g.add(x, y)));
      assertThat(g.constant(2.5)).isSameAs(g.constant(2.5));
      assertThat(g.variable("x", Shape.SCALAR)).isSameAs(x);
      assertThat(g.nodes()).hasSize(before + 3);
    }
  }

  @Test
  void repeatedSourceTextIsOneGate() {
    Differentiated model = Differentiated.of("sin(x + y) + cos(x + y) * (x + y)");
    long sums = model.model().graph().nodes().stream()
        .filter(n -> n.op() == Op.ADD && n.args().stream().allMatch(a -> a.op() == Op.VARIABLE))
        .count();
    assertThat(sums).isEqualTo(1);
    assertThat(model.gradient().forward().stream().filter(n -> n.op() == Op.ADD)).hasSize(2);
  }

  @Test
  void generatedCodeComputesASharedValueOnce() {
    String source = CompiledGradient.source(Differentiated.of("sin(x + y) + cos(x + y)"), "Shared");
    String valueMethod = source.substring(source.indexOf("value(double x"), source.indexOf("gradient(double x"));
    assertThat(valueMethod.split("x \\+ y", -1)).as(valueMethod).hasSize(2);
  }
}
