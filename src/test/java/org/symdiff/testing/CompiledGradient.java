package org.symdiff.testing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Node;

/**
 * The class {@link JavaEmitter} writes for a model, compiled in memory as Java 8 with warnings as
 * errors, and called the way its users call it. A scalar model's class is called through its
 * array forms {@code value(double[])} and {@code gradient(double[], double[])}: static methods, or
 * those of one instance when the function is too large for one method. A program over
 * vectors and matrices gets an instance class with its own workspace, called through one instance
 * as {@code value(inputs...)} and {@code gradient(inputs..., gradients...)}: a scalar input is a
 * {@code double}, an array a row-major {@code double[]}, and every gradient a {@code double[]}
 * the method fills (of length 1 for a scalar).
 */
public final class CompiledGradient {
  public static final String PACKAGE = "generated";

  private final Differentiated model;
  private final String source;
  private final Class<?> type;
  private final Object instance;
  private final MethodHandle value;
  private final MethodHandle gradient;

  /** The runtime dimensions an array class takes as leading {@code int} parameters, in order. */
  private final List<String> dimParameters;

  private CompiledGradient(Differentiated model, String source, Class<?> type) {
    this.model = model;
    this.source = source;
    this.type = type;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      boolean instanceMethods = Arrays.stream(type.getMethods())
          .anyMatch(m -> m.getName().equals("gradient") && !Modifier.isStatic(m.getModifiers()));
      if (instanceMethods && isScalar(model)) {
        instance = type.getConstructor().newInstance();
        value = lookup.findVirtual(type, "value", MethodType.methodType(double.class, double[].class)).bindTo(instance);
        gradient = lookup.findVirtual(type, "gradient", MethodType.methodType(double.class, double[].class, double[].class))
            .bindTo(instance);
        dimParameters = List.of();
      } else if (instanceMethods) {
        instance = type.getConstructor().newInstance();
        java.lang.reflect.Method valueMethod = only(type, "value");
        dimParameters = Arrays.stream(valueMethod.getParameters()).filter(p -> p.getType() == int.class)
            .map(java.lang.reflect.Parameter::getName).toList();
        value = lookup.unreflect(valueMethod).bindTo(instance);
        gradient = lookup.unreflect(only(type, "gradient")).bindTo(instance);
      } else {
        instance = null;
        dimParameters = List.of();
        value = lookup.findStatic(type, "value", MethodType.methodType(double.class, double[].class));
        gradient = lookup.findStatic(type, "gradient",
            MethodType.methodType(double.class, double[].class, double[].class));
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("generated class lacks the promised value/gradient methods:\n" + source, e);
    }
  }

