package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runtime dimensions ({@code dim N}) on the command line: sizes read from --at, checked, reported. */
class RuntimeDimsCliTest {
  private static final String PROGRAM = "dim N; input X[N,2], y[N]; param w[2]; L = mean((X @ w - y)^2)";

  @Test
  void jsonReadsTheBatchSizeFromTheArrays() {
    CliRun run = CliRun.of(PROGRAM, "--emit", "json", "--at",
        "{\"X\": [[1,2],[3,4],[5,6]], \"y\": [1,2,3], \"w\": [0.5, -1]}");
    assertThat(run.err()).isEmpty();
    // numpy: r = X @ w - y; (r**2).mean(), 2 * X.T @ r / 3
    assertThat(run.out()).isEqualTo(
        "{\"value\": 22.916666666666668, \"gradient\": {\"w\": [-32.33333333333333, -41.33333333333333]}}\n");
  }

  @Test
  void arraysThatDisagreeAboutTheBatchSizeAreAnErrorWithACaret() {
    CliRun run = CliRun.of(PROGRAM, "--emit", "json", "--at", "{\"X\": [[1,2],[3,4]], \"y\": [1,2,3], \"w\": [0, 0]}");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("""
        --at:1:27: error: N would be 3 here, but it is 2 (from X)
          {"X": [[1,2],[3,4]], "y": [1,2,3], "w": [0, 0]}
                                    ^
        """);
  }

  @Test
  void aSizeNoArrayFixesIsGivenByName() {
    CliRun missing = CliRun.of("dim N; input x; L = x * N", "--emit", "json", "--at", "x=2");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("--at:1:1: error: no size for the runtime dimension N:");
    CliRun given = CliRun.of("dim N; input x; L = x * N", "--emit", "json", "--at", "x=2,N=5");
    assertThat(given.err()).isEmpty();
    assertThat(given.out()).isEqualTo("{\"value\": 10, \"gradient\": {\"x\": 5}}\n");
    CliRun notWhole = CliRun.of("dim N; input x; L = x * N", "--emit", "json", "--at", "x=2,N=2.5");
    assertThat(notWhole.err()).contains("the runtime dimension N must be a whole number from 1 to 16777216");
  }

  @Test
  void checkAtRandomPointsSaysWhichSizesItChose() {
    CliRun run = CliRun.of(PROGRAM, "--check");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("runtime dimensions at the random points: N = 3\n").contains(": ok");
  }

  @Test
  void theGeneratedClassTakesTheBatchFromTheArrays() {
    CliRun run = CliRun.of(PROGRAM, "--class", "Fit");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("N = dimension(X, 2, \"X [N,2]\");", "requireLength(y, N, \"y [N]\");",
        "if (N > capacityN) grow();", "public double value(double[] X, double[] y, double[] w)");
  }
}
