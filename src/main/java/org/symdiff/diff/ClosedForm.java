package org.symdiff.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Each partial derivative as one expression over the inputs: the backward program with every
 * adjoint leaf replaced by the sum of its contributions, built through the graph so the result is
 * simplified and shared. Work is linear in the backward program's size.
 */
public final class ClosedForm {
  private ClosedForm() {}

  public static Map<Node, Node> of(Graph g, Gradient gradient) {
    Map<Node, Node> total = new HashMap<>();
    total.put(gradient.output(), g.constant(1, gradient.output().shape()));
    Map<Node, Node> substituted = new HashMap<>();
    int firstAdjoint = gradient.steps().stream()
        .mapToInt(s -> g.adjoint(s.gate()).id()).min().orElse(Integer.MAX_VALUE);
    for (Gradient.Step step : gradient.steps()) {
      for (Gradient.Contribution c : step.contributions()) {
        Node share = substitute(g, c.expression(), total, substituted, firstAdjoint);
        total.merge(c.target(), share, g::add);
      }
    }
    Map<Node, Node> result = new LinkedHashMap<>();
    for (Node v : gradient.wrt()) result.put(v, total.getOrDefault(v, g.constant(0, v.shape())));
    return result;
  }

  /**
   * {@code expression} with adjoint leaves replaced by their totals (final by the time they are
   * read). Nodes older than the first adjoint cannot contain one and are returned at once.
   */
  private static Node substitute(Graph g, Node expression, Map<Node, Node> total, Map<Node, Node> memo,
      int firstAdjoint) {
    if (expression.id() < firstAdjoint) return expression;
    Node done = memo.get(expression);
    if (done != null) return done;
    Node result;
    if (expression.op() == Op.ADJOINT) {
      result = total.get(expression.target());
    } else if (expression.op().isLeaf()) {
      result = expression;
    } else {
      List<Node> args = new ArrayList<>();
      for (Node arg : expression.args()) args.add(substitute(g, arg, total, memo, firstAdjoint));
      result = g.rebuild(expression, args);
    }
    memo.put(expression, result);
    return result;
  }
}
