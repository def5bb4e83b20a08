package org.symdiff.emit;

import java.util.List;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Nodes;

/**
 * What {@link JavaEmitter#emit} refuses for its size, refused before the gradient is built where
 * that is already certain: the gates are known, and {@link ReverseSweep#contributionsAtLeast}
 * bounds the contributions from below, so what this refuses could not fit (the sum of 10^6
 * inputs is refused after parsing and lowering, without differentiating a million gates).
 */
public final class JavaLimits {
  private JavaLimits() {}

  /** Refuses a scalar function whose class surely passes {@link JavaEmitter#MAX_STATEMENTS}; names too long first, as emit does. */
  public static void requireFits(Model model, List<Node> wrt) {
    JavaEmitter.requireShortNames(model);
    List<Node> gates = Nodes.reachable(model.output()).stream().filter(n -> !n.op().isLeaf()).toList();
    if (!model.hasScalarOutput() || JavaEmitter.isArrayClass(model, gates)) return;
    long contributions = ReverseSweep.contributionsAtLeast(model.output(), wrt);
    long statements = gates.size() + contributions;
    if (statements > JavaEmitter.MAX_STATEMENTS) {
      throw new SourceError(model.source(), Span.NONE, String.format("%s needs at least %,d Java statements (%,d gates and"
          + " at least %,d adjoint contributions); a generated class holds at most %,d: use --emit json or --emit expr, or"
          + " write the function over arrays (an input x[n] and sum(...) become loops)", model.outputName(),
          statements, gates.size(), contributions, JavaEmitter.MAX_STATEMENTS));
    }
  }
}
