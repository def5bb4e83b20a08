package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that once fell off a cliff (quadratic time, memory beyond the heap): each now finishes
 * within a few seconds, measured here against generous limits so a slow machine does not fail.
 */
class LargeInputsTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void aClosedFormNested40000DeepPrintsInLinearSpace() throws IOException {
    // d/dx sin(sin(...sin(x))) is a product of 40,000 cosines; its text grew quadratically
    Path file = write("deep.sd", "sin(".repeat(40_000) + "x" + ")".repeat(40_000));
    CliRun run = run("-f", file.toString(), "--emit", "expr");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().length()).isBetween(40_000 * 10, 40_000 * 60);
  }

  private CliRun run(String... args) {
    return assertTimeoutPreemptively(LIMIT, () -> CliRun.of(args));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
