package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.testing.InMemoryJavaCompiler;

/**
 * Valid inputs that once crashed, gave wrong numbers or gave Java that does not compile, found by
 * trying symdiff as a new user and as a fuzzer would. Each works now, end to end.
 */
class ReliabilityTest {

  @ParameterizedTest
  @ValueSource(strings = {"softmax(x)", "logsumexp(x) + y", "x * softmax(x + 0/0)", "param w[2], b; L = sum(w * softmax(b))"})
  void softmaxAndLogsumexpOfAScalarGiveJavaThatCompiles(String input) throws ReflectiveOperationException {
    CliRun run = CliRun.of(input, "--class", "Q");
    assertThat(run.exit()).as(run.err()).isZero();
    Class<?> type = InMemoryJavaCompiler.forGeneratedCode().compile(run.out());
    if (input.equals("logsumexp(x) + y")) {
      double[] grad = new double[2];
      Method gradient = type.getMethod("gradient", double.class, double.class, double[].class);
      assertThat((double) gradient.invoke(null, 0.25, 2.0, grad)).isEqualTo(2.25);
      assertThat(grad).containsExactly(1, 1);
    }
  }

  /**
   * The length check's message quoted the whole name (javac: "constant string too long"), and a
   * name beyond 65,535 bytes cannot be a parameter's in a class file ({@code javac -parameters}).
   */
  @Test
  void namesUpToTheClassFileLimitGiveJavaThatCompilesAndLongerOnesAreRefused() throws ReflectiveOperationException {
    String name = "a".repeat(JavaEmitter.MAX_NAME_LENGTH);
    CliRun run = CliRun.of("param " + name + "[3]; L = sum(" + name + " * " + name + ")", "--class", "Q");
    assertThat(run.exit()).as(run.err()).isZero();
    Class<?> type = InMemoryJavaCompiler.forGeneratedCode().compile(run.out());
    double[] grad = new double[3];
    Object instance = type.getConstructor().newInstance();
    Method gradient = type.getMethod("gradient", double[].class, double[].class);
    assertThat((double) gradient.invoke(instance, new double[] {1, 2, 3}, grad)).isEqualTo(14);
    assertThat(grad).containsExactly(2, 4, 6);

    String longer = name + "a";
    CliRun refused = CliRun.of("param " + longer + "[3]; L = sum(" + longer + " * " + longer + ")", "--class", "Q");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).isEqualTo("<expr>: error: the name aaaaaaaaaaaaaaaaaaaa... has 65,001 characters; Java class"
        + " files hold names of at most 65,535 bytes, and generated names add to the given ones: use names of at most"
        + " 65,000 characters, or --emit json or --emit expr\n");
    assertThat(CliRun.of("x + " + longer, "--emit", "expr").exit()).isZero();
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(delimiter = '|', textBlock = """
      x + 0/0       | x=1     | {"value": null, "gradient": {"x": 1}}
      x * (0/0)     | x=1     | {"value": null, "gradient": {"x": null}}
      0 * (x + 1/0) | x=1     | {"value": null, "gradient": {"x": 0}}
      x - 1/0       | x=1     | {"value": null, "gradient": {"x": 1}}
      softmax(x)    | x=3     | {"value": 1, "gradient": {"x": 0}}
      x ^ y         | x=0,y=2 | {"value": 0, "gradient": {"x": 0, "y": 0}}
      x ^ y         | x=2,y=3 | {"value": 8, "gradient": {"x": 12, "y": 5.545177444479562}}
      """)
  void numbersFollowIeeeArithmeticAndTheDocumentedLimits(String expression, String at, String json) {
    CliRun run = CliRun.of(expression, "--emit", "json", "--at", at);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(json + "\n");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      x + 0/0      | df/dx = 1
      x * (0/0)    | df/dx = 0 / 0
      x ^ y        | df/dx = y * x ^ (y - 1)
      x ^ y        | df/dy = xlogy(x ^ y, x)
      """)
  void closedFormsSpellNaNAndTheLimitsInTheLanguage(String expression, String line) {
    assertThat(CliRun.of(expression, "--emit", "expr").out()).contains(line + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x=0,y=2", "x=0,y=3", "x=1.5,y=-2"})
  void checkAgreesWithFiniteDifferencesOfAPowerAtZero(String at) {
    CliRun run = CliRun.of("x ^ y", "--check", "--at", at);
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).endsWith(": ok\n");
  }
}
