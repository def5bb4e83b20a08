package org.symdiff.emit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * A scalar function whose sums have long regular runs ({@link SumRuns}), rebuilt for loops: each
 * run becomes a leaf, its sum, in the rest of the function (the outer part, differentiated as
 * usual with the sums among the variables), and one template window over fresh inputs, its
 * slots, differentiated by the same reverse sweep. {@link RerolledLayout} prints both: the outer
 * part straight-line, each run as a loop over its windows that adds to the sum, and backward,
 * a loop that recomputes each window and seeds it with the sum's adjoint.
 *
 * <p>Recomputing a window inside the loop is always right: a window is a pure function of its
 * inputs, and the gradient of a sum is the sum of its windows' gradients.
 */
final class Rerolled {
  /** One run as a loop: the leaf standing for its sum, the template window and its gradient, the slots it reads. */
  record Loop(SumRuns.Run run, Node sum, Node window, Gradient body, List<Node> slots, String description) {
    int trips() {
      return run.windows();
    }
  }

  final Model model;
  final Gradient gradient;
  final Gradient outer;
  final List<Loop> loops;
  final LocalNames names;
  /** The outer part's gates computed from some loop's sum, and those sums. */
  final Set<Node> afterLoops = new HashSet<>();
  /** Whether no outer backward share reads a value computed from a sum: then each loop does its window's value and gradient at once. */
  final boolean fused;

  private Rerolled(Model model, Gradient gradient, Gradient outer, List<Loop> loops, LocalNames names) {
    this.model = model;
    this.gradient = gradient;
    this.outer = outer;
    this.loops = loops;
    this.names = names;
    loops.forEach(l -> afterLoops.add(l.sum()));
    for (Node gate : outer.forward()) {
      if (gate.args().stream().anyMatch(afterLoops::contains)) afterLoops.add(gate);
    }
    boolean readsSum = false;
    Set<Node> seen = new HashSet<>(outer.forward());
    seen.removeAll(afterLoops);
    for (Gradient.Step step : outer.steps()) {
      for (Gradient.Contribution c : step.contributions()) readsSum |= reads(c.expression(), seen);
    }
    this.fused = !readsSum;
  }

  /**
   * Whether {@code e} reads a value computed from a sum: a gate of {@link #afterLoops}, or one
   * inside e; {@code seen} starts with the gates computed before the loops, which read none.
   */
  private boolean reads(Node e, Set<Node> seen) {
    if (afterLoops.contains(e)) return true;
    if (!seen.add(e)) return false;
    for (Node arg : e.args()) if (reads(arg, seen)) return true;
    return false;
  }

  /** The function rebuilt around the loops of its sums' runs, or null when it has no run. */
  static Rerolled of(Model model, Gradient gradient, List<String> parameters) {
    List<SumRuns.Chain> chains = SumRuns.find(model, gradient);
    if (chains.isEmpty()) return null;
    Graph g = model.graph();
    Map<Node, Node> rebuilt = new HashMap<>();
    List<Loop> loops = new ArrayList<>();
    List<Node> sums = new ArrayList<>();
    for (SumRuns.Chain chain : chains) {
      List<Node> items = new ArrayList<>();
      int next = 0;
      for (SumRuns.Run run : chain.runs()) {
        items.addAll(chain.summands().subList(next, run.first()));
        // a name no program can spell: the leaf is this class's own
        Node sum = g.variable("sum#" + sums.size(), Shape.SCALAR);
        sums.add(sum);
        items.add(sum);
        loops.add(template(g, run, sum, loops.size(), gradient));
        next = run.end();
      }
      items.addAll(chain.summands().subList(next, chain.summands().size()));
      Node total = items.get(0);
      for (int i = 1; i < items.size(); i++) total = g.add(total, items.get(i));
      rebuilt.put(chain.root(), total);
    }
    for (Node gate : gradient.forward()) {
      if (rebuilt.containsKey(gate)) continue;
      List<Node> args = gate.args().stream().map(a -> rebuilt.getOrDefault(a, a)).toList();
      if (!args.equals(gate.args())) rebuilt.put(gate, g.rebuild(gate, args));
    }
    List<Node> wrt = new ArrayList<>(gradient.wrt());
    wrt.addAll(sums);
    Gradient outer = ReverseSweep.differentiate(g, rebuilt.getOrDefault(gradient.output(), gradient.output()), wrt);
    Map<Node, String> programNames = new HashMap<>(model.names());
    Map<Node, String> leaves = new LinkedHashMap<>();
    for (Node sum : sums) leaves.put(sum, "sum");
    rebuilt.forEach((old, now) -> {
      String name = model.names().get(old);
      if (name == null) return;
      if (leaves.containsKey(now)) leaves.put(now, name);
      else programNames.putIfAbsent(now, name);
    });
    LocalNames names = new LocalNames(model, outer, parameters, programNames, leaves);
    List<Loop> described = new ArrayList<>();
    for (Loop loop : loops) {
      nameBody(names, loop, model);
      described.add(new Loop(loop.run(), loop.sum(), loop.window(), loop.body(), loop.slots(), description(loop, names)));
    }
    return new Rerolled(model, gradient, outer, List.copyOf(described), names);
  }

