package org.symdiff.graph;

import java.util.List;

/**
 * A gate of the computational graph. Nodes are made only by a {@link Graph}, which shares equal
 * nodes, so identity is equality and a node's id orders it after all of its arguments.
 */
public final class Node {
  private final int id;
  private final Op op;
  private final List<Node> args;
  private final Shape shape;
  private final double value;
  private final String name;
  private final Node target;
  private final boolean readsNonFinite;
  /** A slice's or pad's {@link Window}, packed; 0 for other nodes. */
  private final long window;

  Node(int id, Op op, List<Node> args, Shape shape, double value, String name, Node target) {
    this(id, op, args, shape, value, name, target, 0);
  }

  Node(int id, Op op, List<Node> args, Shape shape, double value, String name, Node target, long window) {
    this.window = window;
    this.id = id;
    this.op = op;
    this.args = args;
    this.shape = shape;
    this.value = value;
    this.name = name;
    this.target = target;
    boolean reads = op == Op.CONSTANT && !Double.isFinite(value);
    for (int i = 0; i < args.size(); i++) reads |= args.get(i).readsNonFinite;
    this.readsNonFinite = reads;
  }

  /** Creation order within its graph: every argument has a smaller id. */
  public int id() {
    return id;
  }

  public Op op() {
    return op;
  }

  public List<Node> args() {
    return args;
  }

  public Node arg(int i) {
    return args.get(i);
  }

  public Shape shape() {
    return shape;
  }

  /** The value of a {@link Op#CONSTANT} (every element of it). */
  public double value() {
    return value;
  }

  /** The name of a {@link Op#VARIABLE} or a {@link Op#DIM}. */
  public String name() {
    return name;
  }

  /** For an {@link Op#ADJOINT} or {@link Op#TANGENT}, the node whose adjoint or tangent it is. */
  public Node target() {
    return target;
  }

  /** Where a {@link Op#SLICE} reads from its argument, or a {@link Op#PAD} writes its argument into. */
  public Window window() {
    if (op != Op.SLICE && op != Op.PAD) throw new IllegalStateException(op + " has no window");
    return Window.of(window);
  }

  /** The packed window of a slice or pad (0 for other nodes): part of what makes two nodes equal. */
  long windowBits() {
    return window;
  }

  public boolean isConstant() {
    return op == Op.CONSTANT;
  }

  public boolean isConstant(double v) {
    return op == Op.CONSTANT && value == v;
  }

  /**
   * Whether a NaN or infinite constant is among the nodes this one is computed from (itself
   * included): a rewrite that drops such a node, as {@code 0 * x -> 0} would, could hide a NaN.
   */
  public boolean readsNonFinite() {
    return readsNonFinite;
  }

  @Override
  public String toString() {
    return switch (op) {
      case CONSTANT -> Double.toString(value);
      case VARIABLE, DIM -> name;
      case ADJOINT -> "d(" + target + ")";
      case TANGENT -> "t(" + target + ")";
      default -> op.name().toLowerCase() + args;
    };
  }
}
