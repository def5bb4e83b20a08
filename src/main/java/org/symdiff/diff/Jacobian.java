package org.symdiff.diff;

import java.util.ArrayList;
import java.util.List;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Nodes;
import org.symdiff.graph.Op;

/**
 * The Jacobian of several outputs (scalars, or the elements of one vector or matrix, row-major)
 * with respect to {@code wrt}, by forward mode: one tangent program over the gates the outputs need,
 * run once per column with a unit direction. Rows are the outputs' elements, columns the wrt
 * variables' elements, both in order.
 *
 * @param outputLeaves each output's tangent leaf (a column of the Jacobian after a run), or null where it is zero
 */
public record Jacobian(List<Node> outputs, List<Node> wrt, Tangents tangents, List<Node> outputLeaves) {

  public static Jacobian of(Graph g, List<Node> outputs, List<Node> wrt) {
    List<Node> gates = Nodes.reachable(outputs).stream().filter(n -> !n.op().isLeaf()).toList();
    Tangents tangents = Tangents.forward(g, wrt, gates, n -> true);
    List<Node> leaves = new ArrayList<>();
    for (Node out : outputs) {
      boolean moves = out.op() == Op.VARIABLE ? wrt.contains(out)
          : tangents.forward().stream().anyMatch(s -> s.leaf().target() == out);
      leaves.add(moves ? g.tangent(out) : null);
    }
    return new Jacobian(List.copyOf(outputs), List.copyOf(wrt), tangents, java.util.Collections.unmodifiableList(leaves));
  }

  public int rows() {
    return outputs.stream().mapToInt(n -> n.shape().size()).sum();
  }

  public int columns() {
    return wrt.stream().mapToInt(n -> n.shape().size()).sum();
  }
}
