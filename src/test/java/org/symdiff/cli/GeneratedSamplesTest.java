package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;
import picocli.CommandLine;

/**
 * The committed files under {@code generated-samples/} are exactly what the command produces for
 * the lines of {@code generated-samples/samples.txt}, and every generated Java file compiles and
 * computes a gradient that agrees with finite differences of its own value.
 *
 * <p>A sample that differs fails the build; it is rewritten only on request, with
 * {@code bin/regenerate-samples} (which runs this test with {@code -Dsymdiff.regenerate=true}).
 */
class GeneratedSamplesTest {
  static final Path FOLDER = Path.of("generated-samples");
  static final Path MANIFEST = FOLDER.resolve("samples.txt");
  private static final String REGENERATE = "bin/regenerate-samples";
  private static final boolean REGENERATING = Boolean.getBoolean("symdiff.regenerate");

  /** One line of the manifest: where the output goes, and the command-line arguments. */
  record Sample(int line, Path output, List<String> args) {
    @Override
    public String toString() {
      return FOLDER.relativize(output) + " (samples.txt:" + line + ")";
    }
  }

  @TestFactory
  Stream<DynamicTest> samplesAreUpToDate() throws IOException {
    return samples().stream().map(sample -> DynamicTest.dynamicTest("up to date: " + sample, () -> {
      CliRun run = CliRun.of(sample.args().toArray(String[]::new));
      assertThat(run.exit()).as("symdiff %s\n%s", sample.args(), run.err()).isZero();
      assertThat(run.err()).isEmpty();
      String committed = Files.exists(sample.output()) ? Files.readString(sample.output(), StandardCharsets.UTF_8) : null;
      if (run.out().equals(committed)) return;
      if (REGENERATING) {
        Files.createDirectories(sample.output().getParent());
        TextFiles.writeAtomically(sample.output(), run.out());
        System.out.println("regenerated " + sample.output());
        return;
      }
      fail(sample.output() + (committed == null ? " is missing" : " differs from what symdiff now generates")
          + ".\nIf the change is intended, regenerate every sample with " + REGENERATE
          + " and review the diff (git diff " + FOLDER + ").\nArguments: " + sample.args()
          + (committed == null ? "" : "\n" + firstDifference(committed, run.out())));
    }));
  }

  private static String firstDifference(String committed, String generated) {
    List<String> was = committed.lines().toList();
    List<String> now = generated.lines().toList();
    int line = 0;
    while (line < Math.min(was.size(), now.size()) && was.get(line).equals(now.get(line))) line++;
    return "first difference at line " + (line + 1) + ":\n  committed: "
        + (line < was.size() ? was.get(line) : "(end of file)") + "\n  generated: "
        + (line < now.size() ? now.get(line) : "(end of file)");
  }

  /** Every Java sample, static or with a workspace, compiled in one javac run as the command prints it. */
  @TestFactory
  Stream<DynamicTest> generatedJavaCompilesAndMatchesFiniteDifferences() throws IOException {
    List<Sample> java = samples().stream().filter(sample -> sample.output().toString().endsWith(".java")).toList();
    List<CompiledGradient> compiled = CompiledGradient.compileAll(
        java.stream().map(GeneratedSamplesTest::differentiated).toList(),
        java.stream().map(sample -> CliRun.of(sample.args().toArray(String[]::new)).out()).toList());
    return IntStream.range(0, java.size()).mapToObj(i ->
        DynamicTest.dynamicTest("gradient checks: " + java.get(i), () -> checkNumerically(java.get(i), compiled.get(i))));
  }

  @Test
  void everyFileInTheFolderComesFromTheManifest() throws IOException {
    Set<Path> known = new TreeSet<>(List.of(MANIFEST, FOLDER.resolve("README.md")));
    for (Sample sample : samples()) {
      known.add(sample.output());
      known.addAll(inputFiles(sample.args()));
    }
    List<Path> orphans = new ArrayList<>();
    try (Stream<Path> files = Files.walk(FOLDER)) {
      files.filter(Files::isRegularFile).filter(f -> !known.contains(f)).sorted().forEach(orphans::add);
    }
    assertThat(orphans).as("files in %s that no line of %s produces or reads: delete them or add a line",
        FOLDER, MANIFEST).isEmpty();
  }

