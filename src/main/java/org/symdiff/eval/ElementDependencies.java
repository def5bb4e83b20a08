package org.symdiff.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.eval.ChainRulePaths.Element;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * Which elements of its arguments one element of a gate's value is computed from, op by op: the
 * same element (broadcast) for elementwise gates, a row and a column for a matrix product, the whole
 * row for softmax, and so on. Shapes are fixed (an instance's). This is the structure of the
 * element-level graph on which the chain rule sums over paths.
 */
final class ElementDependencies {

  private final Map<List<Node>, int[]> broadcasts = new HashMap<>();
  private final Map<Node, List<List<Integer>>> sums = new HashMap<>();

  /** The argument elements element {@code k} of {@code gate} reads (constants and runtime sizes left out). */
  List<Element> of(Node gate, int k) {
    List<Element> deps = new ArrayList<>();
    Shape out = gate.shape();
    switch (gate.op()) {
      case MATMUL -> matmul(gate, k, deps);
      case TRANSPOSE -> {
        Node a = gate.arg(0);
        if (a.shape().rank() < 2) {
          deps.add(new Element(a, k));
        } else {
          int m = a.shape().length(0);
          int n = a.shape().length(1);
          deps.add(new Element(a, (k % m) * n + k / m));
        }
      }
      case OUTER -> {
        int n = out.length(1);
        deps.add(new Element(gate.arg(0), k / n));
        deps.add(new Element(gate.arg(1), k % n));
      }
      case SOFTMAX, LOGSUMEXP -> {
        Node a = gate.arg(0);
        int n = a.shape().fromRight(0).fixed();
        int row = gate.op() == Op.SOFTMAX ? k / n : k;
        for (int j = 0; j < n; j++) deps.add(new Element(a, row * n + j));
      }
      case SLICE -> deps.add(new Element(gate.arg(0), gate.window().indices(gate.arg(0).shape(), out)[k]));
      case PAD -> {
        int[] to = gate.window().indices(out, gate.arg(0).shape());
        for (int e = 0; e < to.length; e++) if (to[e] == k) deps.add(new Element(gate.arg(0), e));
      }
      case SUM_TO, MAX_TO -> {
        for (int e : sums.computeIfAbsent(gate, this::summands).get(k)) deps.add(new Element(gate.arg(0), e));
      }
      default -> {
        for (Node a : gate.args()) {
          int[] index = broadcasts.computeIfAbsent(List.of(a, gate), p -> a.shape().broadcastIndex(out));
          deps.add(new Element(a, index[k]));
        }
      }
    }
    deps.removeIf(e -> e.node().isConstant() || e.node().op() == Op.DIM);
    return deps;
  }

  private static void matmul(Node gate, int k, List<Element> deps) {
    Node a = gate.arg(0);
    Node b = gate.arg(1);
    int inner = a.shape().length(a.shape().rank() - 1);
    int cols = b.shape().rank() == 2 ? b.shape().length(1) : 1;
    int i = b.shape().rank() == 2 ? k / cols : k;
    int j = b.shape().rank() == 2 ? k % cols : 0;
    for (int p = 0; p < inner; p++) {
      deps.add(new Element(a, a.shape().rank() == 2 ? i * inner + p : p));
      deps.add(new Element(b, b.shape().rank() == 2 ? p * cols + j : p));
    }
  }

  /** For each element of a sum, the elements of its argument that add up to it. */
  private List<List<Integer>> summands(Node sum) {
    int[] target = sum.shape().broadcastIndex(sum.arg(0).shape());
    List<List<Integer>> summands = new ArrayList<>();
    for (int k = 0; k < sum.shape().size(); k++) summands.add(new ArrayList<>());
    for (int e = 0; e < target.length; e++) summands.get(target[e]).add(e);
    return summands;
  }
}
