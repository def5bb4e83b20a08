package org.symdiff.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Node;

/**
 * The check every test of generated array code makes: at a random point, the compiled class's
 * value and gradient are the interpreter's to 1e-12, {@code value} agrees with {@code gradient},
 * and the gradient passes central finite differences.
 */
public final class Agreement {
  private Agreement() {}

  /** The model at the sizes checked, the point, and what the compiled class computed there. */
  public record Checked(Differentiated instance, Map<Node, double[]> point, Evaluator.Result actual) {}

  public static Checked check(CompiledGradient compiled, Map<String, Integer> sizes, Random random, String label) {
    Differentiated instance = compiled.model().instantiate(sizes);
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Node input : instance.inputs()) point.put(input, random.doubles(input.shape().size(), -1, 1).toArray());
    Evaluator.Result expected = instance.interpret(point);
    Evaluator.Result actual = compiled.gradient(sizes, point);
    assertThat(GradientCheck.error(actual.value(), expected.value())).as(label).isLessThan(1e-12);
    assertThat(compiled.value(sizes, point)).as(label).isEqualTo(actual.value());
    for (Node v : instance.gradient().wrt()) {
      double[] want = expected.gradient().get(v);
      double[] got = actual.gradient().get(v);
      for (int i = 0; i < want.length; i++) {
        assertThat(GradientCheck.error(got[i], want[i])).as("%s: d/d%s[%d]", label, v.name(), i).isLessThan(1e-12);
      }
    }
    GradientCheck.Report check = GradientCheck.at(instance.gradient(), point);
    assertThat(check.passed()).as("%s, finite differences: %s", label, check.worst()).isTrue();
    return new Checked(instance, point, actual);
  }

  /**
   * Each program differentiated with respect to every input, compiled in one go, and checked at a
   * random point with every runtime dimension at {@code size}.
   */
  public static void checkAll(List<String> programs, int size, long seed) {
    List<Differentiated> models = programs.stream().map(Differentiated::of)
        .map(d -> d.withRespectTo(d.model().inputs().stream().map(Node::name).toList())).toList();
    List<CompiledGradient> compiled = CompiledGradient.compileAll(models);
    Random random = new Random(seed);
    for (int p = 0; p < models.size(); p++) check(compiled.get(p), size, random, programs.get(p));
  }

  /** {@link #check} with every runtime dimension at {@code size}. */
  public static Checked check(CompiledGradient compiled, int size, Random random, String label) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    compiled.model().model().runtimeDims().forEach(d -> sizes.put(d, size));
    return check(compiled, sizes, random, label);
  }
}
