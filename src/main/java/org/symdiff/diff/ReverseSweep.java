package org.symdiff.diff;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Nodes;
import org.symdiff.graph.Op;

/** Reverse-mode differentiation: the chain rule applied gate by gate, once per path. */
public final class ReverseSweep {
  private ReverseSweep() {}

  /**
   * Walks the gates from {@code output} down in reverse topological order and, for every argument
   * that depends on a {@code wrt} variable, adds one contribution: local partial times the gate's
   * adjoint. An argument used by several gates, or twice by one, gets one contribution per use.
   */
  public static Gradient differentiate(Graph g, Node output, List<Node> wrt) {
    if (g.simplifier() != null) g.simplifier().forwardComputed(g);
    List<Node> forward = Nodes.reachable(output);
    BitSet live = dependsOnAny(forward, wrt);
    // the masks of nodes reached only through where's taken branches; a node with any other share is unmasked
    Map<Node, Mask> masks = new HashMap<>();
    BitSet unmasked = new BitSet();
    // gates some contribution reached: no gradient flows past a piecewise-constant gate
    BitSet reached = new BitSet();
    reached.set(output.id());
    List<Gradient.Step> steps = new ArrayList<>();
    for (int k = forward.size() - 1; k >= 0; k--) {
      Node gate = forward.get(k);
      if (gate.op().isLeaf() || !live.get(gate.id()) || !reached.get(gate.id())) continue;
      Node adjoint = g.adjoint(gate);
      Mask mask = unmasked.get(gate.id()) ? null : masks.get(gate);
      List<Gradient.Contribution> contributions = new ArrayList<>();
      for (int i = 0; i < gate.args().size(); i++) {
        Node arg = gate.arg(i);
        if (!live.get(arg.id())) continue;
        Node share = gate.op().vjp(i).of(g, gate, adjoint);
        // a piecewise-constant argument (a comparison's, where's condition) contributes nothing
        if (share.isConstant(0) && !share.readsNonFinite()) continue;
        // an elementwise gate's shares have its own shape, which the mask covers; a share that is
        // the adjoint itself (a sum's, a negation's) is masked already and passes the mask on, to an
        // argument of the gate's shape (a broadcast one gets a sum of masked shares, no mask of its own)
        boolean masked = mask != null && mask != Mask.MIXED && gate.op().isElementwise();
        boolean adjointItself = share == adjoint || (share.op() == Op.NEGATE && share.arg(0) == adjoint);
        boolean passesOn = masked && adjointItself && arg.shape().equals(gate.shape());
        if (masked && !adjointItself) share = mask.apply(g, share);
        // an argument broadcast into a wider result gets the sum over the broadcast axes
        if (!share.shape().equals(arg.shape())) share = g.sumTo(share, arg.shape());
        contributions.add(new Gradient.Contribution(arg, share));
        reached.set(arg.id());
        Mask selected = passesOn ? mask : Mask.of(share);
        if (selected == Mask.MIXED) unmasked.set(arg.id());
        else masks.merge(arg, selected, Mask::join);
      }
      steps.add(new Gradient.Step(gate, List.copyOf(contributions)));
    }
    List<Node> gates = forward.stream().filter(n -> !n.op().isLeaf()).toList();
    return new Gradient(output, List.copyOf(wrt), gates, List.copyOf(steps));
  }

  /**
   * At least how many contributions {@link #differentiate} makes, counted without building any:
   * the sweep gives every argument of a reached sum, difference or negation that depends on
   * {@code wrt} a share, the adjoint or its negation, which is never zero, so counting those of
   * the gates reached from {@code output} through such gates alone undercounts only. Exact for a
   * function that is a sum of its inputs.
   */
  public static long contributionsAtLeast(Node output, List<Node> wrt) {
    List<Node> forward = Nodes.reachable(output);
    BitSet live = dependsOnAny(forward, wrt);
    BitSet reached = new BitSet();
    reached.set(output.id());
    long contributions = 0;
    for (int k = forward.size() - 1; k >= 0; k--) {
      Node gate = forward.get(k);
      Op op = gate.op();
      if ((op != Op.ADD && op != Op.SUBTRACT && op != Op.NEGATE) || !live.get(gate.id()) || !reached.get(gate.id())) continue;
      for (Node arg : gate.args()) {
        if (!live.get(arg.id())) continue;
        contributions++;
        reached.set(arg.id());
      }
    }
    return contributions;
  }

  /**
   * The condition every contribution to a node's adjoint is selected by: {@code where(c, share, 0)}
   * (or {@code where(c, 0, share)} for the other branch). A node reached only through the taken
   * branch of a {@code where} masks its own shares the same way, so a local derivative that is
   * NaN or infinite where the branch is not taken (sqrt' at x < 0) is never multiplied into the
   * gradient: the mask selects 0 instead, as the generated {@code c ? a : b} does without computing it.
   */
  private record Mask(Node condition, boolean taken) {
    /** Contributions that disagree, or are not masked: the node's shares are left as they are. */
    static final Mask MIXED = new Mask(null, false);

    /** The mask a share is selected by, or MIXED if none. */
    static Mask of(Node share) {
      if (share.op() != Op.WHERE) return MIXED;
      if (share.arg(2).isConstant(0)) return new Mask(share.arg(0), true);
      if (share.arg(1).isConstant(0)) return new Mask(share.arg(0), false);
      return MIXED;
    }

    /** Two masks met at one node. */
    static Mask join(Mask a, Mask b) {
      return a.equals(b) ? a : MIXED;
    }

    Node apply(Graph g, Node share) {
      if (share.isConstant(0) || (share.op() == Op.WHERE && share.arg(0) == condition)) return share;
      return taken ? g.where(condition, share, g.zero()) : g.where(condition, g.zero(), share);
    }
  }

  /** The ids of nodes in {@code nodes} (id-ordered) that depend differentiably on some {@code wrt} variable. */
  private static BitSet dependsOnAny(List<Node> nodes, List<Node> wrt) {
    BitSet live = new BitSet();
    for (Node v : wrt) live.set(v.id());
    for (Node n : nodes) {
      if (n.op().isPiecewiseConstant()) continue;
      for (Node arg : n.args()) if (live.get(arg.id())) live.set(n.id());
    }
    return live;
  }
}
