package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Valid inputs that once crashed, gave wrong numbers or gave Java that does not compile, found by
 * trying symdiff as a new user and as a fuzzer would. Each works now, end to end.
 */
class ReliabilityTest {

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(delimiter = '|', textBlock = """
      x + 0/0       | x=1     | {"value": null, "gradient": {"x": 1}}
      x * (0/0)     | x=1     | {"value": null, "gradient": {"x": null}}
      0 * (x + 1/0) | x=1     | {"value": null, "gradient": {"x": 0}}
      x - 1/0       | x=1     | {"value": null, "gradient": {"x": 1}}
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
      """)
  void closedFormsSpellNaNAndTheLimitsInTheLanguage(String expression, String line) {
    assertThat(CliRun.of(expression, "--emit", "expr").out()).contains(line + "\n");
  }
}
