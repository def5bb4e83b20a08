package org.symdiff.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * A model and its gradient. Points are maps from each input to its row-major values; for scalar
 * models they can also be given as one array in input order. A model with runtime dimensions is
 * run through an {@link #instantiate instance}, whose {@code sizes} fix them.
 */
public record Differentiated(Model model, Gradient gradient, Map<String, Integer> sizes) {

  public Differentiated(Model model, Gradient gradient) {
    this(model, gradient, Map.of());
  }

  /** This model with its runtime dimensions fixed, differentiated with respect to the same variables. */
  public Differentiated instantiate(Map<String, Integer> sizes) {
    if (model.runtimeDims().isEmpty()) return this;
    Model instance = model.instantiate(sizes);
    List<Node> wrt = gradient.wrt().stream().map(v -> instance.input(v.name())).toList();
    return new Differentiated(instance, ReverseSweep.differentiate(instance.graph(), instance.output(), wrt),
        Map.copyOf(sizes));
  }

  /** Sizes from 1 to 4 for the runtime dimensions. */
  public Map<String, Integer> randomSizes(Random random) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (String dim : model.runtimeDims()) sizes.put(dim, 1 + random.nextInt(4));
    return sizes;
  }

  /** Loads and differentiates an expression or inline program, as the command line does. */
  public static Differentiated of(String text) {
    Model model = Symdiff.load(new Source("<test>", text));
    return new Differentiated(model, Symdiff.differentiate(model));
  }

  /** The same model differentiated with respect to {@code names} only, in that order, as {@code --wrt} does. */
  public Differentiated withRespectTo(List<String> names) {
    return new Differentiated(model, Symdiff.differentiate(model, new Source("--wrt", String.join(",", names))));
  }

  /** Half the time this (every input), else a random non-empty subset of the inputs in random order. */
  public Differentiated withRandomWrt(Random random) {
    if (inputs().isEmpty() || random.nextBoolean()) return this;
    List<String> names = new ArrayList<>(inputs().stream().map(Node::name).toList());
    Collections.shuffle(names, random);
    return withRespectTo(names.subList(0, 1 + random.nextInt(names.size())));
  }

  public List<Node> inputs() {
    return model.inputs();
  }

  /** Random inputs in [-2, 2], rounded to 3 decimals so that failure messages show them exactly. */
  public double[] randomPoint(Random random) {
    double[] in = new double[inputs().size()];
    for (int i = 0; i < in.length; i++) in[i] = coordinate(random);
    return in;
  }

  private static double coordinate(Random random) {
    return Math.round((random.nextDouble() * 4 - 2) * 1e3) / 1e3;
  }

  /** Random values in [-2, 2] for every input, shaped like it, rounded as {@link #randomPoint} does. */
  public Map<Node, double[]> randomValues(Random random) {
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Node input : inputs()) {
      double[] values = new double[input.shape().size()];
      for (int i = 0; i < values.length; i++) values[i] = coordinate(random);
      point.put(input, values);
    }
    return point;
  }

  public boolean inDomain(double... in) {
    return inDomain(point(in));
  }

  /**
   * Whether every element of every forward value is finite at {@code point}: outside that domain
   * (a division by zero inside {@code sigmoid(z / relu(z))}, an overflow) a finite output can
   * still have a NaN gradient, and finite differences say nothing about the gradient.
   */
  public boolean inDomain(Map<Node, double[]> point) {
    // a constant that overflowed (cosh(sinh(exp(3)))) is a forward value too, though not a gate
    if (gradient.output().readsNonFinite()) return false;
    Evaluator evaluator = new Evaluator(point);
    if (!allFinite(evaluator.value(gradient.output()))) return false;
    for (Node gate : gradient.forward()) {
      if (!allFinite(evaluator.value(gate))) return false;
    }
    return true;
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) if (!Double.isFinite(v)) return false;
    return true;
  }

  /** The point binding input {@code i} to {@code in[i]}. */
  public Map<Node, double[]> point(double... in) {
    if (in.length != inputs().size()) {
      throw new IllegalArgumentException(inputs() + " needs " + inputs().size() + " values, not " + in.length);
    }
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (int i = 0; i < in.length; i++) point.put(inputs().get(i), new double[] {in[i]});
    return point;
  }

  /** The interpreter's value and gradient (what {@code --emit json} prints). */
  public Evaluator.Result interpret(double... in) {
    return interpret(point(in));
  }

  public Evaluator.Result interpret(Map<Node, double[]> point) {
    return Evaluator.gradient(gradient, point);
  }

  /** The interpreter's gradient as an array in wrt order, like the generated {@code grad}. */
  public double[] interpretedGradient(Evaluator.Result result) {
    return gradient.wrt().stream().mapToDouble(v -> result.gradient().get(v)[0]).toArray();
  }
}
