package org.symdiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.symdiff.eval.Evaluator;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;

/**
 * The documented kink conventions, in the interpreter and in generated Java alike: relu'(0) = 0,
 * abs'(0) = sign(0) = 0, step' = sign' = 0, max/min give 1/2 to each side of a tie, and
 * d(x^y)/dy at x = 0 is its limit, 0 for y > 0 (as in PyTorch and JAX); comparisons pass no
 * gradient, and where's branch not taken passes nothing back, not even a NaN.
 */
class KinkConventionTest {
  private record Kink(String expression, double[] at, double value, double[] gradient) {
    @Override
    public String toString() {
      return expression + " at " + Arrays.toString(at) + ": value " + value + ", gradient " + Arrays.toString(gradient);
    }
  }

  private static Kink kink(String expression, double[] at, double value, double... gradient) {
    return new Kink(expression, at, value, gradient);
  }

  private static double[] at(double... in) {
    return in;
  }

  private static final List<Kink> KINKS = List.of(
      kink("relu(x)", at(0), 0, 0),
      kink("relu(x)", at(2), 2, 1),
      kink("relu(x)", at(-1), 0, 0),
      kink("abs(x)", at(0), 0, 0),
      kink("abs(x)", at(-2), 2, -1),
      kink("max(x, y)", at(1, 1), 1, 0.5, 0.5),
      kink("max(x, y)", at(-2, -2), -2, 0.5, 0.5),
      kink("max(x, y)", at(3, 1), 3, 1, 0),
      kink("min(x, y)", at(1, 1), 1, 0.5, 0.5),
      kink("min(x, y)", at(3, 1), 1, 0, 1),
      kink("max(x, x)", at(0.5), 0.5, 1),
      kink("max(x, 2)", at(2), 2, 0.5),
      kink("min(2 * x, x + 1)", at(1), 2, 1.5),
      kink("step(x)", at(0), 0, 0),
      kink("step(x)", at(1), 1, 0),
      kink("sign(x)", at(0), 0, 0),
      kink("sign(x)", at(-3), -1, 0),
      kink("x * relu(x)", at(0), 0, 0),
      kink("x ^ y", at(0, 2), 0, 0, 0),
      kink("x ^ y", at(0, 0.5), 0, Double.POSITIVE_INFINITY, 0),
      kink("x ^ y", at(0, 3), 0, 0, 0),
      kink("pow(2 * x, y + 1)", at(0, 1), 0, 0, 0),
      kink("xlogy(x, y)", at(0, 0), 0, Double.NEGATIVE_INFINITY, Double.NaN),
      kink("xlogy(x, y)", at(0, 2), 0, Math.log(2), 0),
      // where: the branch not taken sends nothing back, not even its NaN (jax#1052)
      kink("where(x > 0, sqrt(x), 0)", at(-1), 0, 0),
      kink("where(x > 0, sqrt(x), 0)", at(4), 2, 0.25),
      kink("where(x > 0, log(x), x)", at(0), 0, 1),
      kink("where(x > 0, log(log(x)), 0)", at(-1), 0, 0),
      kink("where(x < 1, x ^ 2, sqrt(x - 1))", at(0.5), 0.25, 1),
      kink("where(x < 1, x ^ 2, sqrt(x - 1))", at(5), 2, 0.25),
      kink("where(x >= y, x * y, y / x)", at(0, 3), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY),
      kink("where(x >= y, x * y, y / x)", at(3, 0), 0, 0, 3),
      // comparisons are piecewise constant; clip has the tie rule of max and min at its bounds
      kink("(x > 0) * x", at(2), 2, 1),
      kink("x * (x >= y)", at(1, 1), 1, 1, 0),
      kink("clip(x, -1, 1)", at(1), 1, 0.5),
      kink("clip(x, -1, 1)", at(0.5), 0.5, 1),
      kink("clip(x, -1, 1)", at(3), 1, 0));

  /** -0.0 and 0.0 are the same derivative; arrays compare with equals(), which tells them apart. */
  private static double[] zeroUnsigned(double[] values) {
    return Arrays.stream(values).map(v -> v + 0.0).toArray();
  }

  @TestFactory
  Stream<DynamicTest> interpreterFollowsTheConventions() {
    return KINKS.stream().map(k -> DynamicTest.dynamicTest(k.toString(), () -> {
      Differentiated model = Differentiated.of(k.expression);
      Evaluator.Result result = model.interpret(k.at);
      assertThat(result.value()).isEqualTo(k.value);
      assertThat(zeroUnsigned(model.interpretedGradient(result))).containsExactly(k.gradient);
    }));
  }

  @TestFactory
  Stream<DynamicTest> generatedJavaFollowsTheConventions() {
    List<CompiledGradient> compiled = CompiledGradient.compileAll(
        KINKS.stream().map(k -> Differentiated.of(k.expression)).toList());
    return IntStream.range(0, KINKS.size()).mapToObj(i -> DynamicTest.dynamicTest(KINKS.get(i).toString(), () -> {
      Kink k = KINKS.get(i);
      double[] grad = new double[k.gradient.length];
      assertThat(compiled.get(i).gradient(k.at, grad)).isEqualTo(k.value);
      assertThat(compiled.get(i).value(k.at)).isEqualTo(k.value);
      assertThat(zeroUnsigned(grad)).as(compiled.get(i).source()).containsExactly(k.gradient);
    }));
  }
}
