package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.diff.Gradient;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;

/** Closed forms that would print exponentially long get their shared parts named instead. */
class ExprFactoringTest {

  /** a_k = sin(a_{k-1}) cos(a_{k-1}): each level uses the previous one twice, 2^40 as a tree. */
  private static final String CHAIN = "a0 = sin(x) * cos(x); " + IntStream.range(1, 40)
      .mapToObj(k -> "a" + k + " = sin(a" + (k - 1) + ") * cos(a" + (k - 1) + ")").collect(Collectors.joining("; "));

  @Test
  void sharedSubexpressionsAreNamedAndTheResultReadsBack() {
    Model model = Symdiff.load(new Source("<expr>", CHAIN));
    Gradient gradient = Symdiff.differentiate(model);
    String expr = ExprEmitter.emit(model, gradient);
    List<String> lines = expr.lines().toList();
    assertThat(lines).hasSizeLessThan(100).allMatch(l -> l.length() < 200);
    assertThat(lines.get(0)).startsWith("#");

    // the definitions and the partial, read back as one program of our own language
    String partial = lines.get(lines.size() - 1);
    assertThat(partial).startsWith("da39/dx = ");
    String program = String.join("\n", lines.subList(0, lines.size() - 1)) + "\ng = " + partial.substring(10);
    Model readBack = Symdiff.load(new Source("<read back>", program));
    double x = 0.3;
    double expected = Evaluator.gradient(gradient, Map.of(model.input("x"), new double[] {x})).gradient()
        .get(model.input("x"))[0];
    double actual = new Evaluator(Map.of(readBack.input("x"), new double[] {x})).value(readBack.output())[0];
    assertThat(actual).isCloseTo(expected, within(1e-12));
  }

  @Test
  void shortClosedFormsAreLeftAlone() {
    Model model = Symdiff.load(new Source("<expr>", "exp(exp(x^2))"));
    assertThat(ExprEmitter.emit(model, Symdiff.differentiate(model)))
        .isEqualTo("df/dx = 2 * x * exp(x ^ 2) * exp(exp(x ^ 2))\n");
  }
}
