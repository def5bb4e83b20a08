package org.symdiff.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds nodes and shares equal ones (hash-consing): asking twice for {@code x + y} returns the same
 * node, so work grows with the number of distinct subexpressions. Unless made {@link #unsimplified()},
 * every node is offered to its {@link Rewriter} (the simplifier) as it is built, so no unsimplified
 * node is stored.
 */
public final class Graph {
  private final java.util.BitSet pinned = new java.util.BitSet();
  private int pins;
  private final List<Node> nodes = new ArrayList<>();
  /** Equal nodes are shared: each is found here by its key (op, argument ids, shape, constant bits, name). */
  private final Interned interned = new Interned(nodes);
  private final Rewriter simplifier;

  /** A graph whose nodes {@code simplifier} rewrites as they are built. */
  public Graph(Rewriter simplifier) {
    this.simplifier = simplifier;
  }

  /** A graph that stores exactly what it is asked for: the reference for simplifier tests. */
  public static Graph unsimplified() {
    return new Graph(null);
  }

  /** The simplifier in use, or null for an {@link #unsimplified()} graph. */
  public Rewriter simplifier() {
    return simplifier;
  }

  /** A new, empty graph that simplifies as this one does. */
  public Graph fresh() {
    return new Graph(simplifier == null ? null : simplifier.fresh());
  }

  /** Every node made so far, in creation (hence topological) order. */
  public List<Node> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /**
   * Marks a node the user named: the simplifier treats it as an atom and never rewrites through
   * it, so {@code invden = 1 / den; f = num * invden} keeps {@code invden}.
   */
  public void pin(Node node) {
    if (!pinned.get(node.id())) pins++;
    pinned.set(node.id());
  }

  /** How many nodes are pinned: what a rewrite has to look through changes only when this does. */
  public int pinCount() {
    return pins;
  }

  public boolean isPinned(Node node) {
    return pinned.get(node.id());
  }

  // ---- leaves

  public Node constant(double value) {
    return constant(value, Shape.SCALAR);
  }

  /** A constant of the given shape, every element {@code value}. */
  public Node constant(double value, Shape shape) {
    long bits = Double.doubleToLongBits(value);
    int hash = Interned.hash(Op.CONSTANT, -1, -1, shape, bits, null);
    Node found = interned.find(hash, Op.CONSTANT, -1, -1, shape, bits, null);
    return found != null ? found : made(hash, new Node(nodes.size(), Op.CONSTANT, List.of(), shape, value, null, null));
  }

  public Node variable(String name, Shape shape) {
    return leaf(Op.VARIABLE, shape, name, null);
  }

  /** The size of the runtime dimension {@code name}, a scalar known per call. */
  public Node dimension(String name) {
    return leaf(Op.DIM, Shape.SCALAR, name, null);
  }

  /** The number of elements of {@code shape}: a constant, or a product with runtime dimensions. */
  public Node size(Shape shape) {
    long fixed = 1;
    Node size = null;
    for (Dim d : shape.dims()) {
      if (d.isFixed()) fixed *= d.size();
      else size = size == null ? dimension(d.name()) : mul(size, dimension(d.name()));
    }
    if (size == null) return constant(fixed);
    return fixed == 1 ? size : mul(constant(fixed), size);
  }

  /** The adjoint of {@code of}: a leaf standing for d(output)/d(of) in backward expressions. */
  public Node adjoint(Node of) {
    return leaf(Op.ADJOINT, of.shape(), null, of);
  }

  /** The tangent of {@code of} (a gate, a variable or an adjoint) along a direction: a leaf of forward-mode expressions. */
  public Node tangent(Node of) {
    return leaf(Op.TANGENT, of.shape(), null, of);
  }

  /** A variable or dimension (by name), or an adjoint or tangent (of its target). */
  private Node leaf(Op op, Shape shape, String name, Node target) {
    int first = target == null ? -1 : target.id();
    int hash = Interned.hash(op, first, -1, shape, 0, name);
    Node found = interned.find(hash, op, first, -1, shape, 0, name);
    return found != null ? found : made(hash, new Node(nodes.size(), op, List.of(), shape, 0, name, target));
  }

  // ---- gates

  /** The node {@code op(args)}, simplified and shared; throws {@link ShapeException}. */
  public Node apply(Op op, Node... args) {
    return apply(op, List.of(args));
  }

  public Node apply(Op op, List<Node> args) {
    return apply(op, null, args);
  }

  /** {@code op(args)} with the result shape given, as {@link Op#isShaped() shaped ops} need. */
  public Node apply(Op op, Shape target, List<Node> args) {
    if (op.isWindowed()) throw new IllegalArgumentException(op + " needs a window: use slice or pad");
    if (op.isLeaf() || args.size() != op.arity() || op.isShaped() != (target != null)) {
      throw new IllegalArgumentException(op + " takes " + op.arity() + " arguments, not " + args.size());
    }
    Shape shape = op.isShaped() ? Shapes.shaped(op, args.get(0).shape(), target) : Shapes.infer(op, args);
    if (simplifier != null) {
      Node simpler = simplifier.simplify(this, op, shape, args);
      if (simpler != null) {
        if (simpler.shape().equals(shape)) return simpler;
        if (simpler.isConstant()) return constant(simpler.value(), shape);
      }
    }
    int first = args.get(0).id();
    int second = args.size() > 1 ? args.get(1).id() : -1;
    long third = args.size() > 2 ? args.get(2).id() : 0;
    int hash = Interned.hash(op, first, second, shape, third, null);
    Node found = interned.find(hash, op, first, second, shape, third, null);
    return found != null ? found : made(hash, new Node(nodes.size(), op, List.copyOf(args), shape, 0, null, null));
  }

  /** The same gate as {@code node} over new arguments (leaves are returned as they are). */
  public Node rebuild(Node node, List<Node> args) {
    if (node.op().isLeaf()) return node;
    if (node.op() == Op.SLICE) return slice(args.get(0), node.window(), node.shape());
    if (node.op() == Op.PAD) return pad(args.get(0), node.window(), node.shape());
    return apply(node.op(), node.op().isShaped() ? node.shape() : null, args);
  }

  /** Stores a node just made, whose key {@link Interned#find} did not find. */
  private Node made(int hash, Node node) {
    nodes.add(node);
    return interned.add(hash, node);
  }

  // ---- builders named after the language, for rules and rewrites

  public Node zero() {
    return constant(0);
  }

  public Node one() {
    return constant(1);
  }

  public Node add(Node a, Node b) {
    return apply(Op.ADD, a, b);
  }

  public Node sub(Node a, Node b) {
    return apply(Op.SUBTRACT, a, b);
  }

  public Node mul(Node a, Node b) {
    return apply(Op.MULTIPLY, a, b);
  }

  public Node div(Node a, Node b) {
    return apply(Op.DIVIDE, a, b);
  }

  public Node pow(Node a, Node b) {
    return apply(Op.POWER, a, b);
  }

  public Node neg(Node a) {
    return apply(Op.NEGATE, a);
  }

  public Node square(Node a) {
    return pow(a, constant(2));
  }

  public Node matmul(Node a, Node b) {
    return apply(Op.MATMUL, a, b);
  }

  public Node transpose(Node a) {
    return apply(Op.TRANSPOSE, a);
  }

  public Node outer(Node a, Node b) {
    return apply(Op.OUTER, a, b);
  }

  /** {@code a} summed down to {@code shape} (which must broadcast to a's shape). */
  public Node sumTo(Node a, Shape shape) {
    return apply(Op.SUM_TO, shape, List.of(a));
  }

  /** {@code a} repeated up to {@code shape}. */
  public Node broadcast(Node a, Shape shape) {
    return apply(Op.BROADCAST, shape, List.of(a));
  }

  /**
   * The window of {@code a} of shape {@code shape} (its kept axes' lengths) starting where
   * {@code window} says; the whole of {@code a} is {@code a} itself.
   */
  public Node slice(Node a, Window window, Shape shape) {
    if (shape.equals(a.shape()) && window.rowStart() == 0 && window.colStart() == 0) return a;
    if (a.isConstant()) return constant(a.value(), shape);
    return windowed(Op.SLICE, a, window, shape);
  }

  /** {@code a} placed at {@code window} in zeros of {@code shape}: the inverse of {@link #slice}. */
  public Node pad(Node a, Window window, Shape shape) {
    if (shape.equals(a.shape()) && window.rowStart() == 0 && window.colStart() == 0) return a;
    if (a.isConstant(0) && !a.readsNonFinite()) return constant(0, shape);
    return windowed(Op.PAD, a, window, shape);
  }

  private Node windowed(Op op, Node a, Window window, Shape shape) {
    long bits = window.bits();
    int hash = Interned.hash(op, a.id(), -1, shape, bits, null);
    Node found = interned.find(hash, op, a.id(), -1, shape, bits, null);
    return found != null ? found : made(hash, new Node(nodes.size(), op, List.of(a), shape, 0, null, null, bits));
  }

  /** {@code where(condition, a, b)}: a where the condition is nonzero, else b. */
  public Node where(Node condition, Node a, Node b) {
    return apply(Op.WHERE, condition, a, b);
  }

  /** The largest element of {@code a} down to {@code shape}: all of it for [], each row's for [m,1]. */
  public Node maxTo(Node a, Shape shape) {
    return apply(Op.MAX_TO, shape, List.of(a));
  }

  public Node sum(Node a) {
    return sumTo(a, Shape.SCALAR);
  }
}
