package org.symdiff.diff;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Nodes;

/** Reverse-mode differentiation: the chain rule applied gate by gate, once per path. */
public final class ReverseSweep {
  private ReverseSweep() {}

  /**
   * Walks the gates from {@code output} down in reverse topological order and, for every argument
   * that depends on a {@code wrt} variable, adds one contribution: local partial times the gate's
   * adjoint. An argument used by several gates, or twice by one, gets one contribution per use.
   */
  public static Gradient differentiate(Graph g, Node output, List<Node> wrt) {
    List<Node> forward = Nodes.reachable(output);
    BitSet live = dependsOnAny(forward, wrt);
    List<Gradient.Step> steps = new ArrayList<>();
    for (int k = forward.size() - 1; k >= 0; k--) {
      Node gate = forward.get(k);
      if (gate.op().isLeaf() || !live.get(gate.id())) continue;
      Node adjoint = g.adjoint(gate);
      List<Gradient.Contribution> contributions = new ArrayList<>();
      for (int i = 0; i < gate.args().size(); i++) {
        Node arg = gate.arg(i);
        if (!live.get(arg.id())) continue;
        Node share = gate.op().vjp(i).of(g, gate, adjoint);
        // an argument broadcast into a wider result gets the sum over the broadcast axes
        if (!share.shape().equals(arg.shape())) share = g.sumTo(share, arg.shape());
        contributions.add(new Gradient.Contribution(arg, share));
      }
      steps.add(new Gradient.Step(gate, List.copyOf(contributions)));
    }
    List<Node> gates = forward.stream().filter(n -> !n.op().isLeaf()).toList();
    return new Gradient(output, List.copyOf(wrt), gates, List.copyOf(steps));
  }

  /** The ids of nodes in {@code nodes} (id-ordered) that depend on some {@code wrt} variable. */
  private static BitSet dependsOnAny(List<Node> nodes, List<Node> wrt) {
    BitSet live = new BitSet();
    for (Node v : wrt) live.set(v.id());
    for (Node n : nodes) {
      for (Node arg : n.args()) if (live.get(arg.id())) live.set(n.id());
    }
    return live;
  }
}
