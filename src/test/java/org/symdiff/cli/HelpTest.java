package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.symdiff.graph.Op;

/** The function lists of --help and the README come from the primitive table: adding a primitive lists it. */
class HelpTest {
  @Test
  void helpListsEveryFunction() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exit()).isZero();
    String help = run.out().replaceAll("\\s+", " ");
    Arrays.stream(Op.values()).filter(op -> op.function() != null)
        .forEach(op -> assertThat(help).as("--help lists " + op.function()).containsPattern("\\b" + op.function() + "\\b"));
    assertThat(help).contains("functions " + Help.unaryFunctions() + ", " + Help.otherFunctions() + ";",
        "on arrays " + Help.arrayFunctions() + ".");
  }

  @Test
  void readmeTableListsTheSameFunctions() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).as("README's functions row, as made from the table: run --help to see it")
        .contains("| functions | `" + Help.unaryFunctions() + "`, `" + Help.otherFunctions() + "`")
        .contains("| arrays | `" + Help.arrayFunctions() + "`");
  }

  @Test
  void everyFunctionIsDocumentedAndDifferentiable() {
    for (Op op : Op.values()) {
      if (op.function() == null) continue;
      assertThat(op.doc()).as(op + "'s line of documentation").isNotBlank();
      assertThat(op.isDifferentiable()).as(op + " has a rule per argument").isTrue();
    }
  }
}
