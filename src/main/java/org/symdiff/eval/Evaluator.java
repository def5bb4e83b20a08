package org.symdiff.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.Tangents;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * Runs graphs and backward programs on numbers: the reference the generated Java is tested
 * against, and what {@code --emit json} and {@code --check} print. Values are row-major arrays.
 * Evaluation is iterative in node order, so graphs of any depth run without deep recursion.
 */
public final class Evaluator {
  /**
   * Values by node id (ids are dense within a graph): a scalar's in {@code scalars} (marked by
   * {@link #SCALAR} in {@code values}, so a million scalar gates allocate nothing), an array's in
   * {@code values}. {@code owners} guards against a node of another graph.
   */
  private static final double[] SCALAR = new double[0];
  private double[][] values = new double[64][];
  private double[] scalars = new double[64];
  private double[][] adjoints = new double[64][];
  /** The totals of tangent leaves, by the leaf's id, as {@link #tangents} adds them up. */
  private double[][] tangentTotals = new double[64][];
  private Node[] owners = new Node[64];
  /** Scratch for {@link #value}: the nodes it found by id, and the call that last visited each id. */
  private Node[] pending = new Node[64];
  private int[] visited = new int[64];
  private int visit;
  /** The evaluator this one was forked from ({@link #seeded}): its values are read, never changed. */
  private final Evaluator parent;

  /** An evaluator with each input variable bound to its value (row-major, of its shape's size). */
  public Evaluator(Map<Node, double[]> point) {
    this(point, true);
  }

  /** Without {@code copy}, the point's arrays are used as they are: for callers that never change them. */
  Evaluator(Map<Node, double[]> point, boolean copy) {
    this(point, copy, 64);
  }

  /** With room for node ids below {@code capacity} from the start. */
  private Evaluator(Map<Node, double[]> point, boolean copy, int capacity) {
    this.parent = null;
    grow(capacity - 1);
    point.forEach((variable, value) -> {
      if (value.length != variable.shape().size()) {
        throw new IllegalArgumentException(variable.name() + " needs " + variable.shape().size()
            + " numbers, not " + value.length);
      }
      put(variable, copy ? value.clone() : value);
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
      double[] adjoint = e.adjoint(v);
      result.put(v, adjoint == null ? new double[v.shape().size()] : adjoint.clone());
    }
    return new Result(value, result);
  }

  /**
   * Runs the backward program: afterwards {@link #adjoint} gives every node's adjoint, the total of
   * its contributions (the output's is the seed, 1).
   */
  public void backward(Gradient gradient) {
    setAdjoint(gradient.output(), filled(gradient.output().shape(), 1.0));
    for (Gradient.Step step : gradient.steps()) {
      for (Gradient.Contribution c : step.contributions()) {
        double[] share = value(c.expression());
        double[] total = adjoint(c.target());
        if (total == null) {
          total = new double[c.target().shape().size()];
          setAdjoint(c.target(), total);
        }
        for (int i = 0; i < total.length; i++) total[i] += share[i];
      }
    }
  }

  /**
   * Runs a tangent program along {@code direction} (a part for each wrt variable, shaped like it),
   * after {@link #backward} when the program has backward steps; each leaf's total is then
   * {@link #tangent}: for the wrt variables' adjoints, the Hessian-vector product.
   */
  public void tangents(Tangents tangents, Map<Node, double[]> direction) {
    tangents.directions().forEach((v, leaf) -> {
      double[] given = direction.get(v);
      setTangent(leaf, given != null ? given.clone() : new double[v.shape().size()]);
    });
    for (Tangents.Step step : tangents.forward()) setTangent(step.leaf(), value(step.expression()).clone());
    for (Tangents.Step step : tangents.backward()) {
      double[] share = value(step.expression());
      double[] total = tangent(step.leaf());
      if (total == null) setTangent(step.leaf(), total = new double[step.leaf().shape().size()]);
      for (int i = 0; i < total.length; i++) total[i] += share[i];
    }
  }

  /** The Hessian-vector product H v of a differentiated model at a point, one part per wrt variable. */
  public static Map<Node, double[]> hvp(Gradient gradient, Tangents tangents, Map<Node, double[]> point,
      Map<Node, double[]> direction) {
    Evaluator e = new Evaluator(point);
    e.value(gradient.output());
    e.backward(gradient);
    e.tangents(tangents, direction);
    Map<Node, double[]> result = new LinkedHashMap<>();
    for (Node v : gradient.wrt()) {
      Node leaf = tangents.results().get(v);
      result.put(v, leaf == null ? new double[v.shape().size()] : e.tangent(leaf).clone());
    }
    return result;
  }

  /** The total of a tangent leaf after {@link #tangents}, or null when nothing was added to it. */
  public double[] tangent(Node leaf) {
    return leaf.id() < tangentTotals.length ? tangentTotals[leaf.id()] : null;
  }

  private void setTangent(Node leaf, double[] value) {
    grow(leaf.id());
    tangentTotals[leaf.id()] = value;
  }

  private Evaluator(Evaluator parent, Node seeded, double[] seed) {
    this.parent = parent;
    if (seeded != null) setAdjoint(seeded, seed);
  }

  /**
   * An evaluator that knows what this one computed so far and takes {@code seed} as the adjoint
   * of {@code seeded}: backward expressions read there give a vector-Jacobian product, one row of
   * a gate's Jacobian for a one-hot seed. This evaluator is not changed.
   */
  public Evaluator seeded(Node seeded, double[] seed) {
    return new Evaluator(this, seeded, seed);
  }

  /** The value of {@code node}, computing whatever it needs that is not known yet. */
  public double[] value(Node node) {
    double[] known = known(node);
    if (known != null) return known;
    // the unknown ancestors, found without recursion and computed in id (so topological) order
    visit++;
    int[] ids = new int[16];
    int count = 0;
    List<Node> stack = new ArrayList<>(List.of(node));
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      grow(n.id());
      if (visited[n.id()] == visit || isKnown(n)) continue;
      visited[n.id()] = visit;
      pending[n.id()] = n;
      if (count == ids.length) ids = Arrays.copyOf(ids, 2 * count);
      ids[count++] = n.id();
      for (Node arg : n.args()) stack.add(arg);
    }
    Arrays.sort(ids, 0, count);
    for (int i = 0; i < count; i++) compute(pending[ids[i]]);
    return known(node);
  }

