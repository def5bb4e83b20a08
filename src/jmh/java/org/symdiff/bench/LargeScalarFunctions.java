package org.symdiff.bench;

import java.util.Random;
import java.util.StringJoiner;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.diff.Gradient;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.graph.Model;
import org.symdiff.testing.InMemoryJavaCompiler;

/**
 * The two scalable functions of the large-function benchmark, written out as symdiff expressions
 * of n inputs, each beside the loop a person would write for its gradient:
 * <ul>
 *   <li>{@code rosenbrock}: the extended Rosenbrock function of Moré, Garbow and Hillstrom,
 *       sum over i < n/2 of 100 (x[2i+1] - x[2i]^2)^2 + (1 - x[2i])^2 (inputs x1 .. xn);
 *   <li>{@code neuron}: one tanh neuron, tanh(b + w1 x1 + ... + wn xn), differentiated with
 *       respect to its weights and its inputs alike (inputs b, w1 .. wn, x1 .. xn: 2n + 1);
 *   <li>{@code vectorized}: the chained Rosenbrock function as numpy writes it, a program over an
 *       input x[n]: sum(100 (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2), which symdiff turns into loops.
 * </ul>
 * The generated class is made by the current generator and compiled in memory, with an adapter
 * that calls it through {@link ScalarGradient} (a static method, or one instance for the
 * scratch layout), so the benchmark always measures what symdiff writes today.
 */
final class LargeScalarFunctions {
  private LargeScalarFunctions() {}

  /** The vectorized (chained) Rosenbrock function of n inputs, as a program. */
  static String program(int n) {
    return "dim n = " + n + "\nparam x[n]\nf = sum(100 * (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2)\n";
  }

  static String expression(String function, int n) {
    StringJoiner sum = new StringJoiner(" + ");
    switch (function) {
      case "rosenbrock" -> {
        for (int i = 1; i < n; i += 2) {
          sum.add("100 * (x" + (i + 1) + " - x" + i + "^2)^2 + (1 - x" + i + ")^2");
        }
        return sum.toString();
      }
      case "neuron" -> {
        sum.add("b");
        for (int i = 1; i <= n; i++) sum.add("w" + i + " * x" + i);
        return "tanh(" + sum + ")";
      }
      default -> throw new IllegalArgumentException("no function " + function);
    }
  }

  static int inputs(String function, int n) {
    return function.equals("neuron") ? 2 * n + 1 : n;
  }

  /** A point in the inputs' order (x1 .. xn; or b, w1 .. wn, x1 .. xn), away from saturation. */
  static double[] point(String function, int n) {
    Random random = new Random(n);
    double scale = function.equals("neuron") ? 1 / Math.sqrt(n) : 1;
    return random.doubles(inputs(function, n), -scale, scale).toArray();
  }

  static ScalarGradient handWritten(String function) {
    return switch (function) {
      case "rosenbrock" -> LargeScalarFunctions::rosenbrockLoop;
      case "vectorized" -> LargeScalarFunctions::chainedRosenbrockLoop;
      default -> LargeScalarFunctions::neuronLoop;
    };
  }

  /** The chained Rosenbrock function's value and gradient in one pass: each x[i+1] is first written, then added to. */
  static double chainedRosenbrockLoop(double[] x, double[] grad) {
    double f = 0;
    grad[0] = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i];
      double t = x[i + 1] - a * a;
      double u = 1 - a;
      f += 100 * t * t + u * u;
      grad[i] += -400 * t * a - 2 * u;
      grad[i + 1] = 200 * t;
    }
    return f;
  }

  static double rosenbrockLoop(double[] x, double[] grad) {
    double f = 0;
    for (int i = 0; i < x.length; i += 2) {
      double a = x[i];
      double t = x[i + 1] - a * a;
      double u = 1 - a;
      f += 100 * t * t + u * u;
      grad[i] = -400 * t * a - 2 * u;
      grad[i + 1] = 200 * t;
    }
    return f;
  }

  static double neuronLoop(double[] in, double[] grad) {
    int n = (in.length - 1) / 2;
    double s = in[0];
    for (int i = 1; i <= n; i++) s += in[i] * in[n + i];
    double y = Math.tanh(s);
    double ds = 1 - y * y;
    grad[0] = ds;
    for (int i = 1; i <= n; i++) {
      grad[i] = ds * in[n + i];
      grad[n + i] = ds * in[i];
    }
    return y;
  }

  /** symdiff's class for the function, compiled in memory, behind an adapter. */
  static ScalarGradient generated(String function, int n) {
    String className = Character.toUpperCase(function.charAt(0)) + function.substring(1) + n;
    String java = Symdiff.onDeepStack(() -> {
      String text = function.equals("vectorized") ? program(n) : expression(function, n);
      Model model = Symdiff.load(new Source(className, text));
      Gradient gradient = Symdiff.differentiate(model);
      return JavaEmitter.emit(model, gradient, "bench.generated", className);
    });
    boolean instance = java.contains("public " + className + "()") || !java.contains("public static double gradient");
    String adapter = "package bench.generated;\n"
        + "public final class " + className + "Call implements org.symdiff.bench.ScalarGradient {\n"
        + (instance ? "  private final " + className + " f = new " + className + "();\n" : "")
        + "  public double gradient(double[] in, double[] grad) {\n"
        + "    return " + (instance ? "f" : className) + ".gradient(in, grad);\n"
        + "  }\n}\n";
    var sources = new java.util.LinkedHashMap<String, String>();
    sources.put("bench.generated." + className, java);
    sources.put("bench.generated." + className + "Call", adapter);
    try {
      return (ScalarGradient) new InMemoryJavaCompiler().compile(sources).get("bench.generated." + className + "Call")
          .getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
