package org.symdiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;

/**
 * The lecture examples end to end. Seed 004's function reaches x and y along several paths: the
 * generated Java must read like the notes' hand-written backprop, with {@code dx +=} and
 * {@code dy +=} exactly where the notes accumulate. Seed 003's (x + y) z has exact numbers.
 */
class MultipathTest {
  private static final String SEED_004 = "sigy = sigmoid(y); num = x + sigy; sigx = sigmoid(x); xpy = x + y;"
      + " xpysqr = xpy^2; den = sigx + xpysqr; invden = 1/den; f = num * invden";
  private static final Pattern LOCAL = Pattern.compile("double (\\w+) = .*;");
  private static final Pattern HEADER = Pattern.compile("// (\\w+) = .*");
  private static final Pattern ADJOINT = Pattern.compile("(double )?(d[xy]) (\\+?=) .*;");

  /** The statements of the generated {@code gradient(double x, double y, double[] grad)}, trimmed. */
  private static List<String> gradientBody(String source) {
    String method = source.substring(source.indexOf("double gradient(double x, double y, double[] grad) {"));
    List<String> lines = new ArrayList<>();
    for (String line : method.lines().skip(1).toList()) {
      if (line.strip().startsWith("return ")) break;
      lines.add(line.strip());
    }
    return lines;
  }

  @Test
  void forwardLocalsFollowTheNotes() {
    List<String> body = gradientBody(CompiledGradient.source(Differentiated.of(SEED_004), "Seed004"));
    List<String> forward = new ArrayList<>();
    for (String line : body.subList(0, body.indexOf(""))) {
      Matcher m = LOCAL.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      forward.add(m.group(1));
    }
    assertThat(forward).containsExactly("sigy", "num", "sigx", "xpy", "xpysqr", "den", "invden", "f");
  }

  @Test
  void adjointsAccumulateWhereTheNotesDo() {
    List<String> body = gradientBody(CompiledGradient.source(Differentiated.of(SEED_004), "Seed004"));
    List<String> headers = new ArrayList<>();
    List<String> inputAdjoints = new ArrayList<>();
    for (String line : body) {
      Matcher header = HEADER.matcher(line);
      if (header.matches()) headers.add(header.group(1));
      Matcher adjoint = ADJOINT.matcher(line);
      if (adjoint.matches()) inputAdjoints.add(headers.get(headers.size() - 1) + ": " + adjoint.group(2) + " " + adjoint.group(3));
    }
    // the notes' backward pass, steps (8) down to (1)
    assertThat(headers).containsExactly("f", "invden", "den", "xpysqr", "xpy", "sigx", "num", "sigy");
    assertThat(inputAdjoints).containsExactly(
        "xpy: dx =", "xpy: dy =", "sigx: dx +=", "num: dx +=", "sigy: dy +=");
  }

  /** The notes' hand-written forward and backward pass, transcribed: {f, dx, dy}. */
  private static double[] handWritten(double x, double y) {
    double sigy = 1.0 / (1 + Math.exp(-y));
    double num = x + sigy;
    double sigx = 1.0 / (1 + Math.exp(-x));
    double xpy = x + y;
    double xpysqr = xpy * xpy;
    double den = sigx + xpysqr;
    double invden = 1.0 / den;
    double f = num * invden;
    double dnum = invden;
    double dinvden = num;
    double dden = (-1.0 / (den * den)) * dinvden;
    double dsigx = dden;
    double dxpysqr = dden;
    double dxpy = (2 * xpy) * dxpysqr;
    double dx = dxpy;
    double dy = dxpy;
    dx += ((1 - sigx) * sigx) * dsigx;
    dx += dnum;
    double dsigy = dnum;
    dy += ((1 - sigy) * sigy) * dsigy;
    return new double[] {f, dx, dy};
  }

  @Test
  void seed004GradientMatchesTheNotesAndFiniteDifferences() {
    Differentiated model = Differentiated.of(SEED_004);
    CompiledGradient compiled = CompiledGradient.compile(model);
    Random random = new Random(4);
    for (int p = 0; p < 20; p++) {
      double[] in = model.randomPoint(random);
      double[] grad = new double[2];
      double value = compiled.gradient(in, grad);
      double[] expected = handWritten(in[0], in[1]);
      assertThat(value).isCloseTo(expected[0], within(1e-15 * Math.max(1, Math.abs(expected[0]))));
      assertThat(grad[0]).isCloseTo(expected[1], within(1e-12 * Math.max(1, Math.abs(expected[1]))));
      assertThat(grad[1]).isCloseTo(expected[2], within(1e-12 * Math.max(1, Math.abs(expected[2]))));
      GradientCheck.Report report = GradientCheck.at(model.gradient(), model.point(in));
      assertThat(report.passed()).as(report.entries().toString()).isTrue();
    }
  }

  @Test
  void seed003HasExactValues() {
    List<Differentiated> models = List.of(Differentiated.of("(x+y)*z"), Differentiated.of("q = x + y; f = q * z"));
    double[] at = {-2, 5, -4};
    for (CompiledGradient compiled : CompiledGradient.compileAll(models)) {
      Evaluator.Result interpreted = compiled.model().interpret(at);
      assertThat(interpreted.value()).isEqualTo(-12);
      assertThat(compiled.model().interpretedGradient(interpreted)).containsExactly(-4, -4, 3);

      double[] grad = new double[3];
      assertThat(compiled.gradient(at, grad)).isEqualTo(-12);
      assertThat(grad).containsExactly(-4, -4, 3);
    }
  }
}
