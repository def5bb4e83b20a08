package org.symdiff.emit;

import java.util.ArrayList;
import java.util.HashMap;
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
 * When the backward section's loops are written: a loop waits for the loops holding what it
 * reads (a slot's first write, a sum placed in another loop), a sum joins the region's loop over
 * its argument, and the forward's fused loop ({@link FusedLoop}) joins the first backward loop of
 * its shape and is told when that loop is written.
 */
final class LoopSchedule {
  private final ArrayEmitter storage;
  /** The fusion while the backward section is written, else null. */
  private FusedLoop fusing;
  /** Sums placed in a loop of their own argument's shape, by the loop (see {@link #placeSums}). */
  private final Map<Node, LoopGroup> placed = new HashMap<>();
  /** Sums a loop of their shape needed before they could join it: computed before the loop that reads them. */
  private final Set<Node> unplaced = new HashSet<>();
  /** Loops that must be written before a loop: those of the sums it reads. */
  private final Map<LoopGroup, List<LoopGroup>> prerequisites = new HashMap<>();
  /** The loop holding a slot's first write (it assigns), for later writes elsewhere to wait for. */
  private final Map<Slot, LoopGroup> firstWrites = new HashMap<>();

  LoopSchedule(ArrayEmitter storage) {
    this.storage = storage;
  }

  /** The fusion of the backward section being written, or null. */
  void fusing(FusedLoop fusion) {
    this.fusing = fusion;
  }

  /** A slot's first write (it assigns) is in {@code group}: writes elsewhere wait for that loop. */
  void firstWrite(Slot slot, LoopGroup group) {
    firstWrites.put(slot, group);
  }

  /** Before a kernel writes {@code term} into {@code slot} at once: what it reads, and the slot's first write, come first. */
  void beforeKernel(Node term, Slot slot) {
    if (fusing != null) fusing.beforeTerm(term, null);
    awaitFirstWrite(slot, null);
    awaitSums(term, null);
  }

  /** Before a write to {@code slot} outside the loop {@code into}: the loop holding its first write, if still unwritten. */
  void awaitFirstWrite(Slot slot, LoopGroup into) {
    LoopGroup first = firstWrites.get(slot);
    if (first == null || first == into) return;
    firstWrites.remove(slot);
    if (!first.flushed) flush(first);
  }

  /**
   * Writes a backward loop: first the loops holding sums it reads, then it, then what the forward's
   * fused loop waits for, if it was there.
   */
  void flush(LoopGroup group) {
    if (group.flushed) return;
    for (LoopGroup before : prerequisites.getOrDefault(group, List.of())) flush(before);
    group.flush();
    if (fusing != null) fusing.written(group);
  }

  /**
   * Sums {@code term} reads whole (a column sum padded into a window, say), each added to this
   * region's loop over its argument, where other work of that shape is already done, instead of a
   * loop of its own before the loop that reads it; their totals go into temporaries.
   */
  void placeSums(ArrayBodies.Body body, Map<Shape, LoopGroup> loops, Node term) {
    List<Node> stack = new ArrayList<>(term.args());
    Set<Node> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (!seen.add(n) || n.op().isLeaf() || body.slot(n) != null || unplaced.contains(n)) continue;
      if (n.op() != Op.SUM_TO) {
        stack.addAll(n.args());
        continue;
      }
      // a loop whose own work needs this total cannot wait for it: it is computed before, as it was
      // (and stays so: a loop that read it by then reads its own)
      if (loops.values().stream().anyMatch(pending -> !pending.flushed && pending.needs(n))) {
        unplaced.add(n);
        continue;
      }
      LoopGroup group = groupAfterSums(body, loops, n, Loops.loopShape(n));
      Slot total = storage.temporary(n);
      body.locals().put(n, total);
      group.add(new Request(total, n, total.array() || storage.isField(total) ? Mode.ASSIGN : Mode.DECLARE), n);
      placed.put(n, group);
    }
  }

  /**
   * Before {@code term} goes into {@code into} (null: written at once): the loops of the sums it
   * reads must come first. A sum's loop that itself waits for {@code into} (its work reads a sum
   * placed there) cannot also come after it: then both are written now, {@code into} first, and
   * the term needs a new loop (see {@link #groupAfterSums}).
   */
  void awaitSums(Node term, LoopGroup into) {
    List<Node> stack = new ArrayList<>(List.of(term));
    Set<Node> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (!seen.add(n) || n.op().isLeaf()) continue;
      LoopGroup sum = placed.get(n);
      if (sum != null && !sum.flushed && sum != into) {
        if (into == null || into.flushed || waitsFor(sum, into)) flush(sum);
        else prerequisites.computeIfAbsent(into, g -> new ArrayList<>()).add(sum);
        continue;
      }
      stack.addAll(n.args());
    }
  }

  /** The region's loop of {@code shape} for {@code term}, after the loops of the sums it reads. */
  LoopGroup groupAfterSums(ArrayBodies.Body body, Map<Shape, LoopGroup> loops, Node term, Shape shape) {
    LoopGroup group = groupFor(body, loops, term, shape);
    awaitSums(term, group);
    if (!group.flushed) return group;
    group = groupFor(body, loops, term, shape);
    awaitSums(term, group);
    return group;
  }

  /** Whether the unwritten loop {@code later} waits, through the sums it reads, for {@code first}. */
  private boolean waitsFor(LoopGroup later, LoopGroup first) {
    List<LoopGroup> stack = new ArrayList<>(List.of(later));
    Set<LoopGroup> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      LoopGroup g = stack.remove(stack.size() - 1);
      if (g == first) return true;
      if (g.flushed || !seen.add(g)) continue;
      stack.addAll(prerequisites.getOrDefault(g, List.of()));
    }
    return false;
  }

  /** The region's loop of {@code shape} that can take {@code term} next: the pending one, or a new one after it. */
  LoopGroup groupFor(ArrayBodies.Body body, Map<Shape, LoopGroup> loops, Node term, Shape shape) {
    LoopGroup group = loops.get(shape);
    if (group != null && group.reads(term)) flush(group);
    if (group == null || group.flushed) {
      loops.put(shape, group = ArrayBodies.group(shape, body));
      if (fusing != null && fusing.offer(group) && group.reads(term)) {
        // the term reads the forward loop's totals: that loop goes first, on its own
        flush(group);
        loops.put(shape, group = ArrayBodies.group(shape, body));
      }
    }
    if (fusing != null) {
      fusing.beforeTerm(term, group);
      if (group.flushed) loops.put(shape, group = ArrayBodies.group(shape, body));
    }
    return group;
  }
}
