package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.Tools;

/**
 * ADBench's GMM objective at the two sizes of generated-samples/gmm: each program is what
 * bench/gmm.py writes for its size, and it, and the generated class committed beside it, compute
 * numpy's value at the script's point (the script stored the value; the build needs no numpy).
 */
class GmmReferenceTest {
  private static final Path SAMPLE = Path.of("generated-samples", "gmm");
  /** Our sums run in another order than numpy's. */
  private static final double RELATIVE = 1e-10;

  private static String name(int d, int k, int n) {
    return "gmm-d" + d + "-k" + k + "-n" + n;
  }

  private static double numpy(String name) throws IOException {
    return Double.parseDouble(Files.readString(Path.of("src/test/resources/reference", name + "-objective.txt")).strip());
  }

  @ParameterizedTest(name = "d = {0}, k = {1}, n = {2}")
  @CsvSource({"2, 5, 100", "10, 25, 1000"})
  void theProgramIsWhatTheScriptWrites(int d, int k, int n) throws IOException, InterruptedException {
    Tools.require("python3", "--version", "python3");
    Process script = new ProcessBuilder("python3", "bench/gmm.py", "--program", "" + d, "" + k, "" + n).start();
    String written = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(script.exitValue()).as(new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    assertThat(Files.readString(SAMPLE.resolve(name(d, k, n) + ".sd")))
        .as("%s.sd is not what python3 bench/gmm.py %d %d %d writes: run it", name(d, k, n), d, k, n).isEqualTo(written);
  }

  /**
   * The interpreter and the committed class (GmmD2K5N100, GmmD10K25N1000) at the script's point:
   * numpy's value, and the same gradient entry by entry. GeneratedSamplesTest differences the
   * class's value to check its gradient (at d = 10 along random directions), and the test below
   * the interpreter's entry by entry at d = 2.
   */
  @ParameterizedTest(name = "d = {0}, k = {1}, n = {2}")
  @CsvSource({"2, 5, 100, GmmD2K5N100", "10, 25, 1000, GmmD10K25N1000"})
  void theInterpreterAndTheGeneratedClassComputeNumpysValue(int d, int k, int n, String className) throws IOException {
    String name = name(d, k, n);
    Path program = SAMPLE.resolve(name + ".sd");
    Model model = Symdiff.load(new Source(program.toString(), Files.readString(program)));
    Differentiated differentiated = new Differentiated(model, Symdiff.differentiate(model));
    CompiledGradient compiled = CompiledGradient.compileAll(List.of(differentiated),
        List.of(Files.readString(SAMPLE.resolve(className + ".java")))).get(0);
    Map<Node, double[]> point = Point.parse("@" + SAMPLE.resolve(name + ".json"), model).values();

    double numpy = numpy(name);
    Evaluator.Result interpreted = Evaluator.gradient(differentiated.gradient(), point);
    assertThat(interpreted.value()).as("the interpreter").isCloseTo(numpy, within(RELATIVE * Math.abs(numpy)));
    Evaluator.Result generated = compiled.gradient(point);
    assertThat(generated.value()).as(className).isCloseTo(numpy, within(RELATIVE * Math.abs(numpy)));
    for (Node v : differentiated.gradient().wrt()) {
      double[] g = generated.gradient().get(v);
      for (int i = 0; i < g.length; i++) {
        assertThat(GradientCheck.error(g[i], interpreted.gradient().get(v)[i])).as("d/d%s[%d]", v.name(), i).isLessThan(1e-12);
      }
    }
  }

  @Test
  void theInterpretersGradientMatchesFiniteDifferencesEntryByEntry() {
    String name = name(2, 5, 100);
    CliRun run = CliRun.of("-f", SAMPLE.resolve(name + ".sd").toString(), "--check", "--at", "@" + SAMPLE.resolve(name + ".json"));
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("): ok").doesNotContain("along");
  }
}
