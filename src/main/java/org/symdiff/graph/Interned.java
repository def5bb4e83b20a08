package org.symdiff.graph;

import java.util.List;
import java.util.Objects;

/**
 * The hash-consing table of a {@link Graph}: finds the node equal to a key (op, the ids of its
 * arguments, shape, constant bits or window, name) among those made so far. Open addressing over
 * two int arrays, a node's id and its key's hash per slot, so a lookup reads one or two cache lines
 * and nothing is allocated per node: a million gates cost 16 MB here, where a map of boxed keys
 * cost 150 MB and several cache misses per lookup. Each slot packs the hash (high half) and the
 * node's id plus one (low half; 0 for an empty slot) into one long, so a probe is one read.
 */
final class Interned {
  private final List<Node> nodes;
  /** A power of two long, at most half full. */
  private long[] slots = new long[1 << 10];
  private int size;

  Interned(List<Node> nodes) {
    this.nodes = nodes;
  }

  /**
   * The key's hash: its fields mixed through a 64-bit multiply. A sum of ids, 31 times one field
   * plus the next, gave the gates of a sum chain, (2k, 2k + 1), keys alike in their low bits, and a
   * flat sum of 10^6 inputs spent most of its time in overfull buckets.
   */
  static int hash(Op op, int first, int second, Shape shape, long bits, String name) {
    long h = mix(mix(mix(mix(mix(op.ordinal(), first), second), bits), shape.hashCode()), Objects.hashCode(name));
    return (int) (h ^ h >>> 32);
  }

  private static long mix(long h, long field) {
    return (h + field) * 0x9E3779B97F4A7C15L;
  }

  /** The node of this key ({@code hash} is its {@link #hash}), or null if none was made. */
  Node find(int hash, Op op, int first, int second, Shape shape, long bits, String name) {
    int mask = slots.length - 1;
    for (int i = hash & mask; slots[i] != 0; i = (i + 1) & mask) {
      if ((int) (slots[i] >>> 32) != hash) continue;
      Node n = nodes.get((int) slots[i] - 1);
      if (n.op() == op && n.shape().equals(shape) && matches(n, first, second, bits, name)) return n;
    }
    return null;
  }

  /** Whether {@code n} has these fields of the key; which fields a node has depends on its op, as {@link Graph} builds them. */
  private static boolean matches(Node n, int first, int second, long bits, String name) {
    return switch (n.op()) {
      case CONSTANT -> Double.doubleToLongBits(n.value()) == bits;
      case VARIABLE, DIM -> n.name().equals(name);
      case ADJOINT, TANGENT -> n.target().id() == first;
      case SLICE, PAD -> n.arg(0).id() == first && n.windowBits() == bits;
      default -> {
        List<Node> args = n.args();
        yield args.get(0).id() == first && (args.size() > 1 ? args.get(1).id() : -1) == second
            && (args.size() > 2 ? args.get(2).id() : 0) == bits;
      }
    };
  }

  /** Records {@code node}, made for a key of hash {@code hash} that {@link #find} did not find. */
  Node add(int hash, Node node) {
    if (2 * (size + 1) > slots.length) grow();
    place((long) hash << 32 | (node.id() + 1));
    size++;
    return node;
  }

  private void place(long slot) {
    int mask = slots.length - 1;
    int i = (int) (slot >>> 32) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = slot;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[2 * old.length];
    for (long slot : old) if (slot != 0) place(slot);
  }
}
