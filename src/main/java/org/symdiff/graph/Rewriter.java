package org.symdiff.graph;

import java.util.List;

/**
 * What a {@link Graph} offers every node to as it is built (the simplifier, in package
 * {@code simplify}): declared here so the graph needs no package above it.
 */
public interface Rewriter {
  /** A simpler node equal in value to {@code op(args)} of shape {@code shape}, built through {@code g}, or null to keep it. */
  Node simplify(Graph g, Op op, Shape shape, List<Node> args);

  /** Every node made so far is computed by the forward pass (the reverse sweep says so before it builds). */
  void forwardComputed(Graph g);

  /** Expressions will be printed as trees, each gate paid for where it is used ({@code --emit expr}). */
  void printedAsTrees();

  /** A rewriter of the same kind for another graph, with none of this one's state. */
  Rewriter fresh();
}