  /** The one public method of that name (an array class's value and gradient are not overloaded). */
  private static java.lang.reflect.Method only(Class<?> type, String name) throws NoSuchMethodException {
    List<java.lang.reflect.Method> methods = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).toList();
    if (methods.size() != 1) throw new NoSuchMethodException(methods.size() + " public methods named " + name);
    return methods.get(0);
  }

  /** A model whose class has the flat forms {@code value(double[])} and {@code gradient(double[], double[])}. */
  private static boolean isScalar(Differentiated model) {
    return !JavaEmitter.isArrayClass(model.model(), model.gradient());
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
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) sources.add(source(models.get(i), "Case" + i));
    return compileAll(models, sources);
  }

  /** Compiles {@code sources.get(i)}, a class written for {@code models.get(i)}, all in one javac run. */
  public static List<CompiledGradient> compileAll(List<Differentiated> models, List<String> sources) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String source : sources) byName.put(InMemoryJavaCompiler.className(source), source);
    if (byName.size() != sources.size()) throw new IllegalArgumentException("two sources declare the same class");
    Map<String, Class<?>> classes = InMemoryJavaCompiler.forGeneratedCode().compile(byName);
    List<CompiledGradient> compiled = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> e : byName.entrySet()) {
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

  /** The compiled class. */
  public Class<?> type() {
    return type;
  }

  /** Whether the class is the instance kind with a workspace over arrays (a program over vectors and matrices). */
  public boolean hasWorkspace() {
    return instance != null && !isScalar(model);
  }

  /** Whether the class keeps scratch storage in an instance: a program over arrays, or a scalar function too large for one method. */
  public boolean isInstance() {
    return instance != null;
  }

  /** {@code value(in)} of a scalar model: the inputs in the model's input order. */
  public double value(double... in) {
    requireStatic();
    try {
      return (double) value.invokeExact(in);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** {@code gradient(in, grad)} of a scalar model: returns the value and writes the partials, in wrt order. */
  public double gradient(double[] in, double[] grad) {
    requireStatic();
    try {
      return (double) gradient.invokeExact(in, grad);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The generated {@code value} at {@code point}, which binds every input (of this model or an instance). */
  public double value(Map<Node, double[]> point) {
    return value(Map.of(), point);
  }

  /** As {@link #value(Map)}, with the sizes of the runtime dimensions the class takes as parameters. */
  public double value(Map<String, Integer> sizes, Map<Node, double[]> point) {
    if (!hasWorkspace()) return value(flat(point));
    return (double) invoke(value, arguments(sizes, point));
  }

  /**
   * The generated {@code gradient} at {@code point}: its return value, and each wrt variable's
   * gradient in arrays that start as NaN, so an element the method fails to write shows.
   */
  public Evaluator.Result gradient(Map<Node, double[]> point) {
    return gradient(Map.of(), point);
  }

  /**
   * As {@link #gradient(Map)}, with the sizes of the runtime dimensions the class takes as
   * parameters; the gradient is keyed by the point's own nodes (an instance's, for runtime sizes).
   */
  public Evaluator.Result gradient(Map<String, Integer> sizes, Map<Node, double[]> point) {
    Map<Node, double[]> gradients = new LinkedHashMap<>();
    for (Node v : model.gradient().wrt()) {
      Node given = point.containsKey(v) ? v : byName(point, v.name());
      double[] g = new double[point.get(given).length];
      Arrays.fill(g, Double.NaN);
      gradients.put(given, g);
    }
    double returned;
    if (hasWorkspace()) {
      List<Object> arguments = arguments(sizes, point);
      arguments.addAll(gradients.values());
      returned = (double) invoke(gradient, arguments);
      for (int i = 0; i < model.inputs().size(); i++) {
        Node input = byName(point, model.inputs().get(i).name());
        Object argument = arguments.get(dimParameters.size() + i);
        if (argument instanceof double[] array && !Arrays.equals(array, point.get(input))) {
          throw new AssertionError("gradient(...) wrote into its input " + input.name());
        }
      }
    } else {
      double[] grad = new double[gradients.size()];
      Arrays.fill(grad, Double.NaN);
      returned = gradient(flat(point), grad);
      int i = 0;
      for (double[] g : gradients.values()) g[0] = grad[i++];
    }
    return new Evaluator.Result(returned, gradients);
  }

  /** What the getter {@code name()} of an instance class returns: a named array of the last call. */
  public double[] named(String name) {
    if (!hasWorkspace()) throw new IllegalStateException("a scalar model's class has no getters");
    try {
      return (double[]) instance.getClass().getMethod(name).invoke(instance);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no getter " + name + "() returning the named array:\n" + source, e);
    }
  }

  private void requireStatic() {
    if (hasWorkspace()) throw new IllegalStateException("an array program's class has no flat forms: pass a point");
  }

  /** The explicit sizes, then every input in declaration order (found in the point by name). */
  private List<Object> arguments(Map<String, Integer> sizes, Map<Node, double[]> point) {
    List<Object> arguments = new ArrayList<>();
    for (String dim : dimParameters) {
      Integer size = sizes.get(dim);
      if (size == null) throw new IllegalArgumentException("the class takes " + dim + " as a parameter: give its size");
      arguments.add(size);
    }
    for (Node input : model.inputs()) {
      double[] values = point.get(byName(point, input.name())).clone();
      arguments.add(input.shape().isScalar() ? (Object) values[0] : values);
    }
    return arguments;
  }

  private static Node byName(Map<Node, double[]> point, String name) {
    for (Node n : point.keySet()) if (n.name().equals(name)) return n;
    throw new IllegalArgumentException("the point gives no value for " + name);
  }

  /** The point's numbers in input order; found by node when the point is this model's own (large functions). */
  private double[] flat(Map<Node, double[]> point) {
    return model.inputs().stream().mapToDouble(input -> {
      double[] values = point.get(input);
      return (values != null ? values : point.get(byName(point, input.name())))[0];
    }).toArray();
  }

  private static Object invoke(MethodHandle method, List<Object> arguments) {
    try {
      return method.invokeWithArguments(arguments);
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
