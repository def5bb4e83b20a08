package org.symdiff.emit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Finds the regular runs of a scalar function's sums, which {@link Rerolled} writes as loops. A
 * sum is a chain of additions (each inner one used by the next only, and not named by the
 * program); its summands, taken {@code p} consecutive at a time, form windows. A run is at least
 * {@link #MIN_WINDOWS} consecutive windows that are the same computation (the same operations and
 * constants, shared alike) over inputs whose positions are affine in the window's number k: the
 * window's j-th distinct input sits at {@code in[a + s k]} (s may be 0: one input all windows
 * share), and so does its partial in {@code grad}.
 */
final class SumRuns {
  /** Fewer windows are left straight-line: a loop pays only where it replaces enough code. */
  static final int MIN_WINDOWS = 16;
  /** The most summands one window takes. */
  static final int MAX_PER_WINDOW = 4;
  /** The most nodes one window may have; larger summands are left straight-line. */
  private static final int MAX_WINDOW_NODES = 500;

  /** One distinct input of a window: its position in {@code in}, and in {@code grad} (-1 when not differentiated). */
  record Slot(int in, int inStride, int grad, int gradStride, String text) {}

  /**
   * {@code windows} windows of {@code perWindow} summands from summand {@code first} of the sum;
   * {@code nodes} are the first window's, in post-order from {@code roots}, whose distinct inputs
   * are {@code leaves}, described by {@code slots}.
   */
  record Run(int first, int perWindow, int windows, List<Node> roots, List<Node> nodes, List<Node> leaves, List<Slot> slots) {
    int end() {
      return first + perWindow * windows;
    }
  }

  /** A sum with at least one run: its root, summands in order and runs, in order. */
  record Chain(Node root, List<Node> summands, List<Run> runs) {}

  private final Model model;
  private final Node output;
  private final Map<Node, Integer> inputIndex = new HashMap<>();
  private final Map<Node, Integer> wrtIndex = new HashMap<>();
  /** How many arguments of the forward gates each node is. */
  private final Map<Node, Integer> uses = new HashMap<>();
  /** The additions some addition takes as an argument. */
  private final Set<Node> addends = new HashSet<>();

  private SumRuns(Model model, Gradient gradient) {
    this.model = model;
    this.output = gradient.output();
    for (int i = 0; i < model.inputs().size(); i++) inputIndex.put(model.inputs().get(i), i);
    for (int i = 0; i < gradient.wrt().size(); i++) wrtIndex.put(gradient.wrt().get(i), i);
    for (Node gate : gradient.forward()) {
      for (Node arg : gate.args()) {
        uses.merge(arg, 1, Integer::sum);
        if (gate.op() == Op.ADD && arg.op() == Op.ADD) addends.add(arg);
      }
    }
  }

  /** The sums of {@code gradient}'s forward gates that have runs, in evaluation order of their roots. */
  static List<Chain> find(Model model, Gradient gradient) {
    SumRuns finder = new SumRuns(model, gradient);
    List<Chain> chains = new ArrayList<>();
    for (Node gate : gradient.forward()) {
      if (gate.op() != Op.ADD || finder.isInner(gate)) continue;
      List<Node> summands = finder.summands(gate);
      if (summands.size() < MIN_WINDOWS) continue;
      List<Run> runs = finder.runs(summands);
      if (!runs.isEmpty()) chains.add(new Chain(gate, summands, runs));
    }
    return chains;
  }

  /** An addition whose only use is as an argument of the next addition of its chain, and that has no name. */
  private boolean isInner(Node gate) {
    return gate.op() == Op.ADD && gate != output && uses.getOrDefault(gate, 0) == 1 && addends.contains(gate)
        && !model.names().containsKey(gate) && !model.graph().isPinned(gate);
  }

