package org.symdiff.graph;

/**
 * Where a slice reads from its base, numpy's basic indexing: the first position on each axis, and
 * which axes the result keeps (an axis indexed by one position, {@code A[i, :]}'s rows, is
 * dropped). The result's element at (r, c) over its kept axes is the base's at (r + rowStart,
 * c + colStart); a dropped axis stays at its start.
 */
public record Window(int rowStart, int colStart, boolean keepsRows, boolean keepsCols) {
  /** A vector's window: it keeps its one axis unless indexed by a single position. */
  public static Window ofVector(int start, boolean keeps) {
    return new Window(0, start, false, keeps);
  }

  /** Packed into the long of a node's identity. */
  long bits() {
    return (long) rowStart | ((long) colStart << 30) | (keepsRows ? 1L << 60 : 0) | (keepsCols ? 1L << 61 : 0);
  }

  static Window of(long bits) {
    return new Window((int) (bits & 0x3FFFFFFF), (int) ((bits >>> 30) & 0x3FFFFFFF), (bits & (1L << 60)) != 0,
        (bits & (1L << 61)) != 0);
  }

  /**
   * For each element of the window, row-major, the index of the base element it reads: the one
   * mapping the evaluator gathers through and scatters back through.
   */
  public int[] indices(Shape base, Shape window) {
    int baseCols = base.rank() == 2 ? base.dim(1).size() : base.rank() == 1 ? base.dim(0).size() : 1;
    int rows = keepsRows ? window.dim(0).size() : 1;
    int cols = keepsCols ? window.fromRight(0).size() : 1;
    int[] indices = new int[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) indices[r * cols + c] = (r + rowStart) * baseCols + c + colStart;
    }
    return indices;
  }
}
