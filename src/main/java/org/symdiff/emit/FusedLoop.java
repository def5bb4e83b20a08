package org.symdiff.emit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.symdiff.emit.Loops.Request;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * A forward section that is one loop, with scalar arithmetic before or after it, which
 * {@code gradient} runs inside the backward section, as a person writes value and gradient in one
 * pass: the loop's requests join the backward's first loop of the same shape, so the inputs are
 * read once and what both compute ({@code x[k + 1] - x[k] * x[k]}) is computed once. The arithmetic
 * before the loop opens the backward section; the arithmetic after it follows the loop that holds
 * it. Whatever of the backward reads the loop's totals, or what follows from them, waits for them:
 * a term that reads them has the loop written first.
 */
final class FusedLoop {
  /** Requests the forward section wrote in one loop over {@code shape} (a scalar shape: plain statements). */
  record Part(Shape shape, List<Request> requests) {}

  /** The backward section the parts go into. */
  interface Section {
    /** Writes the part's requests as one loop, then {@link #record}s them. */
    void write(Part part);

    /** Records where the part's values are, once they are written, for what reads them later. */
    void record(Part part);

    /** Writes a backward loop, then (through {@link #written}) what waits for it. */
    void flush(LoopGroup group);
  }

  private final List<Part> before;
  private final Part loop;
  private final List<Part> after;
  /** What the loop computes: the backward's other loops must not read it before it is written. */
  private final Set<Node> inLoop = new HashSet<>();
  /** What the arithmetic after the loop computes: no loop may read it before it is written. */
  private final Set<Node> afterLoop = new HashSet<>();
  private Section section;
  /** The backward loop the forward's loop joined. */
  private LoopGroup host;
  private boolean done;

  private FusedLoop(List<Part> before, Part loop, List<Part> after) {
    this.before = before;
    this.loop = loop;
    this.after = after;
    loop.requests().forEach(r -> inLoop.add(r.expression()));
    after.forEach(p -> p.requests().forEach(r -> afterLoop.add(r.expression())));
  }

  /**
   * The fusion of a forward section written as {@code parts}, or null unless exactly one of them is
   * a loop and the others are arithmetic on scalars.
   */
  static FusedLoop of(List<Part> parts) {
    List<Part> before = new ArrayList<>();
    List<Part> after = new ArrayList<>();
    Part loop = null;
    Set<Node> written = new HashSet<>();
    parts.forEach(p -> p.requests().forEach(r -> written.add(r.expression())));
    for (Part p : parts) {
      if (p.shape().isScalar()) {
        if (!p.requests().stream().allMatch(r -> onScalars(r.expression(), written))) return null;
        (loop == null ? before : after).add(p);
      } else if (loop == null) {
        loop = p;
      } else {
        return null;
      }
    }
    return loop == null ? null : new FusedLoop(before, loop, after);
  }

  /** Starts a backward section: the arithmetic before the loop comes first. */
  void begin(Section section) {
    this.section = section;
    this.host = null;
    this.done = false;
    before.forEach(section::write);
  }

  /** A new backward loop: the forward's loop joins the first one of its shape; returns whether it joined this one. */
  boolean offer(LoopGroup group) {
    if (done || host != null || !group.shape.equals(loop.shape())) return false;
    host = group;
    loop.requests().forEach(r -> group.add(r, r.expression()));
    return true;
  }

  /**
   * Before {@code term} is added to the loop {@code into} (null: written at once, a kernel): the
   * forward's loop and what follows it first, if the term reads them. A loop provides its own
   * values to the terms it holds (it splits itself before a term that reads its totals), not the
   * arithmetic after it.
   */
  void beforeTerm(Node term, LoopGroup into) {
    boolean inHost = host != null && into == host;
    if (done || !(reads(term, afterLoop) || !inHost && reads(term, inLoop))) return;
    if (host != null) {
      section.flush(host);
    } else {
      section.write(loop);
      finish();
    }
  }

  /** After a backward loop is written: if it held the forward's loop, the arithmetic after it follows. */
  void written(LoopGroup group) {
    if (done || group != host) return;
    section.record(loop);
    finish();
  }

  /** Whether the forward's loop shared a loop of the backward section (else it ran on its own). */
  boolean shared() {
    return host != null && host.requests().size() > loop.requests().size();
  }

  /** At the end of the backward section: the forward's loop, if nothing has written it yet. */
  void end() {
    if (done) return;
    if (host == null) {
      section.write(loop);
      finish();
    } else {
      section.flush(host);
    }
  }

  private void finish() {
    done = true;
    after.forEach(section::write);
  }

  /** Whether {@code e} computes with scalars only, down to values {@code written} by the parts (a total, say). */
  private static boolean onScalars(Node e, Set<Node> written) {
    List<Node> stack = new ArrayList<>(e.args());
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (written.contains(n)) continue;
      if (!n.shape().isScalar()) return false;
      stack.addAll(n.args());
    }
    return true;
  }

  private static boolean reads(Node term, Set<Node> computed) {
    List<Node> stack = new ArrayList<>(List.of(term));
    Set<Node> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (computed.contains(n)) return true;
      if (seen.add(n)) stack.addAll(n.args());
    }
    return false;
  }
}
