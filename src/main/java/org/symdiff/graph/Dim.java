package org.symdiff.graph;

/**
 * One axis of a shape: a fixed size, or a runtime dimension ({@code dim N} without a value), whose
 * size is known per call rather than per class. Two runtime dimensions are equal only when they
 * have the same name, so {@code [N,2] + [M,2]} is a shape error, as JAX's shape polymorphism has it.
 */
public record Dim(int size, String name) {
  public static final Dim ONE = new Dim(1, null);

  public Dim {
    if (name == null && size < 1) throw new IllegalArgumentException("dimension " + size + " < 1");
    if (name != null && size != 0) throw new IllegalArgumentException("a runtime dimension has no fixed size");
  }

  public static Dim of(int size) {
    return size == 1 ? ONE : new Dim(size, null);
  }

  public static Dim runtime(String name) {
    return new Dim(0, name);
  }

  public boolean isFixed() {
    return name == null;
  }

  /** A fixed 1: the axis broadcasting stretches. A runtime dimension is never taken to be 1. */
  public boolean isOne() {
    return name == null && size == 1;
  }

  /** The fixed size; a runtime dimension has none until a call gives it. */
  public int fixed() {
    if (name != null) throw new IllegalStateException("runtime dimension " + name + " has no fixed size");
    return size;
  }

  @Override
  public String toString() {
    return name != null ? name : Integer.toString(size);
  }
}
