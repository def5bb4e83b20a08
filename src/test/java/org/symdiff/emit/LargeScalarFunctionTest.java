package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.symdiff.Symdiff;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.InMemoryJavaCompiler;
import org.symdiff.testing.MethodSizes;
import org.symdiff.testing.RandomExpressions;

/**
 * Scalar functions too large for one JIT-compiled method are written in the scratch layout (an
 * instance's scratch arrays, the statements spread over {@code forward0}, {@code backward0}, ...)
 * and compile, with any number of inputs; the readable layout stays while its methods fit
 * {@link JavaSize#METHOD_BUDGET}. No generated method reaches HotSpot's limit of 8,000 bytes of
 * bytecode, above which it would never be JIT-compiled.
 */
class LargeScalarFunctionTest {
  private static final int JIT_LIMIT = 8000;
  private static final List<String> VARIABLES = IntStream.range(0, 20).mapToObj(i -> "x" + i).toList();
  /** Where the functions are compared; every term is finite there, so every sum is. */
  private static final List<double[]> POINTS = points(new Random(3), 3);
  /** Random terms over 20 variables; their sum has over 4000 gates, sums of fewer terms are smaller. */
  private static final List<String> TERMS = terms(new Random(20261125L), 850);

  @Test
  void bothLayoutsCompileAgreeWithTheInterpreterAndStayWithinTheJitLimit() {
    Differentiated large = sumOfFirst(TERMS.size());
    Differentiated medium = largestReadable();
    assertThat(large.gradient().forward()).as("gates").hasSizeGreaterThanOrEqualTo(4000);

    List<CompiledGradient> compiled = CompiledGradient.compileAll(List.of(large, medium));
    String scratch = compiled.get(0).source();
    assertThat(scratch).contains("private static void forward0(double[][] v)", "private static void backward0(",
        "public double gradient(double[] in, double[] grad)", "public double gradient(double x0, ");
    assertThat(scratch.split("new double\\[", -1)).as("allocations, all in pages()").hasSize(3);
    assertThat(compiled.get(0).isInstance()).isTrue();
    assertThat(compiled.get(1).source()).doesNotContain("forward0(").doesNotContain("double[] v")
        .contains("double f = ", "double df = 1.0;", "dx0", "public static double gradient(");
    for (CompiledGradient c : compiled) {
      POINTS.forEach(in -> assertAgrees(c, in));
      POINTS.forEach(in -> assertAgrees(c, in));
    }
    Map<String, Integer> readable = methodSizes(compiled.get(1));
    assertThat(readable.get("gradient(DDDDDDDDDDDDDDDDDDDD[D)D")).as("the largest readable method, in bytes")
        .isBetween(JavaSize.METHOD_BUDGET / 3, JIT_LIMIT);
    assertThat(methodSizes(compiled.get(0))).hasSizeGreaterThan(10).allSatisfy((method, bytes) ->
        assertThat(bytes).as(method).isLessThan(JIT_LIMIT));
  }

  /**
   * One gradient line per input used to sit in one method: 7,000 inputs made "code too large". The
   * factors repeat every 5 terms, so no run of summands becomes a loop ({@link SumRuns}: at most 4 per window).
   */
  @Test
  void anyNumberOfInputsCompilesAndEveryMethodStaysWithinTheJitLimit() {
    int n = 7000;
    // a flat sum nests 7,000 deep: parse it on a deep stack, as the command line does
    Differentiated model = Symdiff.onDeepStack(() -> Differentiated.of(IntStream.range(0, n)
        .mapToObj(i -> "sin(x" + i + ") * " + factor(i)).collect(Collectors.joining(" + "))));
    CompiledGradient compiled = CompiledGradient.compile(model);
    double[] in = IntStream.range(0, n).mapToDouble(i -> i * 1e-3).toArray();
    double[] grad = new double[n];
    double expected = IntStream.range(0, n).mapToDouble(i -> Math.sin(in[i]) * factor(i)).sum();
    assertThat(compiled.gradient(in, grad)).isCloseTo(expected, within(1e-9));
    assertThat(compiled.source()).doesNotContain("for (int k");
    for (int i = 0; i < n; i += 997) assertThat(grad[i]).isCloseTo(Math.cos(in[i]) * factor(i), within(1e-15));
    assertThat(methodSizes(compiled)).allSatisfy((method, bytes) -> assertThat(bytes).as(method).isLessThan(JIT_LIMIT));
  }

  private static int factor(int i) {
    return 1 + i % 5;
  }

  private static Map<String, Integer> methodSizes(CompiledGradient compiled) {
    return MethodSizes.of(InMemoryJavaCompiler.classFile(compiled.type()));
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

  /**
   * Every variable appears, so each function has all 20 inputs in the same order; in the order x0,
   * x7, x14, x1, ..., so that they are no run of summands a loop would take ({@link SumRuns}).
   */
  private static Differentiated sumOfFirst(int n) {
    String variables = IntStream.range(0, 20).mapToObj(i -> VARIABLES.get(7 * i % 20)).collect(Collectors.joining(" + "));
    return Differentiated.of(variables + " + " + String.join(" + ", TERMS.subList(0, n)));
  }

  /** The sum of the most terms whose class still has the readable layout. */
  private static Differentiated largestReadable() {
    // layouts only grow with the number of terms: a binary search finds the first sum that is split
    int low = 1;
    int high = TERMS.size() / 3;
    if (isReadable(sumOfFirst(high))) throw new IllegalStateException("use more terms");
    while (low < high) {
      int mid = (low + high) / 2;
      if (isReadable(sumOfFirst(mid))) low = mid + 1;
      else high = mid;
    }
    return sumOfFirst(low - 1);
  }

  private static boolean isReadable(Differentiated model) {
    return !CompiledGradient.source(model, "Probe").contains("forward0(");
  }
}
