package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Arbitrary text through the command line: whatever it is, symdiff answers with exit 0, 1 or 2,
 * never an internal error (70), a stack trace or a hang.
 *
 * <p>A normal test run replays the seed corpus in
 * {@code src/test/resources/org/symdiff/cli/ParserFuzzTestInputs/commandLine/} (without Jazzer's
 * bytecode hooks: see {@code junit-platform.properties}). To explore for a minute, run
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=ParserFuzzTest -Djazzer.hooks=true -Djazzer.max_duration=60s};
 * a failing input is saved next to the seeds, to be replayed by every later run.
 *
 * <p>The first byte of an input picks where the rest goes ('0' to '3', modulo 4): the expression
 * with {@code --emit expr}, the expression as Java, a {@code --wrt} list, or an {@code --at} point.
 * The text is always an option's value or follows {@code --}, so it can never become {@code -o}
 * or {@code -f} and touch files.
 */
class ParserFuzzTest {
  private static final String ERROR = "(?s)(symdiff: |[^\\n]*:\\d+:\\d+: error: |[^\\n]*: error: ).*";

  @FuzzTest(maxDuration = "5m")
  void commandLine(byte[] input) {
    if (input.length == 0) return;
    String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
    String[] args = switch (input[0] & 3) {
      case 0 -> new String[] {"--emit", "expr", "--", text};
      case 1 -> new String[] {"--class", "Fuzzed", "--", text};
      case 2 -> new String[] {"--emit", "expr", "--wrt=" + text, "x * y + z"};
      default -> text.startsWith("@") ? null // a file name: could be /dev/zero
          : new String[] {"--emit", "json", "--at=" + text, "x * y + z"};
    };
    if (args == null) return;
    CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of(args),
        () -> "no answer within 20 s for " + Arrays.toString(args));
    String context = Arrays.toString(args) + "\n" + run.err();
    assertThat(run.exit()).as(context).isIn(0, 1, 2);
    assertThat(run.err()).as(context).doesNotContain("Exception").doesNotContain("\tat ");
    if (run.exit() == 2) {
      assertThat(run.err()).as(context).matches(ERROR);
      assertThat(run.out()).as(context).isEmpty();
    } else {
      assertThat(run.err()).as(context).isEmpty();
    }
  }
}
