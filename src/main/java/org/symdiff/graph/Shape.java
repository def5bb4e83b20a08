package org.symdiff.graph;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A value's shape: {@code []} a scalar, {@code [n]} a vector, {@code [m,n]} a matrix (row-major).
 * An axis may be a runtime dimension ({@code [N,2]}); such a shape has no fixed {@link #size()}.
 */
public record Shape(List<Dim> dims) {
  public static final Shape SCALAR = new Shape(List.of());

  /** The most elements one array may have: 2^27 doubles, 1 GiB, well inside Java's array limit. */
  public static final long MAX_SIZE = 1L << 27;

  public Shape {
    dims = List.copyOf(dims);
    if (dims.size() > 2) throw new IllegalArgumentException("rank " + dims.size() + " > 2");
    long size = 1;
    for (Dim d : dims) if (d.isFixed()) size *= d.size();
    if (size > MAX_SIZE) {
      throw new ShapeException(dims.toString().replace(" ", "") + " has " + size + " elements; at most " + MAX_SIZE
          + " are supported");
    }
  }

  public static Shape of(int... dims) {
    return new Shape(Arrays.stream(dims).mapToObj(Dim::of).toList());
  }

  public static Shape of(Dim... dims) {
    return new Shape(List.of(dims));
  }

  public int rank() {
    return dims.size();
  }

  public boolean isScalar() {
    return dims.isEmpty();
  }

  public Dim dim(int i) {
    return dims.get(i);
  }

  /** Whether every axis has a fixed size (no runtime dimension). */
  public boolean isFixed() {
    return dims.stream().allMatch(Dim::isFixed);
  }

  /** The number of elements; only for a {@link #isFixed() fixed} shape. */
  public int size() {
    int size = 1;
    for (Dim d : dims) size *= d.fixed();
    return size;
  }

  /** The fixed length of axis {@code i}. */
  public int length(int i) {
    return dims.get(i).fixed();
  }

  /** Dimension {@code i} counted from the right (0 = last); 1 where the shape has no such axis. */
  public Dim fromRight(int i) {
    return i < rank() ? dims.get(rank() - 1 - i) : Dim.ONE;
  }

  /** The numpy broadcast of two shapes, or null when they do not broadcast. */
  public static Shape broadcast(Shape a, Shape b) {
    // what the loop below gives for these, without a new shape per scalar gate
    if (b.isScalar() || a.equals(b)) return a;
    if (a.isScalar()) return b;
    int rank = Math.max(a.rank(), b.rank());
    Dim[] out = new Dim[rank];
    for (int i = 0; i < rank; i++) {
      Dim da = a.fromRight(i);
      Dim db = b.fromRight(i);
      if (!da.equals(db) && !da.isOne() && !db.isOne()) return null;
      out[rank - 1 - i] = da.isOne() ? db : da;
    }
    return of(out);
  }

  /**
   * For each flat index of {@code out}, the flat index of this shape's element that numpy
   * broadcasting reads there. This shape must broadcast to {@code out}; both must be fixed.
   */
  public int[] broadcastIndex(Shape out) {
    int[] index = new int[out.size()];
    int rows = out.fromRight(1).fixed();
    int cols = out.fromRight(0).fixed();
    boolean keepRows = !fromRight(1).isOne();
    boolean keepCols = !fromRight(0).isOne();
    int stride = fromRight(0).fixed();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        index[i * cols + j] = (keepRows ? i * stride : 0) + (keepCols ? j : 0);
      }
    }
    return index;
  }

  @Override
  public String toString() {
    return dims.stream().map(Dim::toString).collect(Collectors.joining(",", "[", "]"));
  }
}
