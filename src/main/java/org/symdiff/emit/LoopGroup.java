package org.symdiff.emit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.emit.Loops.Request;
import org.symdiff.emit.Slot.Mode;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * Requests waiting to share one loop, and what they produce. A backward or tangent loop records in
 * {@code regionMemo} the values it wrote whole, for the rest of its region to read.
 */
final class LoopGroup {
  final Shape shape;
  private final Loops loops;
  private final Loops.Values values;
  private final Map<Node, Slot> regionMemo;
  private final List<Request> requests = new ArrayList<>();
  private final Set<Node> outputs = new HashSet<>();

  LoopGroup(Shape shape, Loops loops, Loops.Values values, Map<Node, Slot> regionMemo) {
    this.shape = shape;
    this.loops = loops;
    this.values = values;
    this.regionMemo = regionMemo;
  }

  /** A request, and the node whose value it writes (its expression, or the tangent leaf it computes). */
  void add(Request r, Node produced) {
    requests.add(r);
    outputs.add(r.expression());
    outputs.add(produced);
  }

  boolean flushed;

  List<Request> requests() {
    return requests;
  }

  /** Whether a request of this loop reads {@code n}, directly or through what it computes first. */
  boolean needs(Node n) {
    List<Node> stack = new ArrayList<>();
    requests.forEach(r -> stack.add(r.expression()));
    Set<Node> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      Node m = stack.remove(stack.size() - 1);
      if (m == n) return true;
      if (seen.add(m)) stack.addAll(m.args());
    }
    return false;
  }

  LoopGroup flush() {
    loops.write(shape, requests);
    flushed = true;
    if (regionMemo != null) {
      for (Request r : requests) {
        if (r.mode() != Mode.ACCUMULATE && r.dest().shape().equals(r.expression().shape())) {
          regionMemo.put(r.expression(), r.dest());
        }
      }
    }
    return null;
  }

  /** Whether an expression (as a whole, unlike {@link #reaches}) reads a total this loop computes. */
  boolean reads(Node expression) {
    return outputs.contains(expression) || reaches(expression, false);
  }

  /**
   * Whether {@code gate} reads what this loop is still computing in a way the loop cannot
   * provide: a reduction's total, or any output through something computed before the loop
   * (always so for a kernel, {@code always}).
   */
  boolean reaches(Node gate, boolean always) {
    List<Node> stack = new ArrayList<>();
    List<Boolean> barrier = new ArrayList<>();
    // a product, transpose or outer product reads its arguments at other indices than it writes
    boolean sameIndex = gate.op().isElementwise() || gate.op() == Op.SUM_TO || gate.op() == Op.MAX_TO || gate.op() == Op.BROADCAST;
    for (Node arg : gate.args()) {
      stack.add(arg);
      barrier.add(always || !sameIndex);
    }
    Set<Node> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      boolean via = barrier.remove(barrier.size() - 1);
      if (outputs.contains(n)) {
        if (via || n.op() == Op.SUM_TO || n.op() == Op.MAX_TO) return true;
        continue;
      }
      if (!seen.add(n) || n.op().isLeaf() || values.slot(n) != null) continue;
      boolean inline = (n.op().isElementwise() || n.op() == Op.BROADCAST) && n.shape().equals(shape);
      for (Node arg : n.args()) {
        stack.add(arg);
        barrier.add(via || !inline);
      }
    }
    return false;
  }
}
