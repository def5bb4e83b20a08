package org.symdiff.simplify;

import java.util.Arrays;
import java.util.List;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Decides, before any {@link SumForm} is built, that flattening a sum gate would spend more than
 * its {@link Budget}, so that {@link SumForm#ofGate} would give null: every gate of a long chain
 * of sums ({@code x1 + x2 + ... + x1000000}, or an adjoint's many contributions) asks, and
 * flattening 24 nodes of the chain to find that out cost most of the time of building such a
 * chain. The count is what {@link SumForm}'s walk spends at the least: one per node it visits,
 * and one more for each term, whose {@link ProductForm} spends one on its first node. Each node's
 * count is remembered (exactly up to the budget, or as over it), valid while no node is newly
 * pinned, since a pinned sum is a term and is not flattened.
 */
final class SumSpends {
  private static final int OVER = Budget.NODES + 1;
  /** Per node id: its count, and the pin count plus one it was counted at (0: not counted). */
  private byte[] counts = new byte[1 << 10];
  private int[] countedAt = new int[1 << 10];

  /** Whether flattening a sum, difference or negation of {@code args} surely spends more than the budget. */
  boolean surelyOverBudget(Graph g, List<Node> args) {
    int spent = 0;
    for (int i = 0; i < args.size() && spent <= Budget.NODES; i++) spent += spends(g, args.get(i), Budget.NODES - spent);
    return spent > Budget.NODES;
  }

  /** What flattening {@code n} as a part of a sum spends: exactly when at most {@code limit}, else some number above it. */
  private int spends(Graph g, Node n, int limit) {
    if (n.isConstant()) return 1;
    Op op = n.shape().isScalar() ? Simplifier.opOf(g, n) : Op.VARIABLE;
    if (op != Op.ADD && op != Op.SUBTRACT && op != Op.NEGATE) return 2;
    int epoch = g.pinCount() + 1;
    int id = n.id();
    if (id < counts.length && countedAt[id] == epoch) return counts[id];
    int spent = 1;
    for (int i = 0; i < n.args().size() && spent <= limit; i++) spent += spends(g, n.arg(i), limit - spent);
    // a count cut off below the budget is no node's count; one above the budget says enough
    if (spent <= limit || spent > Budget.NODES) remember(id, Math.min(spent, OVER), epoch);
    return spent;
  }

  private void remember(int id, int count, int epoch) {
    if (id >= counts.length) {
      int length = Math.max(id + 1, 2 * counts.length);
      counts = Arrays.copyOf(counts, length);
      countedAt = Arrays.copyOf(countedAt, length);
    }
    counts[id] = (byte) count;
    countedAt[id] = epoch;
  }
}
