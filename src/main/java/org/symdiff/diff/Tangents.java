package org.symdiff.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Forward mode over a program: the tangent of every stored value along a direction v, which gives
 * each {@code wrt} variable x the tangent leaf {@code t(x)} = v restricted to x. Over a backward
 * program too (forward-over-reverse): the tangent of each adjoint, so the tangents of the wrt
 * variables' adjoints are the Hessian-vector product H v, at a small multiple of the gradient's cost.
 * Tangent expressions are graph nodes whose leaves include {@link Op#TANGENT} nodes (of stored gates,
 * of variables and of adjoints), as backward expressions have {@link Op#ADJOINT} leaves; no
 * expression is repeated, so the tangent program is linear in the size of what it differentiates.
 *
 * @param directions each wrt variable's tangent leaf: the part of v the caller gives for it
 * @param forward {@code leaf = expression} for each stored gate whose tangent is not zero, in evaluation order
 * @param backward {@code leaf += expression} for each adjoint contribution whose tangent is not zero, in backward order
 * @param results each wrt variable's adjoint's tangent leaf ((H v) for that variable); absent where it is zero
 */
public record Tangents(Map<Node, Node> directions, List<Step> forward, List<Step> backward, Map<Node, Node> results) {

  /** One statement of the tangent program: the leaf it writes (or adds to) and what it computes. */
  public record Step(Node leaf, Node expression) {}

  /** Forward mode alone: the tangents of the stored gates (a Jacobian-vector product). */
  public static Tangents forward(Graph g, List<Node> wrt, List<Node> gates, Predicate<Node> stored) {
    Sweep sweep = new Sweep(g, wrt);
    return new Tangents(sweep.directions(), sweep.forward(gates, stored), List.of(), sweep.results());
  }

  /** Forward-over-reverse on the gradient as the scalar emitter writes it: every gate and contribution a statement. */
  public static Tangents overGradient(Graph g, Gradient gradient) {
    Sweep sweep = new Sweep(g, gradient.wrt());
    List<Step> forward = sweep.forward(gradient.forward(), n -> true);
    List<Step> backward = new ArrayList<>();
    for (Gradient.Step s : gradient.steps()) backward.addAll(sweep.backward(s.contributions()));
    return new Tangents(sweep.directions(), forward, List.copyOf(backward), sweep.results());
  }

  /**
   * The steps of {@code forward} that {@code readers} need, directly or through other steps: the
   * output's own tangent, say, is not needed for H v. Leaves are compared by identity.
   */
  public static List<Step> needed(List<Step> forward, List<Node> readers) {
    Set<Node> wanted = new HashSet<>();
    for (Node r : readers) wanted.addAll(tangentLeaves(r));
    List<Step> kept = new ArrayList<>();
    for (int k = forward.size() - 1; k >= 0; k--) {
      Step step = forward.get(k);
      if (!wanted.contains(step.leaf())) continue;
      kept.add(0, step);
      wanted.addAll(tangentLeaves(step.expression()));
    }
    return List.copyOf(kept);
  }

  private static Set<Node> tangentLeaves(Node expression) {
    Set<Node> leaves = new HashSet<>();
    Set<Node> seen = new HashSet<>();
    List<Node> stack = new ArrayList<>(List.of(expression));
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (!seen.add(n)) continue;
      if (n.op() == Op.TANGENT) leaves.add(n);
      stack.addAll(n.args());
    }
    return leaves;
  }

  /**
   * The tangent program built piece by piece, for emitters that write it in their own groups: the
   * tangents of stored gates first, then of adjoint contributions in backward order (as the
   * reverse sweep made them: an adjoint is read only once it is complete). Each node's tangent is
   * made once; null stands for zero.
   */
  public static final class Sweep {
    private final Graph g;
    private final List<Node> wrt;
    private final Map<Node, Node> directions = new LinkedHashMap<>();
    private final Map<Node, Node> memo = new HashMap<>();
    /** The nodes whose adjoint has a tangent (some contribution to it moves with the direction). */
    private final Set<Node> movedAdjoints = new HashSet<>();

    public Sweep(Graph g, List<Node> wrt) {
      this.g = g;
      this.wrt = List.copyOf(wrt);
      for (Node v : wrt) {
        directions.put(v, g.tangent(v));
        memo.put(v, g.tangent(v));
      }
    }

    /** The tangents of the {@code stored} gates among {@code gates} (in evaluation order); the others are expanded where read. */
    public List<Step> forward(List<Node> gates, Predicate<Node> stored) {
      List<Step> steps = new ArrayList<>();
      for (Node gate : gates) {
        if (!stored.test(gate) || gate.op().isLeaf() || memo.containsKey(gate)) continue;
        Node t = expand(gate);
        memo.put(gate, t == null ? null : g.tangent(gate));
        if (t != null) steps.add(new Step(g.tangent(gate), t));
      }
      return List.copyOf(steps);
    }

    /** The tangents of these adjoint contributions, in order: {@code t(d target) += ...} for each that moves. */
    public List<Step> backward(List<Gradient.Contribution> contributions) {
      List<Step> steps = new ArrayList<>();
      for (Gradient.Contribution c : contributions) {
        Node t = of(c.expression());
        if (t == null) continue;
        movedAdjoints.add(c.target());
        steps.add(new Step(g.tangent(g.adjoint(c.target())), t));
      }
      return List.copyOf(steps);
    }

    public Map<Node, Node> directions() {
      return java.util.Collections.unmodifiableMap(directions);
    }

    /** Each wrt variable's adjoint's tangent leaf, where some step wrote it. */
    public Map<Node, Node> results() {
      Map<Node, Node> results = new LinkedHashMap<>();
      for (Node v : wrt) if (movedAdjoints.contains(v)) results.put(v, g.tangent(g.adjoint(v)));
      return results;
    }

    /** The tangent of {@code n} (null for zero), computing its unknown ancestors first in id (so topological) order, without recursion. */
    public Node of(Node n) {
      if (memo.containsKey(n)) return memo.get(n);
      List<Node> order = new ArrayList<>();
      List<Node> stack = new ArrayList<>(List.of(n));
      Set<Node> seen = new HashSet<>();
      while (!stack.isEmpty()) {
        Node m = stack.remove(stack.size() - 1);
        if (memo.containsKey(m) || !seen.add(m)) continue;
        order.add(m);
        stack.addAll(m.args());
      }
      order.sort((a, b) -> Integer.compare(a.id(), b.id()));
      for (Node m : order) memo.put(m, m.op().isLeaf() ? ofLeaf(m) : expand(m));
      return memo.get(n);
    }

    private Node ofLeaf(Node leaf) {
      return switch (leaf.op()) {
        // an input not differentiated, a number or a size does not move with the direction
        case CONSTANT, VARIABLE, DIM -> null;
        case ADJOINT -> movedAdjoints.contains(leaf.target()) ? g.tangent(leaf) : null;
        case TANGENT -> throw new IllegalStateException("a tangent of a tangent: " + leaf);
        default -> throw new IllegalStateException("not a leaf: " + leaf);
      };
    }

    /** A gate's tangent from its arguments': the sum of each moving argument's Jacobian-vector product. */
    private Node expand(Node gate) {
      Node total = null;
      for (int i = 0; i < gate.args().size(); i++) {
        Node t = of(gate.arg(i));
        if (t == null) continue;
        Node share = gate.op().jvp(i).of(g, gate, t);
        // a piecewise-constant gate (a comparison, a mask) does not move
        if (share.isConstant(0) && !share.readsNonFinite()) continue;
        // an argument broadcast into a wider result moves every element it fills
        if (!share.shape().equals(gate.shape())) share = g.broadcast(share, gate.shape());
        total = total == null ? share : g.add(total, share);
      }
      return total;
    }
  }
}
