package org.symdiff.eval;

import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * What evaluating a gradient holds in memory, so that a run which cannot fit is refused before it
 * starts rather than dying of an OutOfMemoryError minutes later. The interpreter keeps a value
 * for every node it computes and an adjoint for every node the backward pass reaches; this bound
 * counts every node of the graph twice, plus the copies of the inputs a point and (for
 * {@code --check}) a moved point make, at 8 bytes a number and a little per node.
 */
public final class Footprint {
  private static final long BYTES_PER_NODE = 200;

  private Footprint() {}

  /** The bytes evaluating {@code gradient} at a point needs, by the bound above. */
  public static long bytes(Model model, Gradient gradient, boolean check) {
    long numbers = 0;
    for (Node n : model.graph().nodes()) numbers += 2L * n.shape().size();
    long inputs = model.inputs().stream().mapToLong(n -> n.shape().size()).sum();
    numbers += (check ? 4 : 2) * inputs;
    if (check) numbers += gradient.forward().stream().mapToLong(n -> n.shape().size()).sum();
    return 8 * numbers + BYTES_PER_NODE * model.graph().nodes().size();
  }

  /** Throws a {@link SourceError} naming the limit when {@link #bytes} is more than this JVM may still allocate. */
  public static void requireFits(Model model, Gradient gradient, boolean check) {
    Runtime runtime = Runtime.getRuntime();
    long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    long needed = bytes(model, gradient, check);
    if (needed > available) {
      throw new SourceError(model.source(), Span.NONE, String.format(
          "evaluating %s needs about %s for its values and adjoints, more than the %s this Java may still use"
              + " (its heap limit is %s); give it more with JAVA_TOOL_OPTIONS=-Xmx<size>, or use smaller arrays",
          model.outputName(), size(needed), size(available), size(runtime.maxMemory())));
    }
  }

  private static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format("%.1f GB", bytes / (double) (1L << 30))
        : String.format("%d MB", Math.max(1, bytes >> 20));
  }
}