  /** The first window of {@code run} over fresh slot inputs, its summands added left to right, and its gradient. */
  private static Loop template(Graph g, SumRuns.Run run, Node sum, int index, Gradient gradient) {
    Map<Node, Node> copy = new HashMap<>();
    List<Node> slots = new ArrayList<>();
    List<Node> differentiated = new ArrayList<>();
    for (int q = 0; q < run.leaves().size(); q++) {
      Node slot = g.variable("sum#" + index + "#" + q, Shape.SCALAR);
      slots.add(slot);
      copy.put(run.leaves().get(q), slot);
      if (run.slots().get(q).grad() >= 0) differentiated.add(slot);
    }
    for (Node n : run.nodes()) {
      if (!copy.containsKey(n)) copy.put(n, g.rebuild(n, n.args().stream().map(copy::get).toList()));
    }
    Node window = copy.get(run.roots().get(0));
    for (int i = 1; i < run.roots().size(); i++) window = g.add(window, copy.get(run.roots().get(i)));
    return new Loop(run, sum, window, ReverseSweep.differentiate(g, window, differentiated), List.copyOf(slots), "");
  }

  /**
   * Names the loop body: a slot reading one input in every window takes that input's local, the
   * others are named after their inputs without the number ({@code x} for x1, x2, ...), with a
   * letter when several share it ({@code xA}, {@code xB}).
   */
  private static void nameBody(LocalNames names, Loop loop, Model model) {
    Map<Node, String> wanted = new LinkedHashMap<>();
    Map<Node, Node> sameAs = new HashMap<>();
    Map<String, Integer> bases = new HashMap<>();
    List<String> baseOf = new ArrayList<>();
    for (int q = 0; q < loop.slots().size(); q++) {
      String base = loop.run().leaves().get(q).name().replaceFirst("[0-9]+$", "");
      if (base.isEmpty()) base = "in";
      baseOf.add(base);
      if (loop.run().slots().get(q).inStride() != 0) bases.merge(base, 1, Integer::sum);
    }
    Map<String, Integer> letters = new HashMap<>();
    for (int q = 0; q < loop.slots().size(); q++) {
      Node slot = loop.slots().get(q);
      String base = baseOf.get(q);
      if (loop.run().slots().get(q).inStride() == 0) {
        sameAs.put(slot, loop.run().leaves().get(q));
        wanted.put(slot, base);
      } else {
        int letter = letters.merge(base, 1, Integer::sum) - 1;
        wanted.put(slot, bases.get(base) > 1 && letter < 26 ? base + (char) ('A' + letter) : base);
      }
    }
    names.nameLoopBody(loop.body(), wanted, sameAs, loop.sum());
  }

  /** The comment heading a loop: which summands it adds, and the k-th window as the language writes it. */
  private static String description(Loop loop, LocalNames names) {
    Map<Node, String> text = new HashMap<>();
    for (int q = 0; q < loop.slots().size(); q++) text.put(loop.slots().get(q), loop.run().slots().get(q).text());
    Syntax k = new Syntax(Syntax.Dialect.LANGUAGE, text::get);
    SumRuns.Run run = loop.run();
    String per = run.perWindow() == 1 ? "one" : Integer.toString(run.perWindow());
    return String.format("%s: summands %d to %d, %s per k = 0 .. %d: %s", names.value(loop.sum()), run.first() + 1,
        run.end(), per, run.windows() - 1, k.print(loop.window()));
  }

  /** Every node the printed code computes, for {@link Helpers}: the outer part's and the loop bodies'. */
  List<Node> loopExpressions() {
    List<Node> expressions = new ArrayList<>();
    for (Loop loop : loops) {
      expressions.add(loop.window());
      expressions.addAll(loop.body().forward());
      loop.body().steps().forEach(s -> s.contributions().forEach(c -> expressions.add(c.expression())));
    }
    return expressions;
  }
}
