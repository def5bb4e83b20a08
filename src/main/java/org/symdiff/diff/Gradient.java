package org.symdiff.diff;

import java.util.List;
import org.symdiff.graph.Node;

/**
 * The backward program the reverse sweep produces: for each gate, from the output down, what its
 * adjoint contributes to each argument's adjoint. Contribution expressions are graph nodes whose
 * leaves include {@link org.symdiff.graph.Op#ADJOINT} nodes, so emitters can print them as
 * {@code dx += ...} and the interpreter can run them. The output's adjoint is seeded with 1.
 *
 * @param forward the gates the output needs, in evaluation order (leaves excluded)
 * @param steps one per gate on a path from a {@code wrt} variable to the output, output first
 */
public record Gradient(Node output, List<Node> wrt, List<Node> forward, List<Step> steps) {

  /** The backward work of one forward gate. */
  public record Step(Node gate, List<Contribution> contributions) {}

  /** {@code d<target> += expression}: one path's share of the target's adjoint. */
  public record Contribution(Node target, Node expression) {}
}
