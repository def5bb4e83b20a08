package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
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

/**
 * Sums with long regular runs of summands are written as loops ({@link SumRuns}, {@link Rerolled}):
 * the classes compile, agree with the interpreter and with central differences, keep the irregular
 * summands straight-line, leave a run that is not affine in the inputs' positions alone, and count
 * a loop's operations once per trip.
 */
class RerolledTest {
  private static final Random RANDOM = new Random(20261202L);

  @Test
  void rosenbrockIsOneLoopDoingEachWindowsValueAndGradient() {
    Differentiated f = Differentiated.of(rosenbrock(40));
    CompiledGradient c = check(f);
    assertThat(c.isInstance()).isFalse();
    assertThat(c.source())
        .contains("// value and backward, f: summands 1 to 40, 2 per k = 0 .. 19: 100 * (x(2k+2) - x(2k+1) ^ 2) ^ 2 + (1 - x(2k+1)) ^ 2")
        .contains("for (int k = 0; k < 20; k++) {", "double xA = in[2 * k];", "double xB = in[2 * k + 1];",
            "f += term;", "grad[2 * k] = dxA;", "grad[2 * k + 1] = dxB;", "public static double gradient(double x1, ");
    assertThat(c.source().split("for \\(", -1)).as("a loop in value, one in gradient").hasSize(3);
  }

  @Test
  void theNeuronsSumIsALoopInsideStraightLineCode() {
    Differentiated f = Differentiated.of("tanh(b + " + terms(20, i -> "w" + i + " * x" + i) + ")");
    CompiledGradient c = check(f);
    assertThat(c.source()).contains("// sum: summands 2 to 21, one per k = 0 .. 19: w(k+1) * x(k+1)",
        "double bPlusSum = b + sum;", "double dsum = dbPlusSum;", "grad[0] = db;", "grad[k + 1] = dw;", "grad[k + 21] = dx;");
    assertThat(c.source().split("for \\(", -1)).as("value's loop, gradient's forward and backward loops").hasSize(4);
  }

  @Test
  void aRunBrokenInTheMiddleIsTwoLoopsAndTheOddSummandStaysStraightLine() {
    String sum = terms(40, i -> i == 20 ? "cos(x20)" : "sin(x" + i + ") * x" + i) + " + b";
    CompiledGradient c = check(Differentiated.of(sum));
    assertThat(c.source()).contains("summands 1 to 19, one per k = 0 .. 18", "summands 21 to 40, one per k = 0 .. 19",
        "Math.cos(x20)", "double b = in[0];");
  }

  @Test
  void anInputEveryWindowSharesIsReadOnceAndItsPartialsAdded() {
    // w is in every window (stride 0) and outside the sum
    CompiledGradient c = check(Differentiated.of(terms(20, i -> "exp(w * x" + i + ")") + " + w^2"));
    assertThat(c.source()).contains("double w = in[0];", "grad[0] = dw;", "grad[0] += dw2;", "grad[k + 1] = dx;");
  }

  @Test
  void overlappingWindowsAddIntoEntriesTheyShare() {
    // the chained Rosenbrock function: x(k+1) is in windows k and k + 1
    String chained = terms(30, i -> "100 * (x" + (i + 1) + " - x" + i + "^2)^2 + (1 - x" + i + ")^2");
    CompiledGradient c = check(Differentiated.of(chained));
    assertThat(c.source()).contains("for (int i = 0; i < 31; i++) grad[i] = 0.0;", "grad[k] += dxA;", "grad[k + 1] += dxB;");
  }

  @Test
  void windowsWithInternalSharingAndSomeInputsNotDifferentiated() {
    Differentiated f = Differentiated.of(terms(20, i -> "exp(a" + i + "^2) * a" + i + "^2 / (1 + c" + i + "^2)"));
    CompiledGradient all = check(f);
    assertThat(all.source()).contains("double aSq = a * a;").contains("for (int k = 0; k < 20; k++)");
    List<String> onlyA = IntStream.rangeClosed(1, 20).mapToObj(i -> "a" + i).toList();
    CompiledGradient some = check(f.withRespectTo(onlyA));
    assertThat(some.source()).contains("for (int k = 0; k < 20; k++)", "grad[k] = da;").doesNotContain("dc");
  }

  @Test
  void aRunOfInputsNotDifferentiatedIsOnlyTheSumsLoop() {
    // the sum's adjoint is known before the loop, but no window has a partial to write
    CompiledGradient atTheOutput = check(Differentiated.of(terms(20, i -> "sin(x" + i + ")") + " + y^2").withRespectTo(List.of("y")));
    assertThat(atTheOutput.source().split("for \\(", -1)).as("the sum's loop in value and in gradient").hasSize(3);
    // the sum's adjoint comes from the outer backward section: one loop for the sum, none after it
    CompiledGradient inside = check(Differentiated.of("log(y^2 + " + terms(20, i -> "exp(x" + i + ")") + ") + y")
        .withRespectTo(List.of("y")));
    assertThat(inside.source().split("for \\(", -1)).hasSize(3);
    assertThat(inside.source()).doesNotContain("// backward, sum");
  }

  @Test
  void inputsNamedLikeTheLoopsLocalsKeepTheirNames() {
    CompiledGradient c = check(Differentiated.of(terms(20, i -> "exp(k" + i + " * term)") + " + grad + in"));
    // k2 .. k20 are inputs: the loop's index is the next free k
    assertThat(c.source()).contains("double term = in2[22];", "for (int k21 = 0; k21 < 20; k21++)", "double k = in2[k21 + 2];",
        "double term2 = Math.exp(kTimesTerm);", "grad2[");
  }

