package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.testing.Agreement;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.InMemoryJavaCompiler;

/** The seed networks: generated Java agrees with the interpreter, which agrees with finite differences. */
class ArrayProgramsTest {
  static final List<String> SEED_PROGRAMS =
      List.of("seed000/simple_dnn2.sd", "seed001/circle_net.sd", "seed002/padhai.sd", "seed003/example2.sd");
  /** The four networks' classes, compiled in one javac run. */
  private static final Map<String, CompiledGradient> COMPILED = compileAll();
  private static final List<Class<?>> DRIVERS = drivers();

  private static Differentiated load(String name) {
    Path file = Path.of("generated-samples", name);
    try {
      Model model = Symdiff.load(new Source(file.toString(), Files.readString(file)));
      return new Differentiated(model, Symdiff.differentiate(model));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, CompiledGradient> compileAll() {
    List<CompiledGradient> compiled = CompiledGradient.compileAll(SEED_PROGRAMS.stream().map(ArrayProgramsTest::load).toList());
    Map<String, CompiledGradient> byName = new LinkedHashMap<>();
    for (int i = 0; i < SEED_PROGRAMS.size(); i++) byName.put(SEED_PROGRAMS.get(i), compiled.get(i));
    return byName;
  }

  @ParameterizedTest
  @MethodSource("seedPrograms")
  void generatedJavaMatchesInterpreterAndFiniteDifferences(String name) {
    CompiledGradient compiled = COMPILED.get(name);
    Differentiated model = compiled.model();
    assertThat(compiled.hasWorkspace()).isTrue();
    Random random = new Random(7);
    // a runtime batch size that grows, shrinks and grows again on one instance
    for (int batch : new int[] {16, 3, 40, 1}) {
      Map<String, Integer> sizes = new LinkedHashMap<>();
      model.model().runtimeDims().forEach(d -> sizes.put(d, batch));
      Agreement.Checked checked = Agreement.check(compiled, sizes, random, name);
      Differentiated instance = checked.instance();
      Map<Node, double[]> point = checked.point();
      Evaluator.Result actual = checked.actual();
      // repeated calls reuse the workspace and give the same numbers
      Evaluator.Result again = compiled.gradient(sizes, point);
      assertThat(again.value()).isEqualTo(actual.value());
      instance.gradient().wrt().forEach(v -> assertThat(again.gradient().get(v)).containsExactly(actual.gradient().get(v)));
    }
  }

  @org.junit.jupiter.api.Test
  void aRuntimeBatchSizeIsCheckedOnEntryWithTheArraysName() {
    CompiledGradient compiled = COMPILED.get("seed001/circle_net.sd");
    Differentiated instance = compiled.model().instantiate(Map.of("N", 5));
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Node input : instance.inputs()) point.put(input, new double[input.shape().size()]);
    point.put(instance.model().input("y"), new double[4]);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> compiled.value(point))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("y [N,1] needs 5 numbers with N = 5, not 4");
    point.put(instance.model().input("X"), new double[9]);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> compiled.value(point))
        .hasMessage("X [N,2] needs a positive multiple of 2 numbers, not 9");
  }

  /**
   * A named value the output does not read is still computed, for its getter, and so are the
   * helpers it calls: erf's was left out, and javac refused the class (ProgramPropertyTest at
   * 20,000 cases).
   */
  @org.junit.jupiter.api.Test
  void aNamedValueTheOutputDoesNotReadHasItsHelpers() {
    Agreement.checkAll(List.of("param v[1]; h = erf(v); L = 1", "dim N; param v[N]; h = erf(v) * v; L = sum(v * v)"), 3, 5);
  }

  /**
   * A large product is written straight into the array of the one gate that reads it (Z = X @ W;
   * Z += b); two products read by one gate were both written there, the second over the first
   * (ProgramPropertyTest at 20,000 cases, seeds 777 and 4242).
   */
  @org.junit.jupiter.api.Test
  void twoProductsReadByOneGateKeepTheirOwnArrays() {
    Agreement.checkAll(List.of(
        "dim M; dim N = 1; input W4[N,M], W5[M,M], v6[M]; h2 = v6 @ W5 + W4[-1, :] @ W5; L = mean(h2)",
        "dim M; dim N; dim K; input v1[M], W4[M,K], W6[M,K], W7[K,N]; param W5[K,M], W8[N,M];"
            + " h2 = where(v1, W4 @ W5, W6 @ W7 @ W8); L = mean(h2)"), 4, 9);
  }

  static List<String> seedPrograms() {
    return SEED_PROGRAMS;
  }

  @ParameterizedTest
  @MethodSource("seedPrograms")
  void gradientAllocatesNothingPerCall(String name) throws ReflectiveOperationException {
    Runnable run = (Runnable) DRIVERS.get(SEED_PROGRAMS.indexOf(name)).getConstructor().newInstance();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    run.run();
    long before = threads.getCurrentThreadAllocatedBytes();
    run.run();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated by 1000 gradient calls of %s", name).isLessThan(1024);
  }

  /** For each network, a {@code Runnable} making 1000 gradient calls on one instance, all compiled in one javac run. */
  private static List<Class<?>> drivers() {
    Map<String, String> sources = new LinkedHashMap<>();
    for (int n = 0; n < SEED_PROGRAMS.size(); n++) {
      Differentiated model = COMPILED.get(SEED_PROGRAMS.get(n)).model();
      sources.put("gen.Net" + n, JavaEmitter.emit(model.model(), model.gradient(), "gen", "Net" + n));
      sources.put("gen.Driver" + n, driver(model, "Net" + n, "Driver" + n));
    }
    Map<String, Class<?>> classes = InMemoryJavaCompiler.forGeneratedCode().compile(sources);
    return java.util.stream.IntStream.range(0, SEED_PROGRAMS.size()).<Class<?>>mapToObj(n -> classes.get("gen.Driver" + n)).toList();
  }

  private static String driver(Differentiated model, String net, String driver) {
    StringBuilder fields = new StringBuilder();
    StringBuilder args = new StringBuilder();
    // runtime dims at a steady batch of 16: the first call grows the workspace, then nothing is allocated
    Map<String, Integer> sizes = new LinkedHashMap<>();
    model.model().runtimeDims().forEach(d -> sizes.put(d, 16));
    Differentiated instance = model.instantiate(sizes);
    for (Node input : instance.inputs()) {
      String field = "in_" + input.name();
      fields.append(input.shape().isScalar() ? "double " + field + " = 0.5;\n"
          : "double[] " + field + " = new double[" + input.shape().size() + "];\n");
      args.append(args.length() == 0 ? "" : ", ").append(field);
    }
    for (Node v : instance.gradient().wrt()) {
      fields.append("double[] g_").append(v.name()).append(" = new double[").append(v.shape().size()).append("];\n");
      args.append(", g_").append(v.name());
    }
    return "package gen; public final class " + driver + " implements Runnable {\n" + fields
        + "final " + net + " net = new " + net + "(); public double sink;\n"
        + "public void run() { for (int n = 0; n < 1000; n++) sink += net.gradient(" + args + "); } }";
  }
}
