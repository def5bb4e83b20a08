package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --stats}: the generated class's operations per call, for any input. */
class StatsCliTest {
  @Test
  void printsTheTableAndTheRatio() {
    CliRun run = CliRun.of("(x+y)*z", "--stats");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("""
        Operations per call of the Java class for f (value runs the forward section, gradient both):
                  mul/div  add/sub  compare  calls
        forward         1        1        0  -
        backward        2        0        0  -
        gradient        3        1        0  -
        gradient / value = 3.00, in multiplications, divisions and calls (the cheap-gradient bound of Baur and Strassen is 3).
        """);
  }

  @Test
  void countsGrowWithRuntimeDimensions() {
    CliRun run = CliRun.of("dim N; input x[N]; param w[N]; L = sum(w * x)", "--stats");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("forward         N", "as the runtime sizes grow");
  }

  @Test
  void isNotAnOutputFormat() {
    CliRun run = CliRun.of("x^2", "--stats", "--emit", "expr");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("symdiff: --stats counts the operations of the Java class: give it without --check,"
        + " --explain and --emit\n");
  }
}
