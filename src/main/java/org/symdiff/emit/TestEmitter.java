package org.symdiff.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.lang.model.element.Modifier;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * {@code --emit junit}, and the Maven plugin's generated tests: a JUnit 5 test that travels with a
 * generated class and proves its gradient in the project that uses it. At a seeded point inside the
 * function's domain (found here, with the interpreter) it compares the gradient with central
 * differences of the class's own {@code value} (entry by entry for small inputs, along random
 * directions for large ones, with PyTorch gradcheck's float64 tolerances), checks that two calls
 * give identical numbers, and that an array class allocates nothing once its workspace has grown.
 */
public final class TestEmitter {
  /** The API of the class under test. */
  private enum Api {
    /** Static {@code value(double[] in)} and {@code gradient(double[] in, double[] grad)}. */
    STATIC,
    /** The same methods on an instance (the layout of very large scalar functions). */
    INSTANCE,
    /** An array class: an instance, each input and gradient an argument, runtime sizes first. */
    ARRAYS
  }

  /** Runtime dimensions get this size in the test: more than 1, so that broadcasting shows. */
  static final int SIZE = 3;
  /** Inputs of up to this many numbers are checked entry by entry; larger ones along random directions. */
  static final int ENTRIES = 64;
  private static final ClassName TEST = ClassName.get("org.junit.jupiter.api", "Test");
  private static final ClassName ASSERTIONS = ClassName.get("org.junit.jupiter.api", "Assertions");
  private static final ClassName ASSUMPTIONS = ClassName.get("org.junit.jupiter.api", "Assumptions");

  private final Model model;
  private final Gradient gradient;
  private final ClassName subject;
  private final Api api;
  private final Map<String, Integer> sizes = new LinkedHashMap<>();
  private final long seed;
  private final NameAllocator allocator = new NameAllocator();
  private final Map<Node, String> inputs = new LinkedHashMap<>();
  private final Map<Node, String> gradients = new LinkedHashMap<>();

  private TestEmitter(Model model, Gradient gradient, ClassName subject, Api api) {
    this.model = model;
    this.gradient = gradient;
    this.subject = subject;
    this.api = api;
    model.runtimeDims().forEach(d -> sizes.put(d, SIZE));
    this.seed = smoothSeed();
    for (String own : List.of("EPS", "ATOL", "RTOL", "random", "subject", "in", "grad", "value", "gradient", "check",
        "close", "uniform")) {
      allocator.allocate(own);
    }
    if (api == Api.ARRAYS) {
      for (Node input : model.inputs()) inputs.put(input, allocator.allocate(input.name()));
      for (Node v : gradient.wrt()) gradients.put(v, allocator.allocate("d" + v.name()));
    }
  }

  /** The test class {@code className + "Test"} for {@code packageName.className}, the class {@link JavaEmitter} writes. */
  public static String emit(Model model, Gradient gradient, String packageName, String className) {
    Api api = JavaEmitter.isArrayClass(model, gradient) ? Api.ARRAYS
        : JavaEmitter.hasStaticMethods(model, gradient) ? Api.STATIC : Api.INSTANCE;
    TestEmitter emitter = new TestEmitter(model, gradient, ClassName.get(packageName, className), api);
    return JavaEmitter.javaFile(packageName, emitter.type(className + "Test")).toString();
  }

  /**
   * The first seed whose point (inputs uniform in [-1, 1], drawn in declaration order, as the test
   * draws them) the interpreter finds finite and smooth: finite differences mean something there.
   */
  private long smoothSeed() {
    Model instance = model.instantiate(sizes);
    Gradient g = ReverseSweep.differentiate(instance.graph(), instance.output(),
        gradient.wrt().stream().map(v -> instance.input(v.name())).toList());
    for (long s = 1; s <= 200; s++) {
      Random random = new Random(s);
      Map<Node, double[]> point = new LinkedHashMap<>();
      for (Node input : instance.inputs()) {
        double[] values = new double[input.shape().size()];
        for (int i = 0; i < values.length; i++) values[i] = random.nextDouble() * 2 - 1;
        point.put(input, values);
      }
      if (g.wrt().isEmpty() || GradientCheck.at(g, point).smooth()) return s;
    }
    throw new IllegalArgumentException("no point with inputs in [-1, 1] where " + model.outputName()
        + " is finite and smooth was found, so no test of its gradient can be generated");
  }