  /**
   * What {@link #value} computes for {@code output} beyond the variables: its other ancestors in
   * id (so topological) order. To evaluate one output at many points, as a gradient check does,
   * find them once and {@link #valueAt} each point.
   */
  static Node[] plan(Node output) {
    BitSet seen = new BitSet();
    List<Node> nodes = new ArrayList<>();
    List<Node> stack = new ArrayList<>(List.of(output));
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (seen.get(n.id())) continue;
      seen.set(n.id());
      if (n.op() != Op.VARIABLE) nodes.add(n);
      for (Node arg : n.args()) stack.add(arg);
    }
    nodes.sort(java.util.Comparator.comparingInt(Node::id));
    return nodes.toArray(Node[]::new);
  }

  /**
   * An evaluator of {@code output} that reads {@code point}'s arrays as they are, to be evaluated
   * again and again ({@link #valueAt}) as the caller changes some of them ({@link #rebind}): a new
   * evaluator per point walked the whole point and allocated room for every node each time.
   */
  static Evaluator reading(Map<Node, double[]> point, Node output) {
    return new Evaluator(point, false, output.id() + 1);
  }

  /** Takes the current numbers of {@code variable}'s array, which the caller has refilled. */
  void rebind(Node variable, double[] value) {
    put(variable, value);
  }

  /** The scalar {@code output}, whose {@link #plan} is {@code plan}, computed again from the variables as they are now. */
  double valueAt(Node output, Node[] plan) {
    for (Node n : plan) compute(n);
    return scalar(output);
  }

  /** The value of a node already computed (a fresh array for a scalar), or null. */
  private double[] known(Node n) {
    Evaluator holder = holder(n);
    return holder == null ? null : holder.array(n);
  }

  private boolean isKnown(Node n) {
    return holder(n) != null;
  }

  /** The evaluator that computed {@code n}: this one, the one it was forked from, or none. */
  private Evaluator holder(Node n) {
    int id = n.id();
    if (id >= owners.length || owners[id] == null) return parent == null ? null : parent.holder(n);
    if (owners[id] != n) throw new IllegalArgumentException(n + " is from another graph than " + owners[id]);
    return this;
  }

  /** A known node's value as an array (a new one for a scalar): for the whole-array kernels and broadcasting. */
  private double[] array(Node n) {
    Evaluator holder = holder(n);
    double[] v = holder.values[n.id()];
    return v == SCALAR ? new double[] {holder.scalars[n.id()]} : v;
  }

  /** A known scalar node's value, without an array. */
  private double scalar(Node n) {
    Evaluator holder = holder(n);
    double[] v = holder.values[n.id()];
    return v == SCALAR ? holder.scalars[n.id()] : v[0];
  }

  private void put(Node n, double[] value) {
    if (n.shape().isScalar()) {
      putScalar(n, value[0]);
      return;
    }
    grow(n.id());
    owners[n.id()] = n;
    values[n.id()] = value;
  }

  private void putScalar(Node n, double value) {
    grow(n.id());
    owners[n.id()] = n;
    values[n.id()] = SCALAR;
    scalars[n.id()] = value;
  }

  /** A node's adjoint after {@link #backward} (here or in the evaluator this one was forked from), or null when nothing reached it. */
  public double[] adjoint(Node n) {
    double[] own = n.id() < adjoints.length ? adjoints[n.id()] : null;
    return own != null || parent == null ? own : parent.adjoint(n);
  }

  /**
   * An evaluator that reads what this one computed so far (values and adjoints) and computes the
   * rest itself: one tangent program per direction over one forward and backward run.
   */
  public Evaluator fork() {
    return new Evaluator(this, null, null);
  }

  private void setAdjoint(Node n, double[] adjoint) {
    grow(n.id());
    adjoints[n.id()] = adjoint;
  }

  private void grow(int id) {
    if (id < owners.length) return;
    int length = Math.max(id + 1, owners.length * 2);
    owners = Arrays.copyOf(owners, length);
    values = Arrays.copyOf(values, length);
    scalars = Arrays.copyOf(scalars, length);
    adjoints = Arrays.copyOf(adjoints, length);
    tangentTotals = Arrays.copyOf(tangentTotals, length);
    pending = Arrays.copyOf(pending, length);
    visited = Arrays.copyOf(visited, length);
  }

  /** Computes {@code n} from its arguments, which are known, and stores its value. */
  private void compute(Node n) {
    switch (n.op()) {
      case CONSTANT -> {
        if (n.shape().isScalar()) putScalar(n, n.value());
        else put(n, filled(n.shape(), n.value()));
      }
      case VARIABLE -> throw new IllegalStateException("no value given for " + n.name());
      case DIM -> throw new IllegalStateException("runtime dimension " + n.name() + " has no size: instantiate the model first");
      case ADJOINT -> {
        double[] adjoint = adjoint(n.target());
        if (adjoint == null) throw new IllegalStateException("adjoint read before it is known: " + n);
        put(n, adjoint);
      }
      case TANGENT -> {
        double[] tangent = tangent(n);
        if (tangent == null) throw new IllegalStateException("tangent read before it is known: " + n);
        put(n, tangent);
      }
      default -> {
        if (n.op().isElementwise() && n.shape().isScalar()) {
          putScalar(n, n.op().apply(scalar(n.arg(0)), n.args().size() > 1 ? scalar(n.arg(1)) : 0,
              n.args().size() > 2 ? scalar(n.arg(2)) : 0));
        } else {
          put(n, n.op().isElementwise() ? elementwise(n) : whole(n));
        }
      }
    }
  }

  private double[] whole(Node n) {
    double[] a = array(n.arg(0));
    Shape sa = n.arg(0).shape();
    return switch (n.op()) {
      case MATMUL -> Kernels.matmul(a, sa, array(n.arg(1)), n.arg(1).shape());
      case OUTER -> Kernels.outer(a, array(n.arg(1)));
      case TRANSPOSE -> Kernels.transpose(a, sa);
      case SOFTMAX -> Kernels.softmax(a, sa);
      case LOGSUMEXP -> Kernels.logsumexp(a, sa);
      case SUM_TO -> Kernels.sumTo(a, sa, n.shape());
      case MAX_TO -> Kernels.maxTo(a, sa, n.shape());
      case SLICE -> Kernels.slice(a, sa, n.window(), n.shape());
      case PAD -> Kernels.pad(a, sa, n.window(), n.shape());
      default -> throw new IllegalStateException("no kernel for " + n.op());
    };
  }

  private double[] elementwise(Node n) {
    Shape out = n.shape();
    Op op = n.op();
    int arity = n.args().size();
    double[][] args = new double[3][];
    int[][] index = new int[3][];
    for (int i = 0; i < arity; i++) {
      args[i] = array(n.arg(i));
      index[i] = index(n.arg(i).shape(), out);
    }
    double[] result = new double[out.size()];
    for (int k = 0; k < result.length; k++) {
      double a = args[0][index[0] == null ? k : index[0][k]];
      double b = arity > 1 ? args[1][index[1] == null ? k : index[1][k]] : 0;
      double c = arity > 2 ? args[2][index[2] == null ? k : index[2][k]] : 0;
      result[k] = op.apply(a, b, c);
    }
    return result;
  }

  /** Where broadcasting reads {@code shape}'s elements for each of {@code out}'s; null where it reads them in place. */
  private static int[] index(Shape shape, Shape out) {
    return shape.equals(out) ? null : shape.broadcastIndex(out);
  }

  private static double[] filled(Shape shape, double value) {
    double[] a = new double[shape.size()];
    Arrays.fill(a, value);
    return a;
  }
}
