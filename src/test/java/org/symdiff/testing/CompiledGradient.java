package org.symdiff.testing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.emit.JavaEmitter;

/**
 * The class {@link JavaEmitter} writes for a scalar model, compiled in memory and called through
 * its array forms {@code value(double[])} and {@code gradient(double[], double[])}.
 */
public final class CompiledGradient {
  public static final String PACKAGE = "generated";

  /** Generated code must stay plain Java 8 (contract section 4), so it is compiled as such. */
  private static final InMemoryJavaCompiler JAVAC = new InMemoryJavaCompiler("--release", "8", "-Xlint:all", "-Xlint:-options", "-Werror");

  private final Differentiated model;
  private final String source;
  private final MethodHandle value;
  private final MethodHandle gradient;

  private CompiledGradient(Differentiated model, String source, Class<?> type) {
    this.model = model;
    this.source = source;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      this.value = lookup.findStatic(type, "value", MethodType.methodType(double.class, double[].class));
      this.gradient = lookup.findStatic(type, "gradient",
          MethodType.methodType(double.class, double[].class, double[].class));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("generated class lacks the array forms of value/gradient:\n" + source, e);
    }
  }

  /** The source {@link JavaEmitter} writes for {@code model} as {@code generated.className}. */
  public static String source(Differentiated model, String className) {
    return JavaEmitter.emit(model.model(), model.gradient(), PACKAGE, className);
  }

  public static CompiledGradient compile(Differentiated model) {
    return compileAll(List.of(model)).get(0);
  }

  /** Emits and compiles every model in one javac run (classes {@code generated.Case0}, ...). */
  public static List<CompiledGradient> compileAll(List<Differentiated> models) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < models.size(); i++) {
      sources.put(PACKAGE + ".Case" + i, source(models.get(i), "Case" + i));
    }
    Map<String, Class<?>> classes = JAVAC.compile(sources);
    List<CompiledGradient> compiled = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> e : sources.entrySet()) {
      compiled.add(new CompiledGradient(models.get(i++), e.getValue(), classes.get(e.getKey())));
    }
    return compiled;
  }

  public Differentiated model() {
    return model;
  }

  public String source() {
    return source;
  }

  /** {@code value(in)}: the inputs in the model's input order. */
  public double value(double... in) {
    try {
      return (double) value.invokeExact(in);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** {@code gradient(in, grad)}: returns the value and writes the partials, in wrt order, into {@code grad}. */
  public double gradient(double[] in, double[] grad) {
    try {
      return (double) gradient.invokeExact(in, grad);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) return r;
    if (t instanceof Error e) throw e;
    return new IllegalStateException(t);
  }
}
