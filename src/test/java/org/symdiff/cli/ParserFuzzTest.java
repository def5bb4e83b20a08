package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.symdiff.testing.InMemoryJavaCompiler;

/**
 * Arbitrary text through the command line: whatever it is, symdiff answers with exit 0, 1 or 2,
 * never an internal error (70), a stack trace or a hang, and Java it writes compiles.
 *
 * <p>A normal test run replays the seed corpus in
 * {@code src/test/resources/org/symdiff/cli/ParserFuzzTestInputs/commandLine/} (without Jazzer's
 * bytecode hooks: see {@code junit-platform.properties}). To explore for a minute, run
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=ParserFuzzTest -Djazzer.hooks=true -Djazzer.max_duration=60s};
 * a failing input is saved next to the seeds, to be replayed by every later run.
 *
 * <p>The first byte of an input picks where the rest goes ('0' to '7', modulo 8): the expression
 * with {@code --emit expr}, the expression as Java, a {@code --wrt} list, an {@code --at} point,
 * a {@code --class} name, a {@code --package} name, the text of a {@code .sd} file, or the
 * expression with {@code --check}. The text is always an option's value, follows {@code --} or is
 * written to a file of the test's own, so it can never become {@code -o} or {@code -f} and touch files.
 */
class ParserFuzzTest {
  private static final String ERROR = "(?s)(symdiff: |[^\\n]*:\\d+:\\d+: error: |[^\\n]*: error: ).*";

  @FuzzTest(maxDuration = "5m")
  void commandLine(byte[] input) throws IOException {
    if (input.length == 0) return;
    String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
    Path file = null;
    int kind = input[0] & 7;
    String[] args = switch (kind) {
      case 0 -> new String[] {"--emit", "expr", "--", text};
      case 1 -> new String[] {"--class", "Fuzzed", "--", text};
      case 2 -> new String[] {"--emit", "expr", "--wrt=" + text, "x * y + z"};
      case 3 -> text.startsWith("@") ? null // a file name: could be /dev/zero
          : new String[] {"--emit", "json", "--at=" + text, "x * y + z"};
      case 4 -> new String[] {"--class=" + text, "x * y"};
      case 5 -> new String[] {"--package=" + text, "--class", "Fuzzed", "x * y"};
      case 6 -> new String[] {"--emit", "expr", "-f", (file = Files.writeString(Files.createTempFile("fuzz", ".sd"), text)).toString()};
      default -> new String[] {"--check", "--", text};
    };
    if (args == null) return;
    try {
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
      // what javac refuses (a restricted class name, a JDK package) must have been refused before
      if (run.exit() == 0 && (kind == 1 || kind == 4 || kind == 5)) InMemoryJavaCompiler.forGeneratedCode().compile(run.out());
    } finally {
      if (file != null) Files.delete(file);
    }
  }
}
