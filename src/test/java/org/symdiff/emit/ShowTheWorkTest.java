package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symdiff.eval.ChainRulePaths;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Node;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.PropertyRun;
import org.symdiff.testing.RandomPrograms;
import org.symdiff.testing.Tools;

/** The teaching artefacts agree with the gradient: tables compile, paths sum to the entry, for the seeds and at random. */
class ShowTheWorkTest {
  private static final PropertyRun RUN = PropertyRun.of(ShowTheWorkTest.class, 8_008_008L, 60);

  @TempDir
  Path dir;

  @Test
  void theSeedsTablesCompileWithPdflatex() throws Exception {
    Tools.require("pdflatex", "--version", "texlive-latex-base");
    for (String seed : List.of("seed000/simple_dnn2", "seed001/circle_net", "seed002/padhai", "seed003/example2")) {
      Differentiated d = Differentiated.of(Files.readString(Path.of("generated-samples", seed + ".sd")));
      // layer numbers as superscripts for one of them, as seed 000 writes them: W^{(2)}, transposed {W^{(2)}}^{T}
      boolean superscripts = seed.startsWith("seed000");
      String tex = TableEmitter.emit(d.model(), d.gradient(),
          new TableEmitter.Options(TableEmitter.Format.LATEX, true, superscripts));
      Path file = dir.resolve(seed.replace('/', '-') + ".tex");
      Files.writeString(file, tex);
      Process pdflatex = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", file.getFileName().toString())
          .directory(dir.toFile()).redirectErrorStream(true).start();
      String log = new String(pdflatex.getInputStream().readAllBytes());
      assertThat(pdflatex.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(pdflatex.exitValue()).as("pdflatex on %s:\n%s\n%s", seed, tex, log).isZero();
      assertThat(dir.resolve(seed.replace('/', '-') + ".pdf")).exists();
    }
  }

  /**
   * For random programs, random entries at random points: the sum over paths (listed, or grouped
   * when there are many) is the gradient's entry.
   */
  @Test
  void pathsSumToTheGradientsEntry() {
    int checked = 0;
    for (int c = 0; c < RUN.cases(); c++) {
      Random random = PropertyRun.random(RUN.caseSeed(c));
      Differentiated program = Differentiated.of(new RandomPrograms(random, 2).next());
      Differentiated instance = program.instantiate(program.randomSizes(random));
      Map<Node, double[]> point = instance.randomValues(random);
      if (!instance.inDomain(point) || instance.gradient().wrt().isEmpty()) continue;
      Node variable = instance.gradient().wrt().get(random.nextInt(instance.gradient().wrt().size()));
      int index = random.nextInt(variable.shape().size());
      Differentiated alone = instance.withRespectTo(List.of(variable.name()));
      double entry = Evaluator.gradient(alone.gradient(), point).gradient().get(variable)[index];
      ChainRulePaths paths = ChainRulePaths.of(alone.model(), alone.gradient(), point, variable, index);
      double grouped = paths.count(paths.output()).signum() == 0 ? 0 : paths.adjoints().get(paths.target());
      assertThat(GradientCheck.error(grouped, entry)).as("case %d, d/d%s[%d]", c, variable.name(), index).isLessThan(1e-10);
      if (paths.count(paths.output()).intValue() <= ExplainEmitter.LISTED_PATHS) {
        double sum = 0;
        for (List<ChainRulePaths.Edge> path : paths.paths(ExplainEmitter.LISTED_PATHS)) {
          double product = 1;
          for (ChainRulePaths.Edge e : path) product *= e.partial();
          sum += product;
        }
        assertThat(GradientCheck.error(sum, entry)).as("case %d, listed paths", c).isLessThan(1e-10);
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(RUN.cases() / 2);
  }

  @Test
  void seed002sPathsShowTheSoftmaxCrossTerms() throws IOException {
    String w212 = Files.readString(Path.of("generated-samples/seed002/padhai-explain-w212.txt"));
    assertThat(w212).contains("sum over 2 paths", "L <- yhat[0] <- a2[0] <- W2[0,1]", "L <- yhat[1] <- a2[0] <- W2[0,1]",
        "sum of the 2 paths: -0.1304 (the gradient's entry: -0.1304)");
    String w131 = Files.readString(Path.of("generated-samples/seed002/padhai-explain-w131.txt"));
    assertThat(w131).contains("sum over 4 paths", "sum of the 4 paths: 0.003159 (the gradient's entry: 0.003159)");
  }
}
