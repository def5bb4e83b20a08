package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.RandomExpressions;

/**
 * Scalar functions too large for one JVM method (64 KB of bytecode) are written in the split
 * layout (scratch arrays, statements spread over {@code forward0}, {@code backward0}, ...) and
 * compile; up to {@link JavaEmitter#MAX_INLINE_STATEMENTS} statements the readable layout stays.
 */
class LargeScalarFunctionTest {
  private static final List<String> VARIABLES = IntStream.range(0, 20).mapToObj(i -> "x" + i).toList();
  /** Where the functions are compared; every term is finite there, so every sum is. */
  private static final List<double[]> POINTS = points(new Random(3), 3);
  /** Random terms over 20 variables; their sum has over 4000 gates, sums of fewer terms are smaller. */
  private static final List<String> TERMS = terms(new Random(20261125L), 850);

  @Test
  void bothLayoutsCompileAndAgreeWithTheInterpreter() {
    Differentiated large = sumOfFirst(TERMS.size());
    Differentiated medium = largestSumWithin(JavaEmitter.MAX_INLINE_STATEMENTS);
    assertThat(large.gradient().forward()).as("gates").hasSizeGreaterThanOrEqualTo(4000);
    assertThat(statements(medium)).isBetween(JavaEmitter.MAX_INLINE_STATEMENTS - 100, JavaEmitter.MAX_INLINE_STATEMENTS);

    List<CompiledGradient> compiled = CompiledGradient.compileAll(List.of(large, medium));
    assertThat(compiled.get(0).source()).contains("private static void forward0(", "private static void backward0(");
    assertThat(compiled.get(1).source()).doesNotContain("forward0(").doesNotContain("double[] v = ")
        .contains("double f = ", "double df = 1.0;", "dx0");
    for (CompiledGradient c : compiled) POINTS.forEach(in -> assertAgrees(c, in));
  }

  private static void assertAgrees(CompiledGradient compiled, double[] in) {
    Evaluator.Result interpreted = compiled.model().interpret(in);
    double[] expected = compiled.model().interpretedGradient(interpreted);
    double[] grad = new double[expected.length];
    assertThat(compiled.gradient(in, grad)).isEqualTo(interpreted.value());
    assertThat(compiled.value(in)).isEqualTo(interpreted.value());
    for (int i = 0; i < grad.length; i++) {
      assertThat(GradientCheck.error(grad[i], expected[i])).as("df/d%s", VARIABLES.get(i)).isLessThanOrEqualTo(1e-12);
    }
  }

  private static List<double[]> points(Random random, int count) {
    Differentiated all = Differentiated.of(String.join(" + ", VARIABLES));
    return IntStream.range(0, count).mapToObj(i -> all.randomPoint(random)).toList();
  }

  /** Terms whose value and gradient are finite at every point of {@link #POINTS}. */
  private static List<String> terms(Random random, int count) {
    RandomExpressions expressions = new RandomExpressions(random, VARIABLES, 4);
    List<String> terms = new ArrayList<>();
    while (terms.size() < count) {
      String term = expressions.next();
      if (finiteAtEveryPoint(Differentiated.of(term))) terms.add("(" + term + ")");
    }
    return terms;
  }

  private static boolean finiteAtEveryPoint(Differentiated term) {
    for (double[] all : POINTS) {
      // the term's own inputs are some of the variables x0..x19
      double[] in = term.inputs().stream().mapToDouble(v -> all[VARIABLES.indexOf(v.name())]).toArray();
      if (!term.inDomain(in)) return false;
      Evaluator.Result result = term.interpret(in);
      if (!Double.isFinite(result.value()) || !Arrays.stream(term.interpretedGradient(result)).allMatch(Double::isFinite)) {
        return false;
      }
    }
    return true;
  }

  /** Every variable appears, so each function has all 20 inputs in the same order. */
  private static Differentiated sumOfFirst(int n) {
    return Differentiated.of(String.join(" + ", VARIABLES) + " + " + String.join(" + ", TERMS.subList(0, n)));
  }

  /** The sum of the most terms whose class has at most {@code limit} statements. */
  private static Differentiated largestSumWithin(int limit) {
    // sizes only grow with the number of terms: a binary search finds the first sum that is too large
    int low = 1;
    int high = TERMS.size() / 3;
    if (statements(sumOfFirst(high)) <= limit) throw new IllegalStateException("use more terms");
    while (low < high) {
      int mid = (low + high) / 2;
      if (statements(sumOfFirst(mid)) > limit) high = mid;
      else low = mid + 1;
    }
    return sumOfFirst(low - 1);
  }

  /** What JavaEmitter counts: one statement per forward gate and one per backward contribution. */
  private static int statements(Differentiated model) {
    return model.gradient().forward().size()
        + model.gradient().steps().stream().mapToInt(s -> s.contributions().size()).sum();
  }
}
