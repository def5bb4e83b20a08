package org.symdiff.simplify;

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
