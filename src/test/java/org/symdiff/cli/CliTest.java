package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.testing.InMemoryJavaCompiler;

/** The command line as a user drives it: options, formats, files, exit codes. */
class CliTest {
  private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d.]*(?:E[+-]?\\d+)?|null");

  @TempDir
  Path dir;

  @Test
  void helpListsTheOptionsAndExamplesWithin80Columns() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Usage: symdiff", "--wrt", "--emit", "--at", "--check", "--class", "--package",
        "-o, --output", "-f, --file", "--help", "--version", "Examples:",
        "symdiff \"(x+y)*z\" --emit json --at x=-2,y=5,z=-4", "Exit codes:",
        "70 internal error");
    assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
  }

  @Test
  void versionNamesTheProgram() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("symdiff ").endsWith("\n");
    assertThat(run.out().lines()).hasSize(1);
  }

  @Test
  void anExpressionMayStartWithAMinus() {
    CliRun run = CliRun.of("-x^2", "--emit", "json", "--at", "x=3");
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("{\"value\": -9, \"gradient\": {\"x\": -6}}\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-h + x", "-V*x", "-f*g", "-o*x", "-hV"})
  void anExpressionMayStartWithTheLetterOfAShortOption(String expression) {
    CliRun run = CliRun.of(expression, "--emit", "expr");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isNotEmpty().isEqualTo(CliRun.of("--emit", "expr", "--", expression).out());
  }

  @Test
  void shortOptionsStillWorkBesideADashExpression() throws IOException {
    Path program = Files.writeString(dir.resolve("p.sd"), "f = x * x\n");
    Path target = dir.resolve("out.txt");
    assertThat(CliRun.of("-f=" + program, "--emit", "expr").out()).isEqualTo("df/dx = 2 * x\n");
    assertThat(CliRun.of("-f", program.toString(), "-o=" + target, "--emit", "expr").exit()).isZero();
    assertThat(Files.readString(target)).isEqualTo("df/dx = 2 * x\n");
    assertThat(CliRun.of("-o", target.toString(), "-o*x", "--emit", "expr").exit()).isZero();
    assertThat(Files.readString(target)).isEqualTo("df/do = -x\ndf/dx = -o\n");
    assertThat(CliRun.of("-h").out()).startsWith("Usage: symdiff");
    assertThat(CliRun.of("-V").out()).startsWith("symdiff ");
  }

  @Test
  void doubleDashEndsTheOptions() {
    assertThat(CliRun.of("--emit", "json", "--at", "x=3", "--", "-x^2").out())
        .isEqualTo("{\"value\": -9, \"gradient\": {\"x\": -6}}\n");
    // "--x" would be an unknown option; after "--" it is minus minus x.
    assertThat(CliRun.of("--emit", "json", "--at", "x=3", "--", "--x").out())
        .isEqualTo("{\"value\": 3, \"gradient\": {\"x\": 1}}\n");
  }

  @Test
  void emitJsonPrintsValueAndGradientOfSeed003() {
    CliRun run = CliRun.of("(x+y)*z", "--emit", "json", "--at", "x=-2,y=5,z=-4");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("{\"value\": -12, \"gradient\": {\"x\": -4, \"y\": -4, \"z\": 3}}\n");
  }

  @Test
  void emitJsonFollowsWrtOrder() {
    CliRun run = CliRun.of("(x+y)*z", "--wrt", "z,x", "--emit", "json", "--at", "x=-2,y=5,z=-4");
    assertThat(run.out()).isEqualTo("{\"value\": -12, \"gradient\": {\"z\": 3, \"x\": -4}}\n");
  }

  @Test
  void jsonNumbersRoundTripExactly() {
    String[][] cases = {
        {"sin(x) * exp(y) / 3", "x=0.1,y=0.3"},
        {"x * y", "x=0.1,y=3"},
        {"x * y", "x=1e-300,y=4.9E-324"},
        {"x * y", "x=-0.0,y=2"},
        {"x / y", "x=1e300,y=1e-10"},
        {"log(x) + sqrt(y) + atan(x * y)", "x=2.718281828459045,y=1.4142135623730951"},
    };
    for (String[] c : cases) {
      CliRun run = CliRun.of(c[0], "--emit", "json", "--at", c[1]);
      assertThat(run.exit()).as(run.err()).isZero();
      List<String> printed = numbers(run.out());
      List<Double> exact = exactValueAndGradient(c[0], c[1]);
      assertThat(printed).as(run.out()).hasSameSizeAs(exact);
      for (int i = 0; i < exact.size(); i++) {
        double expected = exact.get(i);
        String text = printed.get(i);
        if (!Double.isFinite(expected)) {
          assertThat(text).isEqualTo("null");
        } else {
          assertThat(Double.doubleToRawLongBits(Double.parseDouble(text)))
              .as("%s at %s: %s printed as %s", c[0], c[1], expected, text)
              .isEqualTo(Double.doubleToRawLongBits(expected));
        }
      }
    }
  }

  @Test
  void emitExprLinesAreExpressionsOfOurLanguage() {
    CliRun run = CliRun.of("exp(exp(x^2)) * y", "--emit", "expr");
    assertThat(run.exit()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("df/dx = ");
    assertThat(lines.get(1)).startsWith("df/dy = ");
    // Each right-hand side, parsed back and evaluated, gives the gradient --emit json prints.
    String json = CliRun.of("exp(exp(x^2)) * y", "--emit", "json", "--at", "x=0.7,y=-1.5").out();
    List<String> gradient = numbers(json).subList(1, 3);
    for (int i = 0; i < 2; i++) {
      String rhs = lines.get(i).substring("df/dx = ".length());
      assertThat(evaluate(rhs, Map.of("x", 0.7, "y", -1.5)))
          .isCloseTo(Double.parseDouble(gradient.get(i)), within(1e-9));
    }
  }

  @Test
  void emitJavaIsTheDefaultAndCompiles() throws Exception {
    CliRun run = CliRun.of("(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("public final class Expression").doesNotContain("package ");
    Class<?> type = InMemoryJavaCompiler.forGeneratedCode().compile(run.out());
    double[] grad = new double[2];
    Method gradient = type.getMethod("gradient", double.class, double.class, double[].class);
    double value = (double) gradient.invoke(null, 3.0, -4.0, grad);
    List<Double> expected = exactValueAndGradient("(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)", "x=3,y=-4");
    assertThat(value).isCloseTo(expected.get(0), within(1e-14));
    assertThat(grad[0]).isCloseTo(expected.get(1), within(1e-14));
    assertThat(grad[1]).isCloseTo(expected.get(2), within(1e-14));
  }

  @Test
  void classAndPackageNameTheGeneratedType() {
    CliRun run = CliRun.of("(x+y)*z", "--emit", "java", "--class", "Seed003", "--package", "samples.seed");
    assertThat(run.out()).contains("package samples.seed;", "public final class Seed003");
    assertThat(InMemoryJavaCompiler.forGeneratedCode().compile(run.out()).getName()).isEqualTo("samples.seed.Seed003");
  }

  @Test
  void outputToAFileIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
    String expected = CliRun.of("(x+y)*z", "--class", "Seed003").out();
    Path target = dir.resolve("out/Seed003.java");
    assertThat(CliRun.of("(x+y)*z", "--class", "Seed003", "-o", target.toString()).exit()).isZero();
    assertThat(Files.readString(target)).isEqualTo(expected);
    // again over the existing file
    assertThat(CliRun.of("x*y", "--emit", "expr", "-o", target.toString()).exit()).isZero();
    assertThat(Files.readString(target)).isEqualTo("df/dx = y\ndf/dy = x\n");
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void outputFilesGetTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
    Path target = dir.resolve("F.java");
    CliRun.of("x", "-o", target.toString());
    Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain.txt")));
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(usual);
  }

  @Test
  void outputToADirectoryFollowsThePackage() throws IOException {
    CliRun run = CliRun.of("(x+y)*z", "--class", "Seed003", "--package", "a.b", "-o", dir.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    Path file = dir.resolve("a/b/Seed003.java");
    assertThat(Files.readString(file)).startsWith("// Generated by symdiff").contains("package a.b;");
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(Files::isRegularFile)).containsExactly(file);
    }
    CliRun.of("x", "-o", dir.toString());
    assertThat(dir.resolve("Expression.java")).exists();
  }

  @Test
  void outputToAJavaFileNamesTheClassAfterTheFile() throws IOException {
    Path target = dir.resolve("F.java");
    CliRun run = CliRun.of("(x+y)*z", "-o", target.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    String java = Files.readString(target);
    assertThat(java).contains("public final class F ");
    assertThat(InMemoryJavaCompiler.forGeneratedCode().compile(java).getName()).isEqualTo("F");
    assertThat(CliRun.of("(x+y)*z", "--class", "F", "-o", target.toString()).exit()).isZero();
  }

  @Test
  void outputToAFolderThatDoesNotExistYetWhenTheNameEndsInASlash() throws IOException {
    CliRun run = CliRun.of("(x+y)*z", "-o", dir.resolve("newdir") + "/");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(dir.resolve("newdir/Expression.java")).isRegularFile();
    CliRun.of("(x+y)*z", "--class", "Seed003", "--package", "a.b", "-o", dir.resolve("other") + "/");
    assertThat(dir.resolve("other/a/b/Seed003.java")).isRegularFile();
  }

  @Test
  void programFileWithTheDefaultClassNameFromTheFileName() throws IOException {
    Path file = Files.writeString(dir.resolve("seed-003.sd"), "q = x + y\nf = q * z\n");
    CliRun json = CliRun.of("-f", file.toString(), "--emit", "json", "--at", "x=1,y=2,z=3");
    assertThat(json.out()).isEqualTo("{\"value\": 9, \"gradient\": {\"x\": 3, \"y\": 3, \"z\": 3}}\n");
    CliRun java = CliRun.of("--file", file.toString());
    assertThat(java.out()).contains("public final class Seed003", "double q = x + y;");
    InMemoryJavaCompiler.forGeneratedCode().compile(java.out());
  }

  @Test
  void pointNumbersAreThoseOfOurLanguage() {
    assertThat(CliRun.of("x + y + z", "--emit", "json", "--at", "x=.5,y=1.,z=-2e-3").out())
        .isEqualTo("{\"value\": 1.498, \"gradient\": {\"x\": 1, \"y\": 1, \"z\": 1}}\n");
    assertThat(CliRun.of("x + y + z", "--emit", "json", "--at", "{\"x\": 0.5, \"y\": -1E2, \"z\": 2e+1}").out())
        .isEqualTo("{\"value\": -79.5, \"gradient\": {\"x\": 1, \"y\": 1, \"z\": 1}}\n");
  }

  @Test
  void pointFromAJsonFile() throws IOException {
    Path values = Files.writeString(dir.resolve("values.json"), "{\"x\": -2, \"y\": 5,\n \"z\": -4}\n");
    CliRun run = CliRun.of("(x+y)*z", "--emit", "json", "--at", "@" + values);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("{\"value\": -12, \"gradient\": {\"x\": -4, \"y\": -4, \"z\": 3}}\n");
  }

  @Test
  @Timeout(20) // this 1.1 MB file once took 30 s: positions were recounted from the start per value
  void aLargeValuesFileIsReadInLinearTime() throws IOException {
    StringBuilder json = new StringBuilder("{\"X\": [\n");
    long sumOfSquares = 0;
    for (int i = 0; i < 20000; i++) {
      json.append(i == 0 ? "" : ",\n").append("      [").append(i % 7).append(".000000000000000, 2.000000000000000]");
      sumOfSquares += (i % 7) * (i % 7) + 4;
    }
    Path values = Files.writeString(dir.resolve("big.json"), json.append("\n]}\n"));
    CliRun run = CliRun.of("input X[20000,2]; L = sum(X * X)", "--emit", "json", "--at", "@" + values);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("{\"value\": " + sumOfSquares + ", \"gradient\": {\"X\": [[0, 4], [2, 4], [4, 4],");
  }

  @Test
  void pointAsAnInlineJsonObject() {
    CliRun run = CliRun.of("(x+y)*z", "--emit", "json", "--at", "{\"z\": -4, \"x\": -2, \"y\": 5}");
    assertThat(run.out()).isEqualTo("{\"value\": -12, \"gradient\": {\"x\": -4, \"y\": -4, \"z\": 3}}\n");
  }

  @Test
  void checkPassesOnAGoodGradient() {
    CliRun random = CliRun.of("(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)", "--check");
    assertThat(random.exit()).as(random.out() + random.err()).isZero();
    assertThat(random.out()).contains("worst relative error").endsWith(": ok\n");
    CliRun at = CliRun.of("-x^2", "--check", "--at", "x=1.5");
    assertThat(at.exit()).isZero();
    assertThat(at.out()).startsWith("at x=1.5\n").endsWith(": ok\n");
  }

  /** relu'(0) = 0 by convention, central differences say 1/2: that is no mismatch, the point cannot tell. */
  @Test
  void checkAtAKinkSaysThePointCannotTellRatherThanMismatch() {
    CliRun run = CliRun.of("relu(x)", "--check", "--at", "x=0");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("unreliable here").doesNotContain("MISMATCH");
    assertThat(run.err()).contains("cannot check the gradient at this point");
  }

  @Test
  void checkWritesItsReportToTheOutputFile() throws IOException {
    Path report = dir.resolve("check.txt");
    CliRun run = CliRun.of("-x^2", "--check", "--at", "x=1.5", "-o", report.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(report)).isEqualTo(CliRun.of("-x^2", "--check", "--at", "x=1.5").out())
        .startsWith("at x=1.5\n").endsWith(": ok\n");
  }

  @Test
  void optionsAreCaseInsensitiveForFormats() {
    assertThat(CliRun.of("x*y", "--emit", "EXPR").out()).isEqualTo("df/dx = y\ndf/dy = x\n");
  }

  // ----

  /** The numbers of a --emit json line, as printed: value first, then the gradient in order. */
  private static List<String> numbers(String json) {
    List<String> found = new ArrayList<>();
    Matcher m = NUMBER.matcher(json.replaceAll("\"[^\"]*\"", ""));
    while (m.find()) found.add(m.group());
    return found;
  }

  private static List<Double> exactValueAndGradient(String expression, String at) {
    Model model = Symdiff.load(new Source("<expr>", expression));
    Map<String, Double> values = new LinkedHashMap<>();
    for (String pair : at.split(",")) values.put(pair.split("=")[0], Double.parseDouble(pair.split("=")[1]));
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Node input : model.inputs()) point.put(input, new double[] {values.get(input.name())});
    Evaluator.Result result = Evaluator.gradient(Symdiff.differentiate(model), point);
    List<Double> all = new ArrayList<>(List.of(result.value()));
    result.gradient().values().forEach(g -> all.add(g[0]));
    return all;
  }

  private static double evaluate(String expression, Map<String, Double> values) {
    Model model = Symdiff.load(new Source("<expr>", expression));
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Node input : model.inputs()) point.put(input, new double[] {values.get(input.name())});
    return new Evaluator(point).value(model.output())[0];
  }
}