  /** The summands of the chain rooted at {@code root}, left to right (iteratively: chains nest thousands deep). */
  private List<Node> summands(Node root) {
    List<Node> summands = new ArrayList<>();
    Deque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n == root || isInner(n)) {
        stack.push(n.arg(1));
        stack.push(n.arg(0));
      } else {
        summands.add(n);
      }
    }
    return summands;
  }

  /** The runs of the best window size: the one covering the most summands, the smaller on a tie. */
  private List<Run> runs(List<Node> summands) {
    List<Run> best = List.of();
    int covered = 0;
    for (int p = 1; p <= MAX_PER_WINDOW && p * MIN_WINDOWS <= summands.size(); p++) {
      List<Run> runs = runs(summands, p);
      int c = runs.stream().mapToInt(r -> r.perWindow() * r.windows()).sum();
      if (c > covered) {
        best = runs;
        covered = c;
      }
    }
    return best;
  }

  /** Runs of windows of {@code p} summands, found left to right. */
  private List<Run> runs(List<Node> summands, int p) {
    Map<Integer, Window> windows = new HashMap<>();
    List<Run> runs = new ArrayList<>();
    int i = 0;
    while (i + p * MIN_WINDOWS <= summands.size()) {
      Window first = windows.computeIfAbsent(i, from -> window(summands, from, p));
      int count = 0;
      if (first != null) {
        count = 1;
        while (i + p * (count + 1) <= summands.size()) {
          Window next = windows.computeIfAbsent(i + p * count, from -> window(summands, from, p));
          if (next == null || !next.code.equals(first.code) || !affine(windows, i, p, count)) break;
          count++;
        }
      }
      if (count >= MIN_WINDOWS) {
        runs.add(run(windows, i, p, count));
        i += p * count;
      } else {
        i++;
      }
    }
    return runs;
  }

  /** Whether window {@code count} of the run from {@code i} has its inputs where windows 0 and 1 say. */
  private boolean affine(Map<Integer, Window> windows, int i, int p, int count) {
    if (count == 1) return true;
    List<Node> w0 = windows.get(i).leaves;
    List<Node> w1 = windows.get(i + p).leaves;
    List<Node> wk = windows.get(i + p * count).leaves;
    for (int q = 0; q < w0.size(); q++) {
      if (!affine(inputIndex, w0.get(q), w1.get(q), wk.get(q), count) || !affine(wrtIndex, w0.get(q), w1.get(q), wk.get(q), count)) {
        return false;
      }
    }
    return true;
  }

  /** Whether position(k) = position(0) + k (position(1) - position(0)); -1 (absent) must stay absent. */
  private static boolean affine(Map<Node, Integer> index, Node first, Node second, Node kth, int k) {
    int a = index.getOrDefault(first, -1);
    int b = index.getOrDefault(second, -1);
    int c = index.getOrDefault(kth, -1);
    if (a < 0 || b < 0 || c < 0) return a < 0 && b < 0 && c < 0;
    return c == a + (long) k * (b - a);
  }

  private Run run(Map<Integer, Window> windows, int i, int p, int count) {
    Window w0 = windows.get(i);
    Window w1 = windows.get(i + p);
    List<Slot> slots = new ArrayList<>();
    for (int q = 0; q < w0.leaves.size(); q++) {
      int slot = q;
      List<Node> inputs = IntStream.range(0, count).mapToObj(w -> windows.get(i + p * w).leaves.get(slot)).toList();
      int in = inputIndex.get(inputs.get(0));
      int grad = wrtIndex.getOrDefault(inputs.get(0), -1);
      slots.add(new Slot(in, inputIndex.get(inputs.get(1)) - in, grad, grad < 0 ? 0 : wrtIndex.get(inputs.get(1)) - grad,
          text(inputs)));
    }
    // in the order of the inputs, as a person would name and read them
    List<Integer> order = new ArrayList<>();
    for (int q = 0; q < slots.size(); q++) order.add(q);
    order.sort(java.util.Comparator.comparingInt(q -> slots.get(q).in()));
    return new Run(i, p, count, w0.roots, w0.nodes, order.stream().map(w0.leaves::get).toList(),
        order.stream().map(slots::get).toList());
  }

  private static final Pattern NUMBERED = Pattern.compile("(.*[^0-9])([1-9][0-9]{0,8})");

  /**
   * How the k-th window's input reads in a comment: {@code x(2k+1)} for x1, x3, x5, ...; the
   * name itself when every window reads the same; else its place, {@code in[k+20]}.
   */
  private String text(List<Node> inputs) {
    Node first = inputs.get(0);
    if (first == inputs.get(1)) return first.name();
    Matcher a = NUMBERED.matcher(first.name());
    Matcher b = NUMBERED.matcher(inputs.get(1).name());
    if (a.matches() && b.matches() && a.group(1).equals(b.group(1))) {
      long start = Long.parseLong(a.group(2));
      long step = Long.parseLong(b.group(2)) - start;
      boolean affine = true;
      for (int k = 0; k < inputs.size() && affine; k++) affine = inputs.get(k).name().equals(a.group(1) + (start + k * step));
      if (affine) return a.group(1) + "(" + affineText(start, step) + ")";
    }
    int in = inputIndex.get(first);
    return "in[" + affineText(in, inputIndex.get(inputs.get(1)) - in) + "]";
  }

  /** {@code a + s k} as a comment writes it: 2k+1, k, 7-k. */
  static String affineText(long a, long s) {
    String k = s == 1 ? "k" : s == -1 ? "-k" : s + "k";
    if (s == 0) return Long.toString(a);
    if (a == 0) return k;
    return s < 0 ? a + k : k + "+" + a;
  }

  /**
   * One window, as a code that is equal for windows computing the same thing: per node in
   * post-order its operation, its constant or its input's slot, and its arguments' places.
   */
  private record Window(List<Long> code, List<Node> roots, List<Node> nodes, List<Node> leaves) {}

  /** The window of summands {@code [from, from + p)}, or null when it holds what a loop cannot take. */
  private Window window(List<Node> summands, int from, int p) {
    List<Node> roots = summands.subList(from, from + p);
    Map<Node, Integer> place = new HashMap<>();
    List<Node> nodes = new ArrayList<>();
    List<Node> leaves = new ArrayList<>();
    List<Long> code = new ArrayList<>();
    Deque<Node> stack = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>();
    for (Node root : roots) {
      if (!place.containsKey(root)) {
        stack.push(root);
        next.push(0);
      }
      while (!stack.isEmpty()) {
        Node n = stack.peek();
        int arg = next.pop();
        if (arg < n.args().size()) {
          next.push(arg + 1);
          Node a = n.arg(arg);
          if (!place.containsKey(a)) {
            stack.push(a);
            next.push(0);
          }
          continue;
        }
        stack.pop();
        if (place.containsKey(n)) continue;
        if (!loopable(n) || nodes.size() >= MAX_WINDOW_NODES) return null;
        place.put(n, nodes.size());
        nodes.add(n);
        code.add((long) n.op().ordinal());
        if (n.isConstant()) code.add(Double.doubleToLongBits(n.value()));
        if (n.op() == Op.VARIABLE) {
          code.add((long) leaves.size());
          leaves.add(n);
        }
        for (Node a : n.args()) code.add((long) place.get(a));
      }
      code.add(-1L - place.get(root));
    }
    return new Window(code, List.copyOf(roots), nodes, leaves);
  }

  /** A node a loop body can compute: a scalar input, constant or gate, and no value the program named. */
  private boolean loopable(Node n) {
    if (!n.shape().isScalar() || model.names().containsKey(n) || model.graph().isPinned(n)) return false;
    if (n.op() == Op.VARIABLE) return inputIndex.containsKey(n);
    return !n.op().isLeaf() || n.isConstant();
  }
}