  // ---- the numeric check

  /** The sample's model, differentiated as its command line asks. */
  private static Differentiated differentiated(Sample sample) {
    Main main = parse(sample.args());
    Model model = Symdiff.load(source(main));
    return new Differentiated(model, main.wrt == null ? Symdiff.differentiate(model)
        : Symdiff.differentiate(model, new Source("--wrt", main.wrt)));
  }

  /** The generated gradient against finite differences of the generated value, at a smooth point. */
  private static void checkNumerically(Sample sample, CompiledGradient compiled) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    compiled.model().model().runtimeDims().forEach(d -> sizes.put(d, 3));
    Differentiated model = compiled.model().instantiate(sizes);
    // A point where the interpreter finds the function finite and smooth: finite differences mean something there.
    List<GradientCheck.Report> smooth = GradientCheck.atRandomPoints(model.gradient(), model.inputs(), 1, 20261124L);
    assertThat(smooth).as("a smooth point for %s", sample).isNotEmpty();
    Map<Node, double[]> point = smooth.get(0).point();

    Evaluator.Result generated = compiled.gradient(sizes, point);
    assertThat(generated.value()).isEqualTo(compiled.value(sizes, point));
    for (Node v : model.gradient().wrt()) {
      double[] partials = generated.gradient().get(v);
      for (int i = 0; i < partials.length; i++) {
        double numeric = centralDifference(compiled, sizes, point, v, i);
        assertThat(GradientCheck.error(partials[i], numeric))
            .as("%s: d/d%s[%d] generated %s, finite differences %s", sample, v.name(), i, partials[i], numeric)
            .isLessThanOrEqualTo(GradientCheck.TOLERANCE);
      }
    }
  }

  /** Five-point central difference of the generated value() in element {@code i} of {@code v}. */
  private static double centralDifference(CompiledGradient compiled, Map<String, Integer> sizes, Map<Node, double[]> point,
      Node v, int i) {
    double x = point.get(v)[i];
    double h = 1e-3 * Math.max(1, Math.abs(x));
    double[] f = new double[4];
    double[] steps = {2 * h, h, -h, -2 * h};
    for (int s = 0; s < 4; s++) {
      Map<Node, double[]> moved = new LinkedHashMap<>(point);
      double[] values = point.get(v).clone();
      values[i] = x + steps[s];
      moved.put(v, values);
      f[s] = compiled.value(sizes, moved);
    }
    return (f[3] - 8 * f[2] + 8 * f[1] - f[0]) / (12 * h);
  }

  // ---- reading the manifest and the arguments

  static List<Sample> samples() throws IOException {
    List<Sample> samples = new ArrayList<>();
    List<String> lines = Files.readAllLines(MANIFEST, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int colon = line.indexOf(" : ");
      if (colon < 0) throw new IllegalArgumentException(MANIFEST + ":" + (i + 1) + ": expected '<output file> : <arguments>'");
      List<String> args = ShellWords.split(line.substring(colon + 3));
      if (args.contains("-o") || args.stream().anyMatch(a -> a.startsWith("--output"))) {
        throw new IllegalArgumentException(MANIFEST + ":" + (i + 1) + ": no -o: the output file is named before ' : '");
      }
      samples.add(new Sample(i + 1, FOLDER.resolve(line.substring(0, colon).strip()), args));
    }
    return samples;
  }

  /** The files a command line reads: -f FILE and --at @FILE. */
  private static List<Path> inputFiles(List<String> args) {
    Main main = parse(args);
    List<Path> files = new ArrayList<>();
    if (main.file != null) files.add(main.file);
    if (main.at != null && main.at.startsWith("@")) files.add(Path.of(main.at.substring(1)));
    return files;
  }

  private static Source source(Main main) {
    return main.file != null ? new Source(main.file.toString(), TextFiles.read(main.file))
        : new Source("<expr>", main.expression);
  }

  /** The arguments as the command itself reads them. */
  private static Main parse(List<String> args) {
    CommandLine cli = new CommandLine(new Main()).setUnmatchedOptionsArePositionalParams(true).setExpandAtFiles(false);
    cli.parseArgs(args.toArray(String[]::new));
    return cli.getCommand();
  }
}
