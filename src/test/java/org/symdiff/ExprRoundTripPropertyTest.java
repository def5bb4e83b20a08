package org.symdiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.symdiff.ast.Source;
import org.symdiff.emit.ExprEmitter;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.PropertyRun;
import org.symdiff.testing.RandomExpressions;
import org.symdiff.testing.Shrinker;

/**
 * {@code --emit expr} prints each partial as an expression of our own language: read back with
 * our parser, each evaluates to the interpreter's gradient component.
 */
class ExprRoundTripPropertyTest {
  private static final PropertyRun RUN = PropertyRun.of(ExprRoundTripPropertyTest.class, 7_007_007L, 1000);
  private static final int POINTS = 3;
  private static final Pattern LINE = Pattern.compile("d(\\w+)/d(\\w+) = (.+)");
  /** The closed form is the backward program re-associated and simplified: equal up to rounding. */
  private static final double TOLERANCE = 1e-9;

  @Test
  void emittedPartialsReadBackToTheGradient() {
    int checked = 0;
    for (int i = 0; i < RUN.cases(); i++) {
      long seed = RUN.caseSeed(i);
      String expression = new RandomExpressions(PropertyRun.random(seed)).next();
      if (Shrinker.failureOf(e -> check(e, seed), expression) != null) {
        throw RUN.failure(seed, Shrinker.shrink(expression, e -> check(e, seed)));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(RUN.cases());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "q = x + y; f = q * z",
      "sigy = sigmoid(y); num = x + sigy; sigx = sigmoid(x); xpy = x + y; xpysqr = xpy^2;"
          + " den = sigx + xpysqr; invden = 1/den; f = num * invden",
      "-x^2 + 2^-y - x^y^0.5",
      "max(x, y) * min(x, 2) + relu(x - y) + abs(y) * sign(x) + step(y)"})
  void lectureAndPrecedenceExamplesReadBack(String program) {
    assertThat(check(program, 1)).isNull();
  }

  /** How the read-back partials differ from the interpreter's gradient, or null if they agree. */
  private static String check(String expression, long seed) {
    Differentiated model = Differentiated.of(expression).withRandomWrt(PropertyRun.random(seed + 1));
    String emitted = ExprEmitter.emit(model.model(), model.gradient());
    List<String> lines = emitted.lines().toList();
    if (lines.size() != model.gradient().wrt().size()) return "expected one line per variable:\n" + emitted;
    Random random = PropertyRun.random(~seed);
    for (int p = 0; p < POINTS; p++) {
      double[] in = model.randomPoint(random);
      if (!model.inDomain(in)) continue;
      double[] expected = model.interpretedGradient(model.interpret(in));
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = LINE.matcher(lines.get(i));
        String variable = model.gradient().wrt().get(i).name();
        if (!m.matches() || !m.group(1).equals(model.model().outputName()) || !m.group(2).equals(variable)) {
          return "line " + (i + 1) + " is not 'd" + model.model().outputName() + "/d" + variable + " = ...':\n" + emitted;
        }
        double readBack = evaluate(m.group(3), model, in);
        if (GradientCheck.error(readBack, expected[i]) > TOLERANCE) {
          return "d/d" + variable + " read back as " + readBack + ", the interpreter says " + expected[i]
              + " at " + Arrays.toString(in) + " (inputs " + model.inputs() + ")\n" + emitted;
        }
      }
    }
    return null;
  }

  /** {@code text} loaded as an expression and evaluated with the inputs of {@code model} at {@code in}. */
  private static double evaluate(String text, Differentiated model, double[] in) {
    Model partial = Symdiff.load(new Source("<partial>", text));
    Map<String, Double> byName = new HashMap<>();
    for (int i = 0; i < in.length; i++) byName.put(model.inputs().get(i).name(), in[i]);
    Map<Node, double[]> point = new HashMap<>();
    for (Node input : partial.inputs()) point.put(input, new double[] {byName.get(input.name())});
    return new Evaluator(point).value(partial.output())[0];
  }
}
