package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import org.symdiff.emit.Slot.Mode;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * Writes fused loops: one loop nest over a shape computes several results at once, each an
 * expression of elementwise gates with numpy broadcasting, inline matrix and outer products,
 * transposed views, and at its root possibly a reduction. Stored values are read through their
 * slots; anything the loop cannot compute element by element (a whole-array operation, a value of
 * another shape, a scalar) is first computed before the loop by {@link Values#materialize}.
 * A subexpression used twice in the body is computed once into a local. Size-1 axes get no loop
 * and no index term: a loop over {@code [N,1]} is a loop over N. Each nest is a {@link LoopNest};
 * this class holds what the nests share.
 */
final class Loops {
  /** Where the loop reads values, and how values it cannot compute inline are made first. */
  interface Values {
    /** The slot of a stored value, input, adjoint or materialized node; null if there is none. */
    Slot slot(Node n);

    /** Computes {@code n} before the current loop (a kernel, or a loop of its own) and returns its slot. */
    Slot materialize(Node n);
  }

  /** {@code dest (=|+=) expression}; a {@code SUM_TO} expression into a narrower dest is a reduction. */
  record Request(Slot dest, Node expression, Mode mode) {}

  // read by each LoopNest
  final CodeBlock.Builder code;
  final Sizes sizes;
  final LocalNames names;
  final Values values;
  final String i;
  final String j;
  final String k;
  final String p;
  final OpTally ops;

  Loops(CodeBlock.Builder code, Sizes sizes, LocalNames names, Values values, OpTally ops, String i, String j, String k,
      String p) {
    this.code = code;
    this.ops = ops;
    this.sizes = sizes;
    this.names = names;
    this.values = values;
    this.i = i;
    this.j = j;
    this.k = k;
    this.p = p;
  }

  /** The shape a request's loop runs over: its expression's, or a reduction's or a pad's argument's. */
  static Shape loopShape(Node expression) {
    return isReduction(expression) || expression.op() == Op.PAD ? expression.arg(0).shape() : expression.shape();
  }

  /** A sum or a maximum down to a narrower shape: the loop runs over its argument and folds into the result. */
  static boolean isReduction(Node expression) {
    return expression.op() == Op.SUM_TO || expression.op() == Op.MAX_TO;
  }

  /** Sets {@code dest} to zero, all of it. */
  void clear(Slot dest) {
    if (!dest.array()) {
      code.addStatement("$L = 0.0", dest.name());
    } else if (dest.shape().isScalar() || dest.shape().isFixed() && dest.shape().size() == 1) {
      code.addStatement("$L = 0.0", dest.at("0"));
    } else {
      code.addStatement("$T.fill($L, 0, $L, 0.0)", java.util.Arrays.class, dest.name(), sizes.size(dest.shape()));
    }
  }

  /** Sets what lies outside a pad's window of {@code dest} to zero: a vector's two ends, else all of it. */
  void clearOutside(Slot dest, Node pad) {
    if (pad.shape().rank() != 1 || !pad.window().keepsCols()) {
      clear(dest);
      return;
    }
    int start = pad.window().colStart();
    String end = Sizes.plus(sizes.of(pad.arg(0).shape().dim(0)), Integer.toString(start));
    String length = sizes.size(dest.shape());
    if (start == 1) code.addStatement("$L = 0.0", dest.at("0"));
    if (start > 1) code.addStatement("$T.fill($L, 0, $L, 0.0)", java.util.Arrays.class, dest.name(), start);
    if (!end.equals(length)) code.addStatement("$T.fill($L, $L, $L, 0.0)", java.util.Arrays.class, dest.name(), end, length);
  }

  /** Writes one loop nest over {@code shape} for all {@code requests} (each of that loop shape). */
  void write(Shape shape, List<Request> requests) {
    LoopNest nest = new LoopNest(this, shape);
    for (Request r : requests) nest.visit(r.expression(), r.dest());
    nest.write(requests);
  }
}
