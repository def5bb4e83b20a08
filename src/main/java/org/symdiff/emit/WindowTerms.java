package org.symdiff.emit;

import java.util.ArrayList;
import java.util.List;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Window;

/** How a contribution that adds into windows of an array (a slice's adjoint) is written: window by window. */
final class WindowTerms {
  private WindowTerms() {}

  /**
   * A contribution as the requests that write it: one, unless it is a sum with a slice's adjoint
   * among its terms, which then adds each term into its own window instead of padding it with zeros.
   */
  static List<Node> of(Node e) {
    List<Node> terms = new ArrayList<>();
    List<Node> stack = new ArrayList<>(List.of(e));
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (n.op() == Op.ADD && n.arg(0).shape().equals(n.shape()) && n.arg(1).shape().equals(n.shape())) {
        stack.add(n.arg(1));
        stack.add(n.arg(0));
      } else {
        terms.add(n);
      }
    }
    return terms.stream().anyMatch(t -> t.op() == Op.PAD) ? terms : List.of(e);
  }

  /**
   * Windows of one shape and orientation, which share a loop, ordered so the first assigns and the
   * rest add: a loop visits each element first through the window that starts last (row-major), so
   * that one assigns its window, with the rest of the array cleared; null when the terms are not
   * such windows. The hand-written Rosenbrock gradient does the same with {@code grad[i + 1] = ...}.
   */
  static List<Node> assigningFirst(List<Node> terms) {
    Node last = terms.get(0);
    for (Node t : terms) {
      if (t.op() != Op.PAD || !t.arg(0).shape().equals(last.arg(0).shape())
          || t.window().keepsRows() != last.window().keepsRows() || t.window().keepsCols() != last.window().keepsCols()) {
        return null;
      }
      Window w = t.window();
      Window l = last.window();
      if (w.rowStart() > l.rowStart() || w.rowStart() == l.rowStart() && w.colStart() > l.colStart()) last = t;
    }
    List<Node> ordered = new ArrayList<>(List.of(last));
    for (Node t : terms) if (t != last) ordered.add(t);
    return ordered;
  }
}
