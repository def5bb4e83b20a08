package org.symdiff.emit;

import org.symdiff.graph.Dim;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;
import org.symdiff.graph.Window;

/**
 * The text {@link Syntax} takes from a node's own data rather than from its operands: a constant
 * in each dialect, a window as subscripts, a reduction's name. Apart from the printer because they
 * need none of its state, and {@link Latex} writes windows the same way.
 */
final class Spellings {
  private Spellings() {}

  /** A constant; the language spells NaN and the infinities as the quotients that make them. */
  static String constant(double v, Syntax.Dialect dialect) {
    if (dialect == Syntax.Dialect.JAVA) return Numbers.javaLiteral(v);
    if (Double.isNaN(v)) return "0 / 0";
    if (Double.isInfinite(v)) return v > 0 ? "1 / 0" : "-1 / 0";
    return Numbers.shortest(v);
  }

  /** A slice's window as numpy subscripts, {@code 1:4} or {@code 2, 0:3}; of a pad, where its argument goes. */
  static String subscripts(Node n) {
    Window w = n.window();
    Shape base = n.op() == Op.SLICE ? n.arg(0).shape() : n.shape();
    Shape window = n.op() == Op.SLICE ? n.shape() : n.arg(0).shape();
    if (base.rank() == 1) return axis(w.colStart(), w.keepsCols(), window, 0);
    return axis(w.rowStart(), w.keepsRows(), window, 0) + ", "
        + axis(w.colStart(), w.keepsCols(), window, w.keepsRows() ? 1 : 0);
  }

  private static String axis(int start, boolean kept, Shape window, int axis) {
    if (!kept) return Integer.toString(start);
    Dim length = window.dim(axis);
    // a runtime-sized axis is only ever taken whole
    return length.isFixed() ? start + ":" + (start + length.size()) : ":";
  }

  /** The language's name for summing, or taking the largest element, down to this node's shape. */
  static String reduction(Node n) {
    if (n.op() == Op.MAX_TO) return n.shape().isScalar() ? "max" : "rowmax";
    if (n.shape().isScalar()) return "sum";
    return n.shape().rank() == 2 && n.shape().dim(1).isOne() && !n.arg(0).shape().fromRight(0).isOne()
        ? "rowsum" : "colsum";
  }
}
