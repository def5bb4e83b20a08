package org.symdiff.simplify;

import org.symdiff.graph.Node;

/**
 * How many nodes one canonicalisation may look at. Flattening stops (and the gate is kept as
 * built) beyond {@link #NODES}, so building a gate costs a bounded amount of work and a graph of
 * 10^6 gates is built in linear time; a sum of more operands than that is not collected. A NaN
 * or infinite constant also stops it: those keep the rules of {@link Simplifier}.
 */
final class Budget {
  static final int NODES = 24;
  private int left = NODES;
  private boolean stopped;
  private final int computedBelow;

  Budget() {
    this(0);
  }

  /** A budget for which the nodes of ids below {@code computedBelow} are computed anyway. */
  Budget(int computedBelow) {
    this.computedBelow = computedBelow;
  }

  /**
   * Whether the gate {@code n} is computed anyway, by the forward pass: flattening it saves none of
   * its operations ({@code sign(d3 - d2)} in a backward pass stays so, rather than spelling out the
   * sums d3 and d2 are), so they count for nothing in what the gate as built costs.
   */
  boolean paid(Node n) {
    return n.id() < computedBelow;
  }

  /** Takes one node from the budget; false once it is spent or the walk was stopped. */
  boolean spend() {
    if (--left < 0) stopped = true;
    return !stopped;
  }

  void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }
}
