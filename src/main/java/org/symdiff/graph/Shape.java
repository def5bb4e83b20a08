package org.symdiff.graph;

import java.util.List;

/** A value's shape: {@code []} a scalar, {@code [n]} a vector, {@code [m,n]} a matrix (row-major). */
public record Shape(List<Integer> dims) {
  public static final Shape SCALAR = new Shape(List.of());

  /** The most elements one array may have: 2^27 doubles, 1 GiB, well inside Java's array limit. */
  public static final long MAX_SIZE = 1L << 27;

  public Shape {
    dims = List.copyOf(dims);
    if (dims.size() > 2) throw new IllegalArgumentException("rank " + dims.size() + " > 2");
    long size = 1;
    for (int d : dims) {
      if (d < 1) throw new IllegalArgumentException("dimension " + d + " < 1");
      size *= d;
    }
    if (size > MAX_SIZE) {
      throw new ShapeException(dims.toString().replace(" ", "") + " has " + size + " elements; at most " + MAX_SIZE
          + " are supported");
    }
  }

  public static Shape of(int... dims) {
    return new Shape(java.util.Arrays.stream(dims).boxed().toList());
  }

  public int rank() {
    return dims.size();
  }

  public boolean isScalar() {
    return dims.isEmpty();
  }

  public int size() {
    int size = 1;
    for (int d : dims) size *= d;
    return size;
  }

  /** Dimension {@code i} counted from the right (0 = last); 1 where the shape has no such axis. */
  public int fromRight(int i) {
    return i < rank() ? dims.get(rank() - 1 - i) : 1;
  }

  /** The numpy broadcast of two shapes, or null when they do not broadcast. */
  public static Shape broadcast(Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = a.fromRight(i);
      int db = b.fromRight(i);
      if (da != db && da != 1 && db != 1) return null;
      out[rank - 1 - i] = Math.max(da, db);
    }
    return of(out);
  }

  /**
   * For each flat index of {@code out}, the flat index of this shape's element that numpy
   * broadcasting reads there. This shape must broadcast to {@code out}.
   */
  public int[] broadcastIndex(Shape out) {
    int[] index = new int[out.size()];
    int rows = out.fromRight(1);
    int cols = out.fromRight(0);
    boolean keepRows = fromRight(1) != 1;
    boolean keepCols = fromRight(0) != 1;
    int stride = fromRight(0);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        index[i * cols + j] = (keepRows ? i * stride : 0) + (keepCols ? j : 0);
      }
    }
    return index;
  }

  @Override
  public String toString() {
    return dims.toString().replace(" ", "");
  }
}
