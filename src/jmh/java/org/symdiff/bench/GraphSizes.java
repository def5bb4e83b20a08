package org.symdiff.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.ast.Source;
import org.symdiff.diff.ClosedForm;
import org.symdiff.diff.Gradient;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Lowering;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.parse.ProgramParser;

/**
 * Prints, for each size of {@link PipelineScaling}'s programs, how big each stage's output is:
 * no swell means every column grows like the first. The closed form is counted twice: as the
 * shared graph symdiff builds, and as the tree a printer would write out (which may swell).
 * Run through the bench profile with {@code -Dbench.main=org.symdiff.bench.GraphSizes}; arguments
 * are sizes (default 1000 10000 100000 1000000).
 */
public final class GraphSizes {
  private GraphSizes() {}

  public static void main(String[] args) {
    List<Integer> sizes = new ArrayList<>();
    for (String a : args) sizes.add(Integer.parseInt(a));
    if (sizes.isEmpty()) sizes = List.of(1_000, 10_000, 100_000, 1_000_000);
    System.out.println("| size | inputs | forward gates | contributions | backward nodes | closed-form DAG nodes"
        + " | closed-form tree nodes | generated Java lines |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int size : sizes) System.out.println(row(size));
  }

  private static String row(int size) {
    Source source = new Source("scaling-" + size + ".sd", ScalingSource.program(size, PipelineScaling.SEED));
    Model model = Lowering.lower(ProgramParser.parse(source));
    Graph graph = model.graph();
    int beforeSweep = graph.nodes().size();
    Gradient gradient = PipelineScaling.differentiate(model);
    int backwardNodes = graph.nodes().size() - beforeSweep;
    int contributions = gradient.steps().stream().mapToInt(s -> s.contributions().size()).sum();
    Collection<Node> closedForm = ClosedForm.of(graph, gradient).partials().values();
    long javaLines = JavaEmitter.emit(model, gradient, "bench", "Scaling").lines().count();
    return String.format("| %,d | %,d | %,d | %,d | %,d | %,d | %.3g | %,d |", size, model.inputs().size(),
        gradient.forward().size(), contributions, backwardNodes, dagSize(closedForm),
        treeSize(graph, closedForm), javaLines);
  }

  /** Distinct nodes reachable from the roots: what the closed form costs as a shared graph. */
  private static int dagSize(Iterable<Node> roots) {
    BitSet seen = new BitSet();
    List<Node> stack = new ArrayList<>();
    roots.forEach(stack::add);
    int count = 0;
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (seen.get(n.id())) continue;
      seen.set(n.id());
      count++;
      stack.addAll(n.args());
    }
    return count;
  }

  /** Nodes of the roots written out as trees (shared parts repeated), as a double: it may be huge. */
  private static double treeSize(Graph graph, Iterable<Node> roots) {
    Map<Node, Double> size = new HashMap<>();
    for (Node n : graph.nodes()) {
      double s = 1;
      for (Node arg : n.args()) s += size.get(arg);
      size.put(n, s);
    }
    double total = 0;
    for (Node root : roots) total += size.get(root);
    return total;
  }
}
