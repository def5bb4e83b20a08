package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ADBench's GMM objective as a symdiff program agrees with numpy's (bench/gmm_reference.py wrote
 * the point and the value; the build needs no Python), and its gradient with finite differences.
 */
class GmmReferenceTest {
  private static final Path SAMPLE = Path.of("generated-samples", "gmm");

  @Test
  void theObjectiveIsNumpys() throws IOException {
    double numpy = Double.parseDouble(Files.readString(Path.of("src/test/resources/reference/gmm-d2-k5-n100-objective.txt")).strip());
    CliRun run = CliRun.of("-f", SAMPLE.resolve("gmm.sd").toString(), "--emit", "json",
        "--at", "@" + SAMPLE.resolve("gmm-d2-k5-n100.json"));
    assertThat(run.exit()).as(run.err()).isZero();
    Matcher value = Pattern.compile("\"value\": (\\S+),").matcher(run.out());
    assertThat(value.find()).isTrue();
    assertThat(Double.parseDouble(value.group(1))).isCloseTo(numpy, within(1e-12 * Math.abs(numpy)));
  }

  @Test
  void theGradientMatchesFiniteDifferences() {
    CliRun run = CliRun.of("-f", SAMPLE.resolve("gmm.sd").toString(), "--check",
        "--at", "@" + SAMPLE.resolve("gmm-d2-k5-n100.json"));
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("): ok");
  }
}
