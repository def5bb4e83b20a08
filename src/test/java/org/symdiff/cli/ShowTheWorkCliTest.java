package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symdiff.testing.Tools;

/** Tables, pictures and explanations on the command line, and what they say to a mistake. */
class ShowTheWorkCliTest {
  private static final String SEED002 = "generated-samples/seed002/padhai.sd";
  private static final String AT = "@generated-samples/seed002/padhai.json";

  @TempDir
  Path dir;

  @Test
  void anEntryOutOfRangeGetsACaretAndTheRange() {
    CliRun run = CliRun.of("-f", SEED002, "--explain", "W2[0,7]", "--at", AT);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("""
        --explain:1:6: error: column 7 is out of range: 'W2' has shape [2,4], so columns go from 0 to 3
          W2[0,7]
               ^
        """);
  }

  @Test
  void anUnknownNameListsTheInputs() {
    CliRun run = CliRun.of("-f", SEED002, "--explain", "W3[0,1]", "--at", AT);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--explain:1:1: error: 'W3' is not an input; did you mean 'W1'? (inputs: x, y, W1, b1, W2, b2)");
  }

  @Test
  void anArrayNeedsAnEntryAndAnExplanationNeedsAPoint() {
    CliRun array = CliRun.of("-f", SEED002, "--explain", "W2", "--at", AT);
    assertThat(array.exit()).isEqualTo(2);
    assertThat(array.err()).contains("'W2' has shape [2,4]: name one entry with 2 indices, e.g. W2[0,1]");
    CliRun noPoint = CliRun.of("(x+y)*z", "--explain", "x");
    assertThat(noPoint.exit()).isEqualTo(2);
    assertThat(noPoint.err()).startsWith("symdiff: --explain needs a point");
  }

  @Test
  void aScalarExplainsItsPaths() {
    CliRun run = CliRun.of("q = x + y; f = q * z", "--explain", "x", "--at", "x=-2,y=5,z=-4");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("""
        df/dx is the sum over 1 path from f down to x, each the product of the local derivatives along it:

        path 1: f <- q <- x
          df/dq * dq/dx
          = (-4) * (1) = -4

        sum of the 1 path: -4 (the gradient's entry: -4)
        """);
  }

  @Test
  void svgWithoutGraphvizNamesThePackageAndWritesNothing() {
    Path out = dir.resolve("graph.svg");
    String before = System.getProperty("symdiff.dot");
    System.setProperty("symdiff.dot", dir.resolve("no-such-dot").toString());
    try {
      CliRun run = CliRun.of("(x+y)*z", "--emit", "svg", "-o", out.toString());
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).contains("--emit svg needs Graphviz's dot program", "install the graphviz package");
      assertThat(out).doesNotExist();
    } finally {
      if (before == null) System.clearProperty("symdiff.dot");
      else System.setProperty("symdiff.dot", before);
    }
  }

  @Test
  void svgDrawsWithGraphviz() throws Exception {
    Tools.require("dot", "-V", "graphviz");
    Path out = dir.resolve("graph.svg");
    CliRun run = CliRun.of("(x+y)*z", "--emit", "svg", "--at", "x=-2,y=5,z=-4", "-o", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    // the nodes x, y, z, the sum and the product, and the edges between them
    assertThat(SvgContent.titles(Files.readString(out))).contains("n0", "n1", "n2", "n3", "n4", "n0->n2", "n2->n4");
  }

  @Test
  void optionsForOtherFormatsAreUsageErrors() {
    assertThat(CliRun.of("(x+y)*z", "--standalone").err()).contains("--standalone is for --emit latex");
    assertThat(CliRun.of("(x+y)*z", "--hide-constants").err()).contains("--hide-constants is for --emit dot or svg");
    assertThat(CliRun.of("(x+y)*z", "--emit", "expr", "--superscripts").err()).contains("--superscripts is for");
  }

  @Test
  void markdownTablesOfAnExpressionAtAPoint() {
    CliRun run = CliRun.of("(x+y)*z", "--emit", "markdown", "--at", "x=-2,y=5,z=-4");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("""
        | Forward pass step | Symbolic equation | At the point |
        | ---: | --- | --- |
        | (1) | $f = (x + y) z$ | -12 |

        | Backward pass step | Symbolic equation | At the point |
        | ---: | --- | --- |
        | (1) | $\\frac{\\partial f}{\\partial f} = 1$ | 1 |
        | (1a) | $\\frac{\\partial f}{\\partial x} = z$ | -4 |
        | (1b) | $\\frac{\\partial f}{\\partial y} = z$ | -4 |
        | (1c) | $\\frac{\\partial f}{\\partial z} = x + y$ | 3 |
        """);
  }
}
