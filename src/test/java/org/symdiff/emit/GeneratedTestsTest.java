package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.InMemoryJavaCompiler;

/**
 * The JUnit tests symdiff writes for its classes pass on the classes it writes, and fail on classes
 * that get the gradient wrong, add to the last call's gradient, or allocate at every call.
 */
class GeneratedTestsTest {
  /** Compiles as JUnit users do (Java 8, warnings as errors), with JUnit's API on the class path. */
  private static final InMemoryJavaCompiler JAVAC = new InMemoryJavaCompiler("--release", "8", "-Xlint:all",
      "-Xlint:-options", "-Werror", "-classpath", classPath(Test.class, org.junit.jupiter.api.Assertions.class,
          org.opentest4j.AssertionFailedError.class, org.apiguardian.api.API.class));

  private static String classPath(Class<?>... classes) {
    List<String> paths = new ArrayList<>();
    for (Class<?> c : classes) paths.add(new File(c.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath());
    return String.join(File.pathSeparator, paths);
  }

  private static String test(Differentiated d, String className) {
    return TestEmitter.emit(d.model(), d.gradient(), "demo", className);
  }

  /** Runs every {@code @Test} method of the class; the first failure is thrown. */
  private static int run(Class<?> test) throws ReflectiveOperationException {
    Constructor<?> constructor = test.getDeclaredConstructor();
    constructor.setAccessible(true);
    int ran = 0;
    for (Method m : test.getDeclaredMethods()) {
      if (!m.isAnnotationPresent(Test.class)) continue;
      m.setAccessible(true);
      try {
        m.invoke(constructor.newInstance());
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof Error error) throw error;
        throw new AssertionError(m.getName() + " threw", e.getCause());
      }
      ran++;
    }
    return ran;
  }

  private static Map<String, Class<?>> compile(String className, String subject, String test) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("demo." + className, subject);
    sources.put("demo." + className + "Test", test);
    return JAVAC.compile(sources);
  }

  @Test
  void theGeneratedTestsPassOnTheGeneratedClasses() throws Exception {
    Map<String, String> programs = new LinkedHashMap<>();
    programs.put("CircleNet", Files.readString(Path.of("generated-samples/seed001/circle_net.sd")));
    programs.put("Padhai", Files.readString(Path.of("generated-samples/seed002/padhai.sd")));
    programs.put("Seed004", "(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)");
    // a runtime size no array fixes, so the class takes it as a parameter; and an input large enough for random directions
    programs.put("Scaled", "dim N\ninput x\nparam w[80]\nL = sum(tanh(w * x)) / N");
    for (Map.Entry<String, String> p : programs.entrySet()) {
      Differentiated d = Differentiated.of(p.getValue());
      String subject = JavaEmitter.emit(d.model(), d.gradient(), "demo", p.getKey());
      Map<String, Class<?>> classes = compile(p.getKey(), subject, test(d, p.getKey()));
      assertThat(run(classes.get("demo." + p.getKey() + "Test"))).as(p.getKey()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void theyFailOnAWrongGradient() {
    Differentiated d = Differentiated.of("(x+y)*z");
    String wrong = "package demo; public final class Seed003 {\n"
        + "  public static double value(double[] in) { return (in[0] + in[1]) * in[2]; }\n"
        + "  public static double gradient(double[] in, double[] grad) {\n"
        + "    grad[0] = in[2]; grad[1] = in[2]; grad[2] = in[0] - in[1]; return value(in); } }";
    Map<String, Class<?>> classes = compile("Seed003", wrong, test(d, "Seed003"));
    assertThatThrownBy(() -> run(classes.get("demo.Seed003Test"))).isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("z: gradient");
  }

  @Test
  void theyFailOnAGradientThatAddsToTheLastOne() {
    Differentiated d = Differentiated.of("(x+y)*z");
    String accumulating = "package demo; public final class Seed003 {\n"
        + "  public static double value(double[] in) { return (in[0] + in[1]) * in[2]; }\n"
        + "  private static int calls;\n"
        + "  public static double gradient(double[] in, double[] grad) {\n"
        + "    grad[0] = in[2]; grad[1] = in[2]; grad[2] = in[0] + in[1] + 1e-3 * calls++; return value(in); } }";
    Map<String, Class<?>> classes = compile("Seed003", accumulating, test(d, "Seed003"));
    assertThatThrownBy(() -> run(classes.get("demo.Seed003Test"))).isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("of a second call");
  }

  @Test
  void theyFailOnAnArrayClassThatAllocatesAtEveryCall() throws Exception {
    Differentiated d = Differentiated.of("param w[3]\nL = sum(w * w)");
    String allocating = "package demo; public final class Squares {\n"
        + "  public double value(double[] w) { double[] t = w.clone(); double s = 0; for (double v : t) s += v * v; return s; }\n"
        + "  public double gradient(double[] w, double[] dw) {\n"
        + "    for (int i = 0; i < 3; i++) dw[i] = 2 * w[i]; return value(w); } }";
    Map<String, Class<?>> classes = compile("Squares", allocating, test(d, "Squares"));
    assertThatThrownBy(() -> run(classes.get("demo.SquaresTest"))).isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("100 calls at a steady size allocated");
  }
}
