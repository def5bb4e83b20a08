package org.symdiff.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * The backward program folded into expressions: every adjoint leaf is replaced by the sum of its
 * contributions, built through the graph so results are simplified and shared (work is linear in
 * the backward program). Adjoints of the nodes {@code keep} selects stay as named leaves and get a
 * definition of their own, so a network's gradient reads {@code dW2 = outer(dz2, a1)} in terms of
 * {@code dz2} rather than one enormous expression.
 *
 * @param definitions each kept node's adjoint, in backward order
 * @param partials each {@code wrt} variable's partial derivative
 */
public record ClosedForm(Map<Node, Node> definitions, Map<Node, Node> partials) {

  /** Every partial as one expression over the inputs. */
  public static ClosedForm of(Graph g, Gradient gradient) {
    return of(g, gradient, n -> false);
  }

  public static ClosedForm of(Graph g, Gradient gradient, Predicate<Node> keep) {
    // closed forms are read as trees, where each gate is written out wherever it is used
    if (g.simplifier() != null) g.simplifier().printedAsTrees();
    // per node id, as is every map of this walk over the backward program: a million adjoints
    // cost two arrays rather than two maps of a million entries
    Node output = gradient.output();
    Node one = g.constant(1, output.shape());
    Map<Node, Node> definitions = new LinkedHashMap<>();
    int firstAdjoint = firstAdjoint(g);
    // every node read below is older than this: the gates, their adjoints and the contributions
    Node[] total = new Node[g.nodes().size()];
    Node[] substituted = new Node[total.length];
    total[output.id()] = one;
    for (Gradient.Step step : gradient.steps()) {
      Node gate = step.gate();
      if (keep.test(gate) && gate != output) {
        definitions.put(gate, total[gate.id()]);
        total[gate.id()] = g.adjoint(gate);
      }
      for (Gradient.Contribution c : step.contributions()) {
        Node share = substitute(g, c.expression(), total, substituted, firstAdjoint);
        int target = c.target().id();
        total[target] = total[target] == null ? share : g.add(total[target], share);
      }
    }
    Map<Node, Node> partials = new LinkedHashMap<>();
    for (Node v : gradient.wrt()) {
      Node zero = g.constant(0, v.shape());
      partials.put(v, total[v.id()] != null ? total[v.id()] : zero);
    }
    return new ClosedForm(definitions, partials);
  }

  /**
   * The id of the graph's oldest adjoint leaf: no node older than it reads an adjoint. Found by a
   * scan of ops in creation order; looking up each step's adjoint cost a hash probe per gate.
   */
  private static int firstAdjoint(Graph g) {
    List<Node> nodes = g.nodes();
    for (int i = 0; i < nodes.size(); i++) if (nodes.get(i).op() == Op.ADJOINT) return i;
    return Integer.MAX_VALUE;
  }

  /**
   * {@code expression} with adjoint leaves replaced by their totals (final by the time they are
   * read). Nodes older than the first adjoint cannot contain one and are returned at once.
   */
  private static Node substitute(Graph g, Node expression, Node[] total, Node[] memo, int firstAdjoint) {
    if (expression.id() < firstAdjoint) return expression;
    Node done = memo[expression.id()];
    if (done != null) return done;
    Node result;
    if (expression.op() == Op.ADJOINT) {
      result = total[expression.target().id()];
    } else if (expression.op().isLeaf()) {
      result = expression;
    } else {
      List<Node> args = new ArrayList<>(expression.args().size());
      for (Node arg : expression.args()) args.add(substitute(g, arg, total, memo, firstAdjoint));
      result = g.rebuild(expression, args);
    }
    memo[expression.id()] = result;
    return result;
  }
}
