package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Node;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;

/**
 * Matrix products large enough for the blocked kernel (at least 8 columns), at sizes that leave
 * remainders (rows not a multiple of 4, an odd inner dimension), with each operand as stored or
 * transposed, and a runtime batch: the generated gradient agrees with the interpreter's.
 */
class LargeProductsTest {
  private static final List<String> PROGRAMS = List.of(
      // forward and both backward products of a layer, the right operand as stored
      "input X[9,31]\nparam W[31,17]\nL = sum(tanh(X @ W))",
      // the right operand transposed: dX = dZ @ transpose(W)
      "param X[7,41], W[41,16]\nL = sum(sin(X @ W))",
      // a transposed left operand and a vector times a matrix
      "param A[41,6], B[41,20], v[41]\nL = sum(exp(0.1 * transpose(A) @ B)) + sum(cos(v @ B))",
      // a runtime batch, the shape of a real network's first layer
      "dim N\ninput X[N,20]\nparam W1[20,24], b1[24], W2[24,10]\nH = relu(X @ W1 + b1)\nL = sum(softplus(H @ W2))",
      // a product read twice, by its own statement and by the next
      "dim N\nparam X[N,9], W[9,12]\nZ = X @ W\nL = sum(Z * Z) + sum(transpose(Z) @ X)");

  @Test
  void theBlockedKernelMatchesTheInterpreter() {
    List<Differentiated> models = PROGRAMS.stream().map(Differentiated::of).toList();
    List<CompiledGradient> compiled = CompiledGradient.compileAll(models);
    Random random = new Random(11);
    for (int c = 0; c < models.size(); c++) {
      assertThat(compiled.get(c).source()).as("program %d uses the blocked kernel", c).contains("multiply(");
      for (int batch : new int[] {5, 1, 12}) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        models.get(c).model().runtimeDims().forEach(d -> sizes.put(d, batch));
        Differentiated instance = models.get(c).instantiate(sizes);
        Map<Node, double[]> point = new LinkedHashMap<>();
        for (Node input : instance.inputs()) point.put(input, random.doubles(input.shape().size(), -1, 1).toArray());
        Evaluator.Result want = instance.interpret(point);
        Evaluator.Result got = compiled.get(c).gradient(sizes, point);
        assertThat(GradientCheck.error(got.value(), want.value())).as(PROGRAMS.get(c)).isLessThan(1e-12);
        List<String> wrong = new ArrayList<>();
        for (Node v : instance.gradient().wrt()) {
          double[] w = want.gradient().get(v);
          double[] g = got.gradient().get(v);
          for (int i = 0; i < w.length; i++) {
            if (!(GradientCheck.error(g[i], w[i]) < 1e-12)) wrong.add(v.name() + "[" + i + "]: " + g[i] + " vs " + w[i]);
          }
        }
        assertThat(wrong).as("%s at batch %d", PROGRAMS.get(c), batch).isEmpty();
      }
    }
  }
}
