package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Node;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;

/** Generated-code bugs the property tests found, each kept as the smallest case that showed it. */
class GeneratedJavaRegressionTest {

  /** The array form forwarded to {@code gradient(, grad)} when the expression had no inputs. */
  @Test
  void expressionWithoutInputsCompiles() {
    CompiledGradient compiled = CompiledGradient.compile(Differentiated.of("sin(1)"));
    assertThat(compiled.gradient(new double[0], new double[0])).isEqualTo(Math.sin(1));
    assertThat(compiled.value()).isEqualTo(Math.sin(1));
  }

  /**
   * The simplifier turns {@code W ^ 0} and {@code w - w} into array constants; a matrix product,
   * outer product, transpose or softmax of one read a workspace array that was never filled.
   */
  @Test
  void wholeArrayOpsOfArrayConstantsCompile() {
    List<Differentiated> models = List.of(
        Differentiated.of("input v[2]\nparam w[2]\nL = sum((w * 0) @ outer(v, w))"),
        Differentiated.of("input v[2]\nparam w[2]\nL = sum(softmax(w - w) * v * w)"),
        Differentiated.of("input v[2]\nparam w[2]\nh = outer(w ^ 0, v * w)\nL = sum(h)"),
        Differentiated.of("input v[2]\nparam W[2,2]\nh = transpose(W ^ 0) * v\nL = sum(h * W)"));
    for (CompiledGradient compiled : CompiledGradient.compileAll(models)) assertAgreesWithInterpreter(compiled);
  }

  /** An array program whose output the simplifier folds to a number returned {@code null}. */
  @Test
  void anArrayProgramWithAConstantOutputCompiles() {
    CompiledGradient compiled = CompiledGradient.compile(Differentiated.of("input v[2]\nparam w\nL = w - w + 3"));
    assertAgreesWithInterpreter(compiled);
    assertThat(compiled.gradient(compiled.model().randomValues(new Random(2))).value()).isEqualTo(3);
  }

  /** An array program whose output is one of its scalar variables wrote 0, not 1, as that variable's gradient. */
  @Test
  void anArrayProgramWhoseOutputIsAVariableHasGradientOne() {
    Differentiated model = Differentiated.of("input s, v[2]\nparam w[2]\nh = s\nL = h").withRespectTo(List.of("s", "v"));
    CompiledGradient compiled = CompiledGradient.compile(model);
    assertAgreesWithInterpreter(compiled);
    assertThat(compiled.gradient(model.randomValues(new Random(3))).gradient().get(model.model().input("s")))
        .containsExactly(1.0);
  }

  /** A dot product declared its accumulator in the method's scope, where the next product's clashed with it. */
  @Test
  void severalDotProductsInOneMethodCompile() {
    List<Differentiated> models = List.of(
        Differentiated.of("input u[2], v[2]\nL = (u @ v) / (v @ v)"),
        Differentiated.of("input u[2], v[2], W[2,2]\nL = (u @ v) * sum(W @ v)"));
    for (CompiledGradient compiled : CompiledGradient.compileAll(models)) assertAgreesWithInterpreter(compiled);
  }

  private static void assertAgreesWithInterpreter(CompiledGradient compiled) {
    Map<Node, double[]> point = compiled.model().randomValues(new Random(1));
    Evaluator.Result expected = compiled.model().interpret(point);
    Evaluator.Result actual = compiled.gradient(point);
    assertThat(actual.value()).as(compiled.source()).isEqualTo(expected.value());
    expected.gradient().forEach((v, g) -> assertThat(actual.gradient().get(v)).as(v.name()).containsExactly(g));
  }
}