  @Test
  void summandsWhoseInputsAreNotAffineInTheirPositionStayStraightLine() {
    // x8, x15, x2, x9, ...: each sin(x(7i mod 20 + 1)) is the same computation, but no stride reaches 16 in a row
    String shuffled = terms(20, i -> "sin(x" + ((7 * i) % 20 + 1) + ")");
    String source = CompiledGradient.source(Differentiated.of(shuffled), "Shuffled");
    assertThat(source).doesNotContain("for (").contains("Math.sin(x15)");
    // fewer windows than SumRuns.MIN_WINDOWS: as today
    assertThat(CompiledGradient.source(Differentiated.of(rosenbrock(2 * SumRuns.MIN_WINDOWS - 2)), "Short"))
        .doesNotContain("for (");
  }

  @Test
  void theCommentNamesTheInputsByTheirPlaceWhenTheirNamesAreNotAffine() {
    // x1, x4, x9, ...: the inputs are in order, so in[k] is affine, but their numbers are not
    CompiledGradient c = check(Differentiated.of(terms(20, i -> "sin(x" + i * i + ")")));
    assertThat(c.source()).contains("// f: summands 1 to 20, one per k = 0 .. 19: sin(in[k])");
  }

  @Test
  void aSumOfThousandsOfInputsIsOneLoop() {
    int n = 7000;
    Differentiated f = Symdiff.onDeepStack(() -> Differentiated.of(terms(n, i -> "sin(x" + i + ")")));
    CompiledGradient c = CompiledGradient.compile(f);
    assertThat(c.isInstance()).isFalse();
    assertThat(c.source()).contains("for (int k = 0; k < 7000; k++)").doesNotContain("in[6999]");
    double[] in = IntStream.range(0, n).mapToDouble(i -> i * 1e-3).toArray();
    double[] grad = new double[n];
    double sum = 0;
    for (double x : in) sum += Math.sin(x);
    // the loop adds in the chain's order, from the first summand: the straight-line value to the bit
    assertThat(c.gradient(in, grad)).isEqualTo(sum);
    for (int i = 0; i < n; i++) assertThat(grad[i]).isEqualTo(Math.cos(in[i]));
    assertThat(MethodSizes.of(InMemoryJavaCompiler.classFile(c.type()))).allSatisfy((method, bytes) ->
        assertThat(bytes).as(method).isLessThan(200));
  }

  @Test
  void aLoopsOperationsAreCountedOncePerTrip() {
    // 15 windows are straight-line, 60 are a loop: the counts scale with the windows all the same
    OpCertificate straight = certificate(rosenbrock(30));
    OpCertificate loop = certificate(rosenbrock(120));
    assertThat(loop.forward().mulDiv()).isEqualTo(straight.forward().mulDiv().times(4));
    assertThat(loop.backward().mulDiv()).isEqualTo(straight.backward().mulDiv().times(4));
    assertThat(loop.ratio()).isEqualTo(straight.ratio());
    OpCertificate neuron = certificate("tanh(b + " + terms(100, i -> "w" + i + " * x" + i) + ")");
    assertThat(neuron.forward().mulDiv().toString()).isEqualTo("100");
    assertThat(neuron.backward().mulDiv().toString()).isEqualTo("202");
  }

  private static OpCertificate certificate(String text) {
    Differentiated f = Differentiated.of(text);
    return JavaEmitter.certificate(f.model(), f.gradient());
  }

  private static String rosenbrock(int n) {
    return terms(n / 2, i -> "100 * (x" + 2 * i + " - x" + (2 * i - 1) + "^2)^2 + (1 - x" + (2 * i - 1) + ")^2");
  }

  private static String terms(int n, IntFunction<String> term) {
    return IntStream.rangeClosed(1, n).mapToObj(term).collect(Collectors.joining(" + "));
  }

  /** Compiles f's class, which must have a loop, and compares it with the interpreter and with central differences. */
  private static CompiledGradient check(Differentiated f) {
    CompiledGradient c = CompiledGradient.compile(f);
    assertThat(c.source()).contains("for (int k");
    for (int point = 0; point < 3; point++) {
      double[] in = IntStream.range(0, f.inputs().size()).mapToDouble(i -> RANDOM.nextDouble() - 0.5).toArray();
      Evaluator.Result interpreted = f.interpret(in);
      double[] expected = f.interpretedGradient(interpreted);
      double[] grad = new double[expected.length];
      assertThat(GradientCheck.error(c.gradient(in, grad), interpreted.value())).isLessThan(1e-13);
      assertThat(GradientCheck.error(c.value(in), interpreted.value())).isLessThan(1e-13);
      for (int i = 0; i < grad.length; i++) {
        assertThat(GradientCheck.error(grad[i], expected[i])).as("partial %d of\n%s", i, c.source()).isLessThan(1e-12);
      }
      assertAgreesWithCentralDifferences(c, f, in, grad);
    }
    return c;
  }

  /** The gradient along a random direction against (f(x + hv) - f(x - hv)) / 2h, the direction within the wrt variables. */
  private static void assertAgreesWithCentralDifferences(CompiledGradient c, Differentiated f, double[] in, double[] grad) {
    double[] direction = new double[grad.length];
    double[] plus = in.clone();
    double[] minus = in.clone();
    double h = 1e-6;
    double along = 0;
    for (int i = 0; i < grad.length; i++) {
      direction[i] = RANDOM.nextGaussian();
      int input = f.inputs().indexOf(f.gradient().wrt().get(i));
      plus[input] += h * direction[i];
      minus[input] -= h * direction[i];
      along += grad[i] * direction[i];
    }
    double difference = (c.value(plus) - c.value(minus)) / (2 * h);
    assertThat(GradientCheck.error(along, difference)).as("directional derivative").isLessThan(1e-6);
  }
}
