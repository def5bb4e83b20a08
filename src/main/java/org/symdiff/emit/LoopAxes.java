package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Shape;
import org.symdiff.graph.Window;

/**
 * The axes of one loop nest and how its body indexes: one flat loop over {@code k} (a vector, or
 * an array every value of the body reads whole), or rows {@code i} and columns {@code j} when a
 * value varies along one axis only, a product or a transpose. Size-1 axes get no loop.
 */
final class LoopAxes {
  final Dim rows;
  final Dim cols;
  private final Sizes sizes;
  private final String i;
  private final String j;
  private final String k;
  private boolean nested;

  LoopAxes(Shape shape, Sizes sizes, String i, String j, String k) {
    this.rows = shape.rank() == 2 ? shape.dim(0) : Dim.ONE;
    this.cols = shape.rank() >= 1 ? shape.fromRight(0) : Dim.ONE;
    this.sizes = sizes;
    this.i = i;
    this.j = j;
    this.k = k;
  }

  /** Whether the body needs both indices: decided while the nest's values are visited, before any is written. */
  boolean nested() {
    return nested;
  }

  void nestIf(boolean needsBoth) {
    nested |= needsBoth;
  }

  boolean hasRows() {
    return !rows.isOne();
  }

  boolean hasCols() {
    return !cols.isOne();
  }

  boolean sameAxes(Shape s) {
    return rowsOf(s) == hasRows() && colsOf(s) == hasCols();
  }

  /** A value that varies along one axis of a loop over two: the loop needs both indices. */
  boolean partial(Shape s) {
    return hasRows() && hasCols() && rowsOf(s) != colsOf(s);
  }

  /** Opens the loops, with the statements each row starts with (a row's accumulators) inside the outer one. */
  void open(CodeBlock.Builder code, List<String> rowStarts) {
    if (nested) {
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, sizes.of(rows), i);
      rowStarts.forEach(code::addStatement);
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, sizes.of(cols), j);
    } else if (hasRows() || hasCols()) {
      rowStarts.forEach(code::addStatement);
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", k, k, flatSize(), k);
    } else {
      rowStarts.forEach(code::addStatement);
    }
  }

  /** Closes the loops, with the statements each row ends with (storing a row's totals). */
  void close(CodeBlock.Builder code, List<String> rowEnds) {
    if (nested) {
      code.endControlFlow();
      rowEnds.forEach(code::addStatement);
      code.endControlFlow();
    } else {
      if (hasRows() || hasCols()) code.endControlFlow();
      rowEnds.forEach(code::addStatement);
    }
  }

  /** The flat loop's trip count. */
  String flatSize() {
    return Sizes.times(hasRows() ? sizes.of(rows) : "1", hasCols() ? sizes.of(cols) : "1");
  }

  /** The row the body is at, as Java ("0" without rows). */
  String rowIndex() {
    return nested ? i : hasRows() ? k : "0";
  }

  /** The column the body is at, as Java ("0" without columns). */
  String colIndex() {
    return nested ? j : hasCols() ? k : "0";
  }

  /** The index of an element of a value of shape {@code s} (broadcast to the loop) in its own array. */
  String index(Shape s) {
    boolean r = rowsOf(s) && hasRows();
    boolean c = colsOf(s) && hasCols();
    if (!nested) return r || c ? k : "0";
    String colsOfS = sizes.of(s.fromRight(0));
    return Sizes.plus(r ? Sizes.times(i, c ? colsOfS : "1") : "0", c ? j : "0");
  }

  /**
   * The index in an array of shape {@code base} of the current element of its window of shape
   * {@code window}: the element a slice reads, or where a pad writes.
   */
  String windowed(Window w, Shape base, Shape window) {
    // the loop's coordinates in the window, by the window's own axes
    String r = window.rank() == 2 && rowsOf(window) && hasRows() ? rowIndex() : "0";
    String c = window.rank() >= 1 && colsOf(window) && (window.rank() == 2 ? hasCols() : hasRows() || hasCols())
        ? (window.rank() == 2 ? colIndex() : index(window)) : "0";
    if (base.rank() == 1) return Sizes.plus(c, Integer.toString(w.colStart()));
    String row = w.keepsRows() ? Sizes.plus(w.keepsCols() ? r : c, Integer.toString(w.rowStart()))
        : Integer.toString(w.rowStart());
    String col = w.keepsCols() ? Sizes.plus(c, Integer.toString(w.colStart())) : Integer.toString(w.colStart());
    String rowTimesCols = Sizes.times(row.contains(" ") ? "(" + row + ")" : row, sizes.of(base.dim(1)));
    return Sizes.plus(rowTimesCols, col);
  }

  /** Whether a value of shape {@code s}, broadcast to a loop, varies along the loop's rows. */
  static boolean rowsOf(Shape s) {
    return s.rank() == 2 && !s.dim(0).isOne();
  }

  static boolean colsOf(Shape s) {
    return s.rank() >= 1 && !s.fromRight(0).isOne();
  }
}
