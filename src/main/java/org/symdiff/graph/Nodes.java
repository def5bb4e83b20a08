package org.symdiff.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Walks over graphs, iterative so that any depth works. */
public final class Nodes {
  private Nodes() {}

  /** Every node the roots are computed from (themselves included), in id (topological) order. */
  public static List<Node> reachable(Collection<Node> roots) {
    BitSet seen = new BitSet();
    List<Node> order = new ArrayList<>();
    List<Node> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (seen.get(n.id())) continue;
      seen.set(n.id());
      order.add(n);
      stack.addAll(n.args());
    }
    order.sort(Comparator.comparingInt(Node::id));
    return order;
  }

  public static List<Node> reachable(Node root) {
    return reachable(List.of(root));
  }
}
