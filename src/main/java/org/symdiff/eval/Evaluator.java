package org.symdiff.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * Runs graphs and backward programs on numbers: the reference the generated Java is tested
 * against, and what {@code --emit json} and {@code --check} print. Values are row-major arrays.
 * Evaluation is iterative in node order, so graphs of any depth run without deep recursion.
 */
public final class Evaluator {
  private final Map<Node, double[]> values = new HashMap<>();
  private final Map<Node, double[]> adjoints = new HashMap<>();
  /** The values of the evaluator this one was forked from, read but never changed. */
  private final Map<Node, double[]> inherited;

  /** An evaluator with each input variable bound to its value (row-major, of its shape's size). */
  public Evaluator(Map<Node, double[]> point) {
    this.inherited = Map.of();
    point.forEach((variable, value) -> {
      if (value.length != variable.shape().size()) {
        throw new IllegalArgumentException(variable.name() + " needs " + variable.shape().size()
            + " numbers, not " + value.length);
      }
      values.put(variable, value.clone());
    });
  }

  /** The value and gradient of a differentiated model at a point. */
  public record Result(double value, Map<Node, double[]> gradient) {}

  public static Result gradient(Gradient gradient, Map<Node, double[]> point) {
    Evaluator e = new Evaluator(point);
    double value = e.value(gradient.output())[0];
    e.backward(gradient);
    Map<Node, double[]> result = new LinkedHashMap<>();
    for (Node v : gradient.wrt()) {
      result.put(v, e.adjoints.getOrDefault(v, new double[v.shape().size()]).clone());
    }
    return new Result(value, result);
  }

  /**
   * Runs the backward program: afterwards {@link #adjoint} gives every node's adjoint, the total of
   * its contributions (the output's is the seed, 1).
   */
  public void backward(Gradient gradient) {
    adjoints.put(gradient.output(), filled(gradient.output().shape(), 1.0));
    for (Gradient.Step step : gradient.steps()) {
      for (Gradient.Contribution c : step.contributions()) {
        double[] share = value(c.expression());
        double[] total = adjoints.computeIfAbsent(c.target(), t -> new double[t.shape().size()]);
        for (int i = 0; i < total.length; i++) total[i] += share[i];
      }
    }
  }

  /** A node's adjoint after {@link #backward}, or null when nothing reached it. */
  public double[] adjoint(Node n) {
    return adjoints.get(n);
  }

  private Evaluator(Evaluator parent, Node seeded, double[] seed) {
    this.inherited = parent.values;
    adjoints.put(seeded, seed);
  }

  /**
   * An evaluator that knows what this one computed so far and takes {@code seed} as the adjoint
   * of {@code seeded}: backward expressions read there give a vector-Jacobian product, one row of
   * a gate's Jacobian for a one-hot seed. This evaluator is not changed.
   */
  public Evaluator seeded(Node seeded, double[] seed) {
    return new Evaluator(this, seeded, seed);
  }

  private double[] known(Node node) {
    double[] known = values.get(node);
    return known != null ? known : inherited.get(node);
  }

  /** The value of {@code node}, computing whatever it needs that is not known yet. */
  public double[] value(Node node) {
    double[] known = known(node);
    if (known != null) return known;
    for (Node n : unknownAncestors(node)) values.put(n, compute(n));
    return values.get(node);
  }

  private List<Node> unknownAncestors(Node node) {
    List<Node> order = new ArrayList<>();
    Map<Node, Boolean> seen = new HashMap<>();
    List<Node> stack = new ArrayList<>(List.of(node));
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (known(n) != null || seen.put(n, true) != null) continue;
      order.add(n);
      stack.addAll(n.args());
    }
    order.sort(Comparator.comparingInt(Node::id));
    return order;
  }

  private double[] compute(Node n) {
    switch (n.op()) {
      case CONSTANT:
        return filled(n.shape(), n.value());
      case VARIABLE:
        throw new IllegalStateException("no value given for " + n.name());
      case DIM:
        throw new IllegalStateException("runtime dimension " + n.name() + " has no size: instantiate the model first");
      case ADJOINT: {
        double[] adjoint = adjoints.get(n.target());
        if (adjoint == null) throw new IllegalStateException("adjoint read before it is known: " + n);
        return adjoint;
      }
      default:
        return n.op().isElementwise() ? elementwise(n) : whole(n);
    }
  }

  private double[] whole(Node n) {
    double[] a = known(n.arg(0));
    Shape sa = n.arg(0).shape();
    return switch (n.op()) {
      case MATMUL -> Kernels.matmul(a, sa, known(n.arg(1)), n.arg(1).shape());
      case OUTER -> Kernels.outer(a, known(n.arg(1)));
      case TRANSPOSE -> Kernels.transpose(a, sa);
      case SOFTMAX -> Kernels.softmax(a, sa);
      case LOGSUMEXP -> Kernels.logsumexp(a, sa);
      case SUM_TO -> Kernels.sumTo(a, sa, n.shape());
      default -> throw new IllegalStateException("no kernel for " + n.op());
    };
  }

  private double[] elementwise(Node n) {
    Shape out = n.shape();
    double[] result = new double[out.size()];
    double[] a = known(n.arg(0));
    int[] ia = n.arg(0).shape().broadcastIndex(out);
    if (n.args().size() == 1) {
      for (int k = 0; k < result.length; k++) result[k] = Scalars.apply(n.op(), a[ia[k]], 0);
    } else {
      double[] b = known(n.arg(1));
      int[] ib = n.arg(1).shape().broadcastIndex(out);
      for (int k = 0; k < result.length; k++) result[k] = Scalars.apply(n.op(), a[ia[k]], b[ib[k]]);
    }
    return result;
  }

  private static double[] filled(Shape shape, double value) {
    double[] a = new double[shape.size()];
    Arrays.fill(a, value);
    return a;
  }
}
