package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.symdiff.graph.Node;
import org.symdiff.testing.Agreement;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;

/**
 * A forward section that is one loop runs inside the backward section's first loop of its shape,
 * so {@code gradient} makes one pass; the scalar arithmetic around the loop keeps its order, and
 * whatever of the backward reads the loop's totals waits for them.
 */
class FusedLoopTest {
  /** Programs whose gradient is one pass over the inputs, each with why it is a case of its own. */
  private static final List<String> FUSED = List.of(
      // the seed of the backward is a constant: the loop's one request joins the backward's
      "dim n = 7; input x[n]; f = sum(100 * (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2)",
      // arithmetic after the loop (a mean), whose adjoint is a constant
      "dim N; input x[N]; param w[N]; L = mean((w * x - 1) ^ 2)",
      // arithmetic after the loop whose adjoint reads the loop's total: dw shares the loop, dx waits for it
      "dim n = 5; param x[n], w[n]; L = log(sum(exp(x))) + sum(w * w)",
      // a value the loop stores for the backward, which reads it at the same index
      "dim n = 6; param x[n], w[n]; L = sum(tanh(x) * w) * 0.5",
      // scalar arithmetic before the loop, read inside it
      "input s; dim n = 4; param x[n]; t = s * s + 1; L = sum(t * x ^ 2) + t");

  /** Forward sections of several loops, or loops with something computed before them: not fused. */
  private static final List<String> NOT_FUSED = List.of(
      "dim n = 4; param x[n]; h = exp(x); L = sum(h) * sum(h[1:])",
      // one loop, but every backward loop reads its total: it would run on its own
      "dim n = 5; param x[n]; L = log(sum(exp(x)))",
      "dim n = 6; param x[n]; r = sin(x) - 1; L = sum(r * r)",
      "dim n = 40; param x[n], A[n,n]; L = sum(tanh(A @ x))",
      // one loop, but the backward's first loop copies a value it stores: nothing would be shared
      "dim N; param W0[N,N], W3[N,1], X[N]; L = sum(W0 * (W3 / X))");

  @Test
  void fusedGradientsAgreeWithTheInterpreterAndFiniteDifferences() {
    for (String program : FUSED) {
      Differentiated d = Differentiated.of(program);
      d = d.withRespectTo(d.model().inputs().stream().map(Node::name).toList());
      assertThat(CompiledGradient.source(d, "F")).as(program).contains("return backward(");
    }
    Agreement.checkAll(FUSED, 9, 5);
  }

  /** The loop over x appears once in the gradient's path: in backward, which returns the value. */
  @Test
  void theGradientReadsTheInputsInOnePass() {
    String java = CompiledGradient.source(Differentiated.of(FUSED.get(0)), "Rosenbrock");
    String backward = java.substring(java.indexOf("private double backward"));
    assertThat(backward.split("for \\(", -1)).as(backward).hasSize(2);
    assertThat(backward).contains("f += ", "dx[0] = 0.0;", "dx[k + 1] = ", "dx[k] += ", "return f;");
  }

  /** After the loop that dw shares, log(total) is computed before the loop of dx, which divides by the total. */
  @Test
  void whatReadsTheTotalWaitsForIt() {
    String java = CompiledGradient.source(Differentiated.of(FUSED.get(2)), "LogSumExp");
    String backward = java.substring(java.indexOf("private double backward"));
    int loops = backward.split("for \\(", -1).length - 1;
    assertThat(loops).as(backward).isEqualTo(2);
    assertThat(backward.indexOf("double L = ")).as(backward).isLessThan(backward.lastIndexOf("for ("));
  }

  @Test
  void severalLoopsAreNotFused() {
    for (String program : NOT_FUSED) {
      String java = CompiledGradient.source(Differentiated.of(program), "F");
      assertThat(java).as(program).doesNotContain("return backward(").contains(" = forward(");
    }
  }
}
