package org.symdiff.graph;

import org.symdiff.ast.Expr;
import org.symdiff.ast.ExprText;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;

/**
 * numpy's reductions along an axis, {@code sum(A, 0)}, {@code mean(A, 1)}, {@code logsumexp(A, 1)},
 * and {@code norm(v)}, as compositions of the graph's gates: a sum down to the kept axis (a row
 * sum [m,1] read as [m] through a slice), and for an axis-0 logsumexp the row-wise one of the
 * transpose. The axis dropped as numpy drops it: sum([m,n], 1) is [m].
 */
final class Reductions {
  private Reductions() {}

  /** {@code function(a, axis)} for sum, mean and logsumexp. */
  static Node along(Graph graph, Source source, Expr.Call call, Node a, int axis) {
    Shape s = a.shape();
    String written = ExprText.of(call);
    if (axis >= s.rank()) {
      throw new SourceError(source, call.args().get(call.args().size() - 1).span(), written + ": "
          + (s.isScalar() ? "a scalar has no axis" : s.rank() == 1 ? "a vector of shape " + s + " has one axis, 0"
          : "a matrix of shape " + s + " has axes 0 and 1"));
    }
    String function = call.function();
    if (s.rank() == 1) {
      Node total = function.equals("logsumexp") ? graph.apply(Op.LOGSUMEXP, a) : graph.sum(a);
      return function.equals("mean") ? graph.div(total, graph.size(s)) : total;
    }
    Dim kept = s.dim(1 - axis);
    Dim reduced = s.dim(axis);
    Node column;
    if (function.equals("logsumexp")) {
      column = graph.apply(Op.LOGSUMEXP, axis == 1 ? a : graph.transpose(a));
    } else {
      if (axis == 0) {
        Node sums = graph.sumTo(a, Shape.of(kept));
        return function.equals("mean") ? graph.div(sums, graph.size(Shape.of(reduced))) : sums;
      }
      column = graph.sumTo(a, Shape.of(kept, Dim.ONE));
    }
    // [k,1] read as [k]
    Node row = graph.slice(column, new Window(0, 0, true, false), Shape.of(kept));
    return function.equals("mean") ? graph.div(row, graph.size(Shape.of(reduced))) : row;
  }

  /**
   * The Euclidean norm of all of {@code a}; its gradient a / norm(a) is taken as 0 where a is 0
   * (the subgradient of smallest size), by a where the reverse sweep keeps free of 0 / 0.
   */
  static Node norm(Graph graph, Node a) {
    Node squares = graph.sum(graph.mul(a, a));
    return graph.where(graph.apply(Op.GREATER, squares, graph.zero()), graph.apply(Op.SQRT, squares), graph.zero());
  }
}