  private TypeSpec type(String name) {
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.FINAL)
        .addJavadoc("Checks {@link $T}'s gradient, as symdiff generated it from\n<pre>\n$L</pre>\n", subject,
            JavaEmitter.escapeForJavadoc(model.source().text().strip()) + "\n")
        .addJavadoc("at a seeded point where it is smooth$L, against central differences of its own value.\n",
            sizes.isEmpty() ? "" : " (" + sizes.toString().replaceAll("[{}]", "") + ")")
        .addField(constant("EPS", "1e-6", "The central differences' step, and PyTorch gradcheck's float64 tolerances."))
        .addField(constant("ATOL", "1e-5", null))
        .addField(constant("RTOL", "1e-3", null))
        .addField(FieldSpec.builder(Random.class, "random", Modifier.PRIVATE, Modifier.FINAL)
            .initializer("new $T($LL)", Random.class, seed).build());
    fields(type);
    type.addMethod(gradientTest()).addMethod(repeatTest());
    if (api == Api.ARRAYS) type.addMethod(allocationTest());
    type.addMethod(callMethod("value", false)).addMethod(callMethod("gradient", true));
    return type.addMethod(checkMethod()).addMethod(closeMethod()).addMethod(uniformMethod()).build();
  }

  private static FieldSpec constant(String name, String value, String doc) {
    FieldSpec.Builder field = FieldSpec.builder(double.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", value);
    return doc == null ? field.build() : field.addJavadoc("$L\n", doc).build();
  }

  /** The inputs, drawn in declaration order as {@link #smoothSeed} drew them, the gradients, the instance. */
  private void fields(TypeSpec.Builder type) {
    if (api != Api.ARRAYS) {
      type.addField(FieldSpec.builder(double[].class, "in", Modifier.PRIVATE, Modifier.FINAL)
          .initializer("uniform($L)", model.inputs().size()).build());
      type.addField(FieldSpec.builder(double[].class, "grad", Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new double[$L]", gradient.wrt().size()).build());
    } else {
      inputs.forEach((input, field) -> type.addField(FieldSpec.builder(double[].class, field, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("uniform($L)", size(input)).build()));
      gradients.forEach((v, field) -> type.addField(FieldSpec.builder(double[].class, field, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new double[$L]", size(v)).build()));
    }
    if (api != Api.STATIC) {
      type.addField(FieldSpec.builder(subject, "subject", Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $T()", subject).build());
    }
  }

  private int size(Node n) {
    return model.instantiate(sizes).input(n.name()).shape().size();
  }

  private MethodSpec callMethod(String name, boolean withGradients) {
    List<String> args = new ArrayList<>();
    String receiver = api == Api.STATIC ? subject.simpleName() : "subject";
    if (api != Api.ARRAYS) {
      args.add("in");
      if (withGradients) args.add("grad");
    } else {
      for (String dim : ArraySignatures.explicitDims(model)) args.add(Integer.toString(sizes.get(dim)));
      inputs.forEach((input, field) -> args.add(input.shape().isScalar() ? field + "[0]" : field));
      if (withGradients) args.addAll(gradients.values());
    }
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).returns(double.class)
        .addStatement("return $L.$L($L)", receiver, name, String.join(", ", args)).build();
  }

  private MethodSpec gradientTest() {
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("double f = gradient()")
        .addStatement("$T.assertEquals(value(), f, 0.0, $S)", ASSERTIONS, "value and gradient return the same number");
    for (int k = 0; k < gradient.wrt().size(); k++) {
      Node v = gradient.wrt().get(k);
      if (api == Api.ARRAYS) code.addStatement("check($S, $L, $L)", v.name(), inputs.get(v), gradients.get(v));
      else code.addStatement("check($S, $L, $L)", v.name(), model.inputs().indexOf(v), k);
    }
    return MethodSpec.methodBuilder("gradientMatchesCentralDifferences").addAnnotation(TEST).addCode(code.build()).build();
  }

  private MethodSpec repeatTest() {
    CodeBlock.Builder code = CodeBlock.builder().addStatement("double first = gradient()");
    List<String> gradientArrays = api == Api.ARRAYS ? new ArrayList<>(gradients.values()) : List.of("grad");
    for (String g : gradientArrays) code.addStatement("double[] $LFirst = $L.clone()", g, g);
    code.addStatement("$T.assertEquals(first, gradient(), 0.0, $S)", ASSERTIONS, "the value of a second call");
    for (String g : gradientArrays) {
      code.addStatement("$T.assertArrayEquals($LFirst, $L, 0.0, $S)", ASSERTIONS, g, g,
          g + " of a second call: a gradient must not add to the last one");
    }
    return MethodSpec.methodBuilder("twoCallsGiveTheSameNumbers").addAnnotation(TEST).addCode(code.build()).build();
  }

  /**
   * Counts the bytes 100 calls allocate with HotSpot's per-thread counter, reached by reflection
   * since {@code com.sun.management} is outside Java 8's standard API.
   */
  private MethodSpec allocationTest() {
    return MethodSpec.methodBuilder("aSteadySizeCallAllocatesNothing").addAnnotation(TEST)
        .addException(ReflectiveOperationException.class)
        .addStatement("$T threads = $T.getThreadMXBean()", java.lang.management.ThreadMXBean.class,
            java.lang.management.ManagementFactory.class)
        .addStatement("$T<?> counter", Class.class)
        .beginControlFlow("try")
        .addStatement("counter = Class.forName($S)", "com.sun.management.ThreadMXBean")
        .nextControlFlow("catch ($T e)", ClassNotFoundException.class)
        .addStatement("$T.abort($S)", ASSUMPTIONS, "this JVM counts no allocated bytes per thread")
        .addStatement("return")
        .endControlFlow()
        .addStatement("$T.assumeTrue(counter.isInstance(threads), $S)", ASSUMPTIONS,
            "this JVM counts no allocated bytes per thread")
        .addStatement("$T bytes = counter.getMethod($S)", java.lang.reflect.Method.class, "getCurrentThreadAllocatedBytes")
        .addStatement("gradient()")
        .addStatement("long before = (Long) bytes.invoke(threads)")
        .addStatement("for (int call = 0; call < 100; call++) gradient()")
        .addStatement("long allocated = (Long) bytes.invoke(threads) - before")
        .addStatement("$T.assertTrue(allocated < 1024, () -> $S + allocated + $S)", ASSERTIONS,
            "100 calls at a steady size allocated ", " bytes")
        .build();
  }

  /**
   * {@code check}: the analytic gradient against central differences of {@code value()}; for the
   * flat API one input, {@code in[input]} against {@code grad[k]}, for an array class every entry of
   * an input (or four random directions of a large one).
   */
  private MethodSpec checkMethod() {
    CodeBlock.Builder code = CodeBlock.builder();
    if (api != Api.ARRAYS) {
      code.addStatement("double x0 = in[input]")
          .addStatement("in[input] = x0 + EPS").addStatement("double up = value()")
          .addStatement("in[input] = x0 - EPS").addStatement("double down = value()")
          .addStatement("in[input] = x0").addStatement("close(name, grad[k], (up - down) / (2 * EPS))");
      return MethodSpec.methodBuilder("check").addModifiers(Modifier.PRIVATE)
          .addParameter(String.class, "name").addParameter(int.class, "input").addParameter(int.class, "k")
          .addCode(code.build()).build();
    }
    code.addStatement("int entries = x.length")
        .beginControlFlow("if (entries <= $L)", ENTRIES)
        .beginControlFlow("for (int i = 0; i < entries; i++)")
        .addStatement("double x0 = x[i]")
        .addStatement("x[i] = x0 + EPS").addStatement("double up = value()")
        .addStatement("x[i] = x0 - EPS").addStatement("double down = value()")
        .addStatement("x[i] = x0")
        .addStatement("close(name + $S + i + $S, dx[i], (up - down) / (2 * EPS))", "[", "]")
        .endControlFlow()
        .addStatement("return")
        .endControlFlow()
        .add("// a large input: the gradient along four random directions, as JAX's check_vjp does\n")
        .addStatement("$T directions = new $T(1)", Random.class, Random.class)
        .addStatement("double[] x0 = x.clone()")
        .beginControlFlow("for (int d = 0; d < 4; d++)")
        .addStatement("double[] u = new double[entries]")
        .addStatement("double along = 0")
        .beginControlFlow("for (int i = 0; i < entries; i++)")
        .addStatement("u[i] = directions.nextGaussian()").addStatement("along += dx[i] * u[i]")
        .endControlFlow()
        .addStatement("for (int i = 0; i < entries; i++) x[i] = x0[i] + EPS * u[i]")
        .addStatement("double up = value()")
        .addStatement("for (int i = 0; i < entries; i++) x[i] = x0[i] - EPS * u[i]")
        .addStatement("double down = value()")
        .addStatement("System.arraycopy(x0, 0, x, 0, entries)")
        .addStatement("close(name + $S + d, along, (up - down) / (2 * EPS))", " along direction ")
        .endControlFlow();
    return method(code);
  }

  private static MethodSpec method(CodeBlock.Builder code) {
    return MethodSpec.methodBuilder("check").addModifiers(Modifier.PRIVATE)
        .addParameter(String.class, "name").addParameter(double[].class, "x").addParameter(double[].class, "dx")
        .addCode(code.build()).build();
  }

  private static MethodSpec closeMethod() {
    return MethodSpec.methodBuilder("close").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(String.class, "what").addParameter(double.class, "analytic").addParameter(double.class, "numeric")
        .addStatement("$T.assertTrue(Math.abs(analytic - numeric) <= ATOL + RTOL * Math.abs(numeric),\n"
            + "() -> what + $S + analytic + $S + numeric)", ASSERTIONS, ": gradient ", ", central difference ")
        .build();
  }

  private static MethodSpec uniformMethod() {
    return MethodSpec.methodBuilder("uniform").addModifiers(Modifier.PRIVATE).returns(double[].class)
        .addParameter(int.class, "n")
        .addStatement("double[] values = new double[n]")
        .addStatement("for (int i = 0; i < n; i++) values[i] = random.nextDouble() * 2 - 1")
        .addStatement("return values")
        .build();
  }
}
