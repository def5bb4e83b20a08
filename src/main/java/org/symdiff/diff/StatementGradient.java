package org.symdiff.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Nodes;
import org.symdiff.graph.Op;

/**
 * The backward program by statements, as a person writes it: one adjoint per value the program
 * named, each statement's gates folded into the contributions to the values it reads. The gates of
 * a statement are split into regions, each rooted at a <em>boundary</em> node: a value the program
 * named, a gate that several statements or regions use, or one whose rule reads its adjoint twice. A region's internal adjoints are
 * substituted into its contributions (so {@code X1 = X @ W1 + b1} gives {@code dW1 = transpose(X) @ dX1}
 * with no copy of {@code dX1} for the product), and each region adds one contribution per boundary
 * node it reads.
 *
 * @param forward every gate the output or a named value needs, in evaluation order
 * @param regions from the output down; each region's contributions are ready when its turn comes
 * @param boundary the region roots and the inputs: the values whose adjoints are stored
 */
public record StatementGradient(Gradient gradient, List<Node> forward, List<Region> regions, Set<Node> boundary,
    Map<Node, Model.Assignment> owners) {

  /**
   * The backward work of one region: {@code d<target> += expression} for each contribution, in
   * order; an expression reads no adjoint but its root's (for the output's region, none: it is 1).
   */
  public record Region(Node root, Model.Assignment statement, List<Gradient.Contribution> contributions) {}

  public static StatementGradient of(Model model, Gradient gradient) {
    List<Node> roots = new ArrayList<>(List.of(gradient.output()));
    roots.addAll(model.names().keySet());
    List<Node> forward = Nodes.reachable(roots).stream().filter(n -> !n.op().isLeaf()).toList();
    Map<Node, Model.Assignment> owners = owners(model, forward);
    Map<Node, Node> regionOf = regionRoots(model, forward, owners, gradient.output());
    Set<Node> boundary = new HashSet<>(regionOf.values());
    List<Region> regions = regions(model.graph(), gradient, regionOf, owners);
    return new StatementGradient(gradient, forward, regions, boundary, owners);
  }

  /** The statement that computes each gate: the first whose lowering made it. */
  private static Map<Node, Model.Assignment> owners(Model model, List<Node> forward) {
    Map<Node, Model.Assignment> owners = new HashMap<>();
    int next = 0;
    List<Model.Assignment> assignments = model.assignments();
    for (Node gate : forward) {
      // gates come in id order and statements own increasing id ranges
      while (next < assignments.size() && assignments.get(next).endNode() <= gate.id()) next++;
      if (next < assignments.size() && assignments.get(next).owns(gate)) owners.put(gate, assignments.get(next));
    }
    return owners;
  }

  /**
   * Each gate's region root. Roots are the named values, the output, gates used by another
   * statement, and gates two regions of one statement share. Walking down from the latest gate,
   * each gate learns its region from its users, so one pass decides it.
   */
  private static Map<Node, Node> regionRoots(Model model, List<Node> forward, Map<Node, Model.Assignment> owners,
      Node output) {
    Map<Node, List<Node>> users = new HashMap<>();
    for (Node gate : forward) for (Node arg : gate.args()) users.computeIfAbsent(arg, a -> new ArrayList<>()).add(gate);
    Map<Node, Node> regionOf = new HashMap<>();
    for (int k = forward.size() - 1; k >= 0; k--) {
      Node gate = forward.get(k);
      Node root = null;
      // a gate whose rule reads its adjoint twice roots a region, so that adjoint is stored, not computed twice
      boolean shared = gate == output || model.names().containsKey(gate) || gate.op().rereadsAdjoint();
      for (Node user : users.getOrDefault(gate, List.of())) {
        Node userRoot = regionOf.get(user);
        shared |= owners.get(user) != owners.get(gate) || (root != null && userRoot != root);
        root = userRoot;
      }
      regionOf.put(gate, shared || root == null ? gate : root);
    }
    return regionOf;
  }

  /** Folds each region's steps into its contributions; regions come out latest root first. */
  private static List<Region> regions(Graph g, Gradient gradient, Map<Node, Node> regionOf,
      Map<Node, Model.Assignment> owners) {
    int firstAdjoint = gradient.steps().stream().mapToInt(s -> g.adjoint(s.gate()).id()).min().orElse(Integer.MAX_VALUE);
    Map<Node, Folding> foldings = new LinkedHashMap<>();
    for (Gradient.Step step : gradient.steps()) {
      Node gate = step.gate();
      Node root = regionOf.get(gate);
      Folding folding = foldings.computeIfAbsent(root, r -> new Folding(g, firstAdjoint, r,
          r == gradient.output() ? g.constant(1, r.shape()) : g.adjoint(r)));
      for (Gradient.Contribution c : step.contributions()) {
        Node share = folding.fold(c.expression());
        Node target = c.target();
        boolean outside = target.op().isLeaf() || regionOf.get(target) == target || regionOf.get(target) != root;
        (outside ? folding.shares : folding.internal).merge(target, share, g::add);
      }
    }
    List<Region> regions = new ArrayList<>();
    foldings.entrySet().stream().sorted((a, b) -> Integer.compare(b.getKey().id(), a.getKey().id())).forEach(e -> {
      List<Gradient.Contribution> contributions = new ArrayList<>();
      e.getValue().shares.forEach((target, share) -> contributions.add(new Gradient.Contribution(target, share)));
      regions.add(new Region(e.getKey(), owners.get(e.getKey()), List.copyOf(contributions)));
    });
    return regions;
  }

  /**
   * One region's adjoints: the internal gates' totals, substituted for their adjoint leaves as
   * contributions are read (every user of a gate has a higher id, so its total is complete by then).
   */
  private static final class Folding {
    final Graph g;
    final int firstAdjoint;
    final Node root;
    final Node rootAdjoint;
    final Map<Node, Node> internal = new HashMap<>();
    final Map<Node, Node> shares = new LinkedHashMap<>();
    final Map<Node, Node> memo = new HashMap<>();

    Folding(Graph g, int firstAdjoint, Node root, Node rootAdjoint) {
      this.g = g;
      this.firstAdjoint = firstAdjoint;
      this.root = root;
      this.rootAdjoint = rootAdjoint;
    }

    /** Nodes older than the first adjoint hold none and are returned as they are. */
    Node fold(Node expression) {
      if (expression.id() < firstAdjoint) return expression;
      Node done = memo.get(expression);
      if (done != null) return done;
      List<Node> order = new ArrayList<>();
      List<Node> stack = new ArrayList<>(List.of(expression));
      Set<Node> seen = new HashSet<>();
      while (!stack.isEmpty()) {
        Node n = stack.remove(stack.size() - 1);
        if (n.id() < firstAdjoint || memo.containsKey(n) || !seen.add(n)) continue;
        order.add(n);
        stack.addAll(n.args());
      }
      order.sort((a, b) -> Integer.compare(a.id(), b.id()));
      for (Node n : order) memo.put(n, foldOne(n));
      return memo.get(expression);
    }

    private Node foldOne(Node n) {
      if (n.op() == Op.ADJOINT) {
        if (n.target() == root) return rootAdjoint;
        Node total = internal.get(n.target());
        if (total == null) throw new IllegalStateException("adjoint of " + n.target() + " read before it is known");
        return total;
      }
      if (n.op().isLeaf()) return n;
      List<Node> args = new ArrayList<>();
      boolean same = true;
      for (Node arg : n.args()) {
        Node folded = arg.id() < firstAdjoint ? arg : memo.get(arg);
        args.add(folded);
        same &= folded == arg;
      }
      return same ? n : g.rebuild(n, args);
    }
  }
}
