package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.diff.Gradient;
import org.symdiff.eval.Footprint;
import org.symdiff.graph.Model;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that once fell off a cliff (quadratic time, memory beyond the heap): each now finishes
 * within a few seconds, measured here against generous limits so a slow machine does not fail.
 */
class LargeInputsTest {
  /** A guard against a hang or a quadratic cliff, not a speed test: alone these take 1 to 13 s, on a loaded 2-core machine up to 40. */
  private static final Duration LIMIT = Duration.ofSeconds(60);

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

  /** Each pair cost ANTLR six nested calls: a stack of six million frames, walked by every collection (23 s). */
  @Test
  void aMillionNestedParenthesesParseInLinearTime() throws IOException {
    Path nested = write("nested.sd", "(".repeat(1_000_000) + "x" + ")".repeat(1_000_000) + " * y");
    assertThat(run("-f", nested.toString(), "--emit", "expr").out()).isEqualTo("df/dx = y\ndf/dy = x\n");
  }

  @Test
  void blankLinesAndSeparatorsBeforeTheFirstStatementTakeLinearTime() throws IOException {
    // the grammar's leading and trailing separator* were ambiguous: each separator looked ahead over all
    Path blank = write("blank.sd", "\n".repeat(200_000) + "# a comment\n".repeat(20_000) + "f = x * y\n");
    assertThat(run("-f", blank.toString(), "--emit", "expr").out()).isEqualTo("df/dx = y\ndf/dy = x\n");
    Path semicolons = write("semicolons.sd", ";".repeat(100_000) + "x * y" + ";".repeat(100_000));
    assertThat(run("-f", semicolons.toString(), "--emit", "expr").out()).isEqualTo("df/dx = y\ndf/dy = x\n");
  }

  @Test
  void aPointOrAWrtListOf100000NamesIsReadInLinearTime() throws IOException {
    int n = 100_000;
    Path program = write("sum.sd", IntStream.range(0, n).mapToObj(i -> "x" + i).collect(Collectors.joining(" + ")));
    Path values = write("values.json", IntStream.range(0, n).mapToObj(i -> "\"x" + i + "\": " + i)
        .collect(Collectors.joining(",\n", "{\n", "\n}\n")));
    String wrt = IntStream.range(0, n).mapToObj(i -> "x" + (n - 1 - i)).collect(Collectors.joining(","));
    CliRun run = run("-f", program.toString(), "--emit", "json", "--at", "@" + values, "--wrt", wrt);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("{\"value\": " + (long) n * (n - 1) / 2 + ", \"gradient\": {\"x99999\": 1, ");
  }

  @Test
  void closedFormsOf100000StatementsTakeLinearTime() throws IOException {
    String lines = IntStream.range(1, 100_000).mapToObj(i -> "a" + i + " = a" + (i - 1) + " * y + " + (i % 7))
        .collect(Collectors.joining("\n", "a0 = x\n", "\n"));
    CliRun run = run("-f", write("chain.sd", lines).toString(), "--emit", "expr");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\nda99999/dx = ", "\nda99999/dy = ");
  }

  /** Entry by entry, each partial cost a dozen evaluations of the whole function. */
  @Test
  void checkOfAVectorOf100000ComparesRandomDirections() {
    CliRun run = run("param v[100000]; L = sum(v ^ 2) + sum(sin(v))", "--check");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("along 4 random directions u", "dL/du4").endsWith(": ok\n");
  }

  /** The point is described by a few of its names: a million inputs made a line of ten megabytes. */
  @Test
  void checkOfManyScalarInputsNamesAFewOfThem() {
    String sum = IntStream.range(0, 2_000).mapToObj(i -> "x" + i + " * x" + (i + 1)).collect(Collectors.joining(" + "));
    CliRun run = run(sum, "--check");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("at a point of 2001 numbers (x0, x1, x2, x3, x4, x5, x6, x7, ... x2000; 2001 variables)\n")
        .endsWith(": ok\n");
  }

  /** Arrays too large to evaluate in this heap are refused at once, with the sizes, not after minutes of GC. */
  @Test
  void aPointTooLargeForTheHeapIsRefusedBeforeItIsEvaluated() {
    String program = "param W[11000,11000]; L = sum(W * W)";
    Model model = Symdiff.load(new Source("<expr>", program));
    Gradient gradient = Symdiff.differentiate(model);
    assumeTrue(Footprint.bytes(model, gradient, false) > Runtime.getRuntime().maxMemory(), "a heap of more than 10 GB");
    for (String[] args : List.of(new String[] {program, "--check"}, new String[] {program, "--emit", "json", "--at", "@nowhere.json"})) {
      CliRun run = run(args);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).matches("<expr>: error: evaluating L needs about \\d+\\.\\d GB for its values and adjoints,"
          + " more than the .* this Java may still use \\(its heap limit is .*\\); give it more with"
          + " JAVA_TOOL_OPTIONS=-Xmx<size>, or use smaller arrays\n");
    }
  }

  /** An array beyond 2^27 elements is refused at its declaration, before anything is allocated. */
  @Test
  void anArrayOfMoreThan2To27ElementsIsRefusedAtItsDeclaration() {
    CliRun run = run("param W[20000,20000]; L = sum(W)", "--emit", "expr");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("<expr>:1:7: error: W: [20000,20000] has 400000000 elements; at most 134217728 are supported\n");
  }

  /** A sum of a million inputs was written out as a class after four minutes, then ran out of memory. */
  @Test
  void javaBeyondWhatOneClassHoldsIsRefusedNamingTheLimit() throws IOException {
    Path inputs = write("inputs.sd", IntStream.range(0, 340_000).mapToObj(i -> "x" + i).collect(Collectors.joining(" + ")));
    CliRun tooMany = run("-f", inputs.toString());
    assertThat(tooMany.exit()).isEqualTo(2);
    assertThat(tooMany.out()).isEmpty();
    // refused before differentiating, from the gates and a lower bound of the contributions (exact for a sum)
    assertThat(tooMany.err()).isEqualTo(inputs + ": error: f needs at least 1,019,997 Java statements (339,999 gates and"
        + " at least 679,998 adjoint contributions); a generated class holds at most 1,000,000: use --emit json or --emit"
        + " expr, or write the function over arrays (an input x[n] and sum(...) become loops)\n");
    Path constants = write("constants.sd", IntStream.range(0, 33_000).mapToObj(i -> i + ".5 * x" + i % 100)
        .collect(Collectors.joining(" + ")));
    CliRun tooManyConstants = run("-f", constants.toString());
    assertThat(tooManyConstants.exit()).isEqualTo(2);
    assertThat(tooManyConstants.err()).startsWith(constants + ": error: f has 33,000 distinct constants, and its class would need ")
        .contains("more than the 65,535 constant-pool entries a Java class file holds");
  }

  private CliRun run(String... args) {
    return assertTimeoutPreemptively(LIMIT, () -> CliRun.of(args));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
