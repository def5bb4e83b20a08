package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.diff.Gradient;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/** The seed networks: generated Java agrees with the interpreter, which agrees with finite differences. */
class ArrayProgramsTest {

  static Stream<Path> seedPrograms() {
    return Stream.of("seed000/simple_dnn2.sd", "seed001/circle_net.sd", "seed002/padhai.sd", "seed003/example2.sd")
        .map(name -> Path.of("generated-samples", name));
  }

  @ParameterizedTest
  @MethodSource("seedPrograms")
  void generatedJavaMatchesInterpreterAndFiniteDifferences(Path file) throws Exception {
    Model model = Symdiff.load(new Source(file.toString(), Files.readString(file)));
    Gradient gradient = Symdiff.differentiate(model);
    Class<?> generated = compile("gen", "Net", JavaEmitter.emit(model, gradient, "gen", "Net"));
    Object net = generated.getConstructor().newInstance();
    Method gradientMethod = Stream.of(generated.getMethods()).filter(m -> m.getName().equals("gradient")).findFirst().get();
    Method valueMethod = Stream.of(generated.getMethods()).filter(m -> m.getName().equals("value")).findFirst().get();
    Random random = new Random(7);
    for (int trial = 0; trial < 3; trial++) {
      Map<Node, double[]> point = new LinkedHashMap<>();
      List<Object> args = new ArrayList<>();
      for (Node input : model.inputs()) {
        double[] values = random.doubles(input.shape().size(), -1, 1).toArray();
        point.put(input, values);
        args.add(input.shape().isScalar() ? (Object) values[0] : values);
      }
      Evaluator.Result expected = Evaluator.gradient(gradient, point);
      Map<Node, double[]> grads = new HashMap<>();
      List<Object> gradientArgs = new ArrayList<>(args);
      for (Node v : gradient.wrt()) {
        double[] g = new double[v.shape().size()];
        java.util.Arrays.fill(g, Double.NaN);
        grads.put(v, g);
        gradientArgs.add(g);
      }
      double value = (double) gradientMethod.invoke(net, gradientArgs.toArray());
      assertThat(value).isCloseTo(expected.value(), org.assertj.core.data.Offset.offset(1e-12));
      assertThat((double) valueMethod.invoke(net, args.toArray())).isEqualTo(value);
      for (Node v : gradient.wrt()) {
        double[] want = expected.gradient().get(v);
        double[] got = grads.get(v);
        for (int i = 0; i < want.length; i++) {
          assertThat(GradientCheck.error(got[i], want[i])).as("%s d/d%s[%d]", file, v.name(), i).isLessThan(1e-12);
        }
      }
      GradientCheck.Report check = GradientCheck.at(gradient, point);
      assertThat(check.passed()).as("%s finite differences: %s", file, check.worst()).isTrue();
      // repeated calls reuse the workspace and give the same numbers
      assertThat((double) gradientMethod.invoke(net, gradientArgs.toArray())).isEqualTo(value);
    }
  }

  @ParameterizedTest
  @MethodSource("seedPrograms")
  void gradientAllocatesNothingPerCall(Path file) throws Exception {
    Model model = Symdiff.load(new Source(file.toString(), Files.readString(file)));
    Gradient gradient = Symdiff.differentiate(model);
    StringBuilder fields = new StringBuilder();
    StringBuilder args = new StringBuilder();
    for (Node input : model.inputs()) {
      String name = "in_" + input.name();
      fields.append(input.shape().isScalar() ? "double " + name + " = 0.5;\n"
          : "double[] " + name + " = new double[" + input.shape().size() + "];\n");
      args.append(args.length() == 0 ? "" : ", ").append(name);
    }
    for (Node v : gradient.wrt()) {
      fields.append("double[] g_").append(v.name()).append(" = new double[").append(v.shape().size()).append("];\n");
      args.append(", g_").append(v.name());
    }
    String driver = "package gen; public final class Driver implements Runnable {\n" + fields
        + "final Net net = new Net(); public double sink;\n"
        + "public void run() { for (int n = 0; n < 1000; n++) sink += net.gradient(" + args + "); } }";
    Map<String, String> sources = Map.of("gen.Net", JavaEmitter.emit(model, gradient, "gen", "Net"), "gen.Driver", driver);
    Runnable run = (Runnable) compileAll(sources).loadClass("gen.Driver").getConstructor().newInstance();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    run.run();
    long before = threads.getCurrentThreadAllocatedBytes();
    run.run();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated by 1000 gradient calls of %s", file).isLessThan(1024);
  }

  static Class<?> compile(String pkg, String name, String source) throws Exception {
    return compileAll(Map.of(pkg + "." + name, source)).loadClass(pkg + "." + name);
  }

  /** Compiles the sources (by class name) in memory and returns a loader for the classes. */
  static ClassLoader compileAll(Map<String, String> sources) throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, null);
    ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
          FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
          @Override
          public OutputStream openOutputStream() {
            return classes.computeIfAbsent(className, c -> new ByteArrayOutputStream());
          }
        };
      }
    };
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, source) -> units.add(
        new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignore) {
            return source;
          }
        }));
    StringBuilder errors = new StringBuilder();
    boolean ok = compiler.getTask(null, files, d -> errors.append(d).append('\n'), List.of("-proc:none"), null, units).call();
    assertThat(ok).as("compiles:\n%s\n%s", errors, sources).isTrue();
    ClassLoader loader = new ClassLoader(ArrayProgramsTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String className) throws ClassNotFoundException {
        ByteArrayOutputStream bytes = classes.get(className);
        if (bytes == null) throw new ClassNotFoundException(className);
        return defineClass(className, bytes.toByteArray(), 0, bytes.size());
      }
    };
    return loader;
  }
}
