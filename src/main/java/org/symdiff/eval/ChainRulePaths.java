package org.symdiff.eval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.StatementGradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * The multipath chain rule for one entry of the gradient: the element-level graph from the output
 * down to that entry, whose nodes are elements of the values the program named (of every gate, for a
 * program of one expression) and whose edges carry local derivatives at a point. The entry is the
 * sum over paths of the product of the local derivatives along each, which is also what the
 * backward pass computes, grouping the paths at shared nodes.
 */
public final class ChainRulePaths {
  /** Element {@code index} (row-major) of {@code node}'s value. */
  public record Element(Node node, int index) {}

  /** One step down a path: {@code d user / d argument} at the point. */
  public record Edge(Element user, Element argument, double partial) {}

  private final Evaluator point;
  private final ElementDependencies dependencies = new ElementDependencies();
  private final Set<Node> units;
  private final Map<Node, List<Gradient.Contribution>> contributions;
  private final Element output;
  private final Element target;
  private final Map<Element, List<Edge>> down = new HashMap<>();
  private final Map<Element, Boolean> reaches = new HashMap<>();
  private final Map<Element, BigInteger> counts = new HashMap<>();

  private ChainRulePaths(Model model, Gradient gradient, Map<Node, double[]> at, Element target) {
    this.point = new Evaluator(at);
    point.value(gradient.output());
    this.output = new Element(gradient.output(), 0);
    this.target = target;
    this.units = new HashSet<>(model.inputs());
    this.contributions = new LinkedHashMap<>();
    if (model.assignments().size() == 1) {
      // one expression: every gate is a step of its own
      for (Gradient.Step step : gradient.steps()) contributions.put(step.gate(), step.contributions());
    } else {
      for (StatementGradient.Region r : StatementGradient.of(model, gradient).regions()) {
        contributions.put(r.root(), r.contributions());
      }
    }
    units.addAll(contributions.keySet());
  }

  /** The paths from {@code gradient}'s output down to element {@code index} of the input {@code variable}. */
  public static ChainRulePaths of(Model model, Gradient gradient, Map<Node, double[]> at, Node variable, int index) {
    return new ChainRulePaths(model, gradient, at, new Element(variable, index));
  }

  public Element output() {
    return output;
  }

  public Element target() {
    return target;
  }

  /** The edges from {@code e} to the elements below it that reach the target. */
  public List<Edge> below(Element e) {
    List<Edge> edges = down.get(e);
    if (edges != null) return edges;
    edges = new ArrayList<>();
    List<Gradient.Contribution> cs = contributions.get(e.node());
    if (cs != null) {
      Set<Element> structural = structuralChildren(e);
      Evaluator seeded = point.seeded(e.node(), oneHot(e));
      for (Gradient.Contribution c : cs) {
        double[] row = null;
        for (Element child : structural) {
          if (child.node() != c.target() || !reachesTarget(child)) continue;
          if (row == null) row = seeded.value(c.expression());
          edges.add(new Edge(e, child, row[child.index()]));
        }
      }
    }
    edges.sort(java.util.Comparator.comparingInt((Edge x) -> x.argument().node().id())
        .thenComparingInt(x -> x.argument().index()));
    down.put(e, edges);
    return edges;
  }

  private static double[] oneHot(Element e) {
    double[] seed = new double[e.node().shape().size()];
    seed[e.index()] = 1;
    return seed;
  }

  /** The unit elements {@code e} is computed from, through the gates inside its statement. */
  private Set<Element> structuralChildren(Element e) {
    Set<Element> found = new java.util.LinkedHashSet<>();
    Set<Element> seen = new HashSet<>();
    List<Element> stack = new ArrayList<>(dependencies.of(e.node(), e.index()));
    while (!stack.isEmpty()) {
      Element x = stack.remove(stack.size() - 1);
      if (!seen.add(x)) continue;
      if (units.contains(x.node())) found.add(x);
      else if (!x.node().op().isLeaf()) stack.addAll(dependencies.of(x.node(), x.index()));
    }
    return found;
  }

  private boolean reachesTarget(Element e) {
    if (e.equals(target)) return true;
    Boolean known = reaches.get(e);
    if (known != null) return known;
    reaches.put(e, false);
    boolean any = false;
    if (contributions.containsKey(e.node())) {
      for (Element child : structuralChildren(e)) any |= reachesTarget(child);
    }
    reaches.put(e, any);
    return any;
  }

  /** How many paths lead from {@code e} down to the target (exponentially many, possibly). */
  public BigInteger count(Element e) {
    if (e.equals(target)) return BigInteger.ONE;
    BigInteger known = counts.get(e);
    if (known != null) return known;
    BigInteger total = BigInteger.ZERO;
    for (Edge edge : below(e)) total = total.add(count(edge.argument()));
    counts.put(e, total);
    return total;
  }

  /** Every path from the output to the target, each a list of edges from the top; at most {@code limit}. */
  public List<List<Edge>> paths(int limit) {
    if (count(output).compareTo(BigInteger.valueOf(limit)) > 0) throw new IllegalStateException("too many paths");
    List<List<Edge>> paths = new ArrayList<>();
    walk(output, new ArrayList<>(), paths);
    return paths;
  }

  private void walk(Element at, List<Edge> path, List<List<Edge>> paths) {
    if (at.equals(target)) {
      paths.add(List.copyOf(path));
      return;
    }
    for (Edge edge : below(at)) {
      path.add(edge);
      walk(edge.argument(), path, paths);
      path.remove(path.size() - 1);
    }
  }

  /**
   * The elements on some path, each with the edges from the elements above it, from the target up:
   * the grouped form, where each element's adjoint is one sum over its users.
   */
  public Map<Element, List<Edge>> above() {
    Map<Element, List<Edge>> above = new LinkedHashMap<>();
    List<Element> order = new ArrayList<>();
    topological(output, new HashSet<>(), order);
    for (Element e : order) above.put(e, new ArrayList<>());
    for (Element e : order) for (Edge edge : below(e)) above.get(edge.argument()).add(edge);
    above.remove(output);
    return above;
  }

  /** Elements in an order where each comes after everything below it (the target first). */
  private void topological(Element e, Set<Element> seen, List<Element> order) {
    if (!seen.add(e)) return;
    for (Edge edge : below(e)) topological(edge.argument(), seen, order);
    order.add(e);
  }

  /** The adjoint of each element on a path, summed over the users above it (the output's is 1). */
  public Map<Element, Double> adjoints() {
    Map<Element, List<Edge>> above = above();
    List<Element> downwards = new ArrayList<>(above.keySet());
    java.util.Collections.reverse(downwards);
    Map<Element, Double> adjoints = new HashMap<>();
    adjoints.put(output, 1.0);
    for (Element e : downwards) {
      double sum = 0;
      for (Edge edge : above.get(e)) sum += adjoints.get(edge.user()) * edge.partial();
      adjoints.put(e, sum);
    }
    return adjoints;
  }
}
