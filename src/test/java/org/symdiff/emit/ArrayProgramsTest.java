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

  static Stream<Path> seedPrograms() throws Exception {
    return Files.walk(Path.of("generated-samples")).filter(p -> p.toString().endsWith(".sd")).sorted();
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

  static Class<?> compile(String pkg, String name, String source) throws Exception {
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
    JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignore) {
        return source;
      }
    };
    StringBuilder errors = new StringBuilder();
    boolean ok = compiler.getTask(null, files, d -> errors.append(d).append('\n'), List.of("-proc:none"), null, List.of(unit)).call();
    assertThat(ok).as("compiles:\n%s\n%s", errors, source).isTrue();
    ClassLoader loader = new ClassLoader(ArrayProgramsTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String className) throws ClassNotFoundException {
        ByteArrayOutputStream bytes = classes.get(className);
        if (bytes == null) throw new ClassNotFoundException(className);
        return defineClass(className, bytes.toByteArray(), 0, bytes.size());
      }
    };
    return loader.loadClass(pkg + "." + name);
  }
}
