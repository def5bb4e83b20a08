package org.symdiff.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.symdiff.ast.Program;
import org.symdiff.ast.Source;
import org.symdiff.diff.ClosedForm;
import org.symdiff.diff.Gradient;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Lowering;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.parse.ProgramParser;
import org.symdiff.simplify.Simplifier;

/**
 * The companion of {@link PipelineScaling} for a shared machine: the same programs and stages,
 * timed in CPU time of the working thread (best of a few runs after a warm-up), which other
 * people's load hardly moves, and the size of what each stage builds, which no load moves at all.
 * Run through the bench profile with {@code -Dbench.main=org.symdiff.bench.Scaling}; arguments are
 * sizes (default 1000 10000 100000 1000000).
 */
public final class Scaling {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String[] STAGES = {"parse", "lower", "differentiate", "emitJava", "closedForm"};

  private Scaling() {}

  public static void main(String[] args) {
    List<Integer> sizes = new ArrayList<>();
    for (String a : args) sizes.add(Integer.parseInt(a));
    if (sizes.isEmpty()) sizes = List.of(1_000, 10_000, 100_000, 1_000_000);
    for (int i = 0; i < 10; i++) run(10_000, new long[STAGES.length]);

    List<String> sizeRows = new ArrayList<>();
    System.out.println("| size | " + String.join(" | ", STAGES) + " |  (CPU ns per forward gate)");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    for (int size : sizes) {
      long[] best = new long[STAGES.length];
      java.util.Arrays.fill(best, Long.MAX_VALUE);
      Run last = null;
      for (int r = 0; r < (size >= 1_000_000 ? 1 : 3); r++) last = run(size, best);
      StringBuilder row = new StringBuilder(String.format("| %,d |", size));
      for (long nanos : best) row.append(String.format(" %,.0f |", (double) nanos / last.gates));
      System.out.println(row);
      sizeRows.add(last.sizes);
    }
    System.out.println();
    System.out.println("| size | inputs | forward gates | contributions | backward nodes | closed-form DAG nodes"
        + " | closed-form tree nodes | generated Java lines |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    sizeRows.forEach(System.out::println);
  }

  /** What one run of the pipeline built, counted. */
  private record Run(int gates, String sizes) {}

  /** Runs every stage once on a fresh program, lowering each stage's best CPU time in {@code best}. */
  private static Run run(int size, long[] best) {
    Source source = new Source("scaling-" + size + ".sd", ScalingSource.program(size, PipelineScaling.SEED));
    Program program = timed(best, 0, () -> ProgramParser.parse(source));
    Model model = timed(best, 1, () -> Lowering.lower(program, Simplifier.graph()));
    Graph graph = model.graph();
    int beforeSweep = graph.nodes().size();
    Gradient gradient = timed(best, 2, () -> PipelineScaling.differentiate(model));
    int backwardNodes = graph.nodes().size() - beforeSweep;
    String java = timed(best, 3, () -> JavaEmitter.emit(model, gradient, "bench", "Scaling"));
    ClosedForm closedForm = timed(best, 4, () -> ClosedForm.of(graph, gradient));
    Collection<Node> partials = closedForm.partials().values();
    int contributions = gradient.steps().stream().mapToInt(s -> s.contributions().size()).sum();
    String sizes = String.format("| %,d | %,d | %,d | %,d | %,d | %,d | %.3g | %,d |", size, model.inputs().size(),
        gradient.forward().size(), contributions, backwardNodes, dagSize(partials), treeSize(graph, partials),
        java.lines().count());
    return new Run(gradient.forward().size(), sizes);
  }

  private static <T> T timed(long[] best, int stage, Supplier<T> work) {
    long start = THREADS.getCurrentThreadCpuTime();
    T result = work.get();
    best[stage] = Math.min(best[stage], THREADS.getCurrentThreadCpuTime() - start);
    return result;
  }

  /** Distinct nodes reachable from the roots: what the closed form costs as a shared graph. */
  private static int dagSize(Collection<Node> roots) {
    BitSet seen = new BitSet();
    List<Node> stack = new ArrayList<>(roots);
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
  private static double treeSize(Graph graph, Collection<Node> roots) {
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
