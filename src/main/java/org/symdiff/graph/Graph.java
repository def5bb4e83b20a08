package org.symdiff.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.simplify.Simplifier;

/**
 * Builds nodes and shares equal ones (hash-consing): asking twice for {@code x + y} returns the same
 * node, so work grows with the number of distinct subexpressions. Unless made {@link #unsimplified()},
 * every node is offered to the {@link Simplifier} as it is built, so no unsimplified node is stored.
 */
public final class Graph {
  private record Key(Op op, List<Integer> argIds, Shape shape, long bits, String name) {}

  private final Map<Key, Node> interned = new HashMap<>();
  private final java.util.BitSet pinned = new java.util.BitSet();
  private final List<Node> nodes = new ArrayList<>();
  private final Simplifier simplifier;

  public Graph() {
    this.simplifier = new Simplifier();
  }

  private Graph(Simplifier simplifier) {
    this.simplifier = simplifier;
  }

  /** A graph that stores exactly what it is asked for: the reference for simplifier tests. */
  public static Graph unsimplified() {
    return new Graph(null);
  }

  /** The simplifier in use, or null for an {@link #unsimplified()} graph. */
  public Simplifier simplifier() {
    return simplifier;
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
    pinned.set(node.id());
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
    return intern(new Key(Op.CONSTANT, List.of(), shape, Double.doubleToLongBits(value), null),
        id -> new Node(id, Op.CONSTANT, List.of(), shape, value, null, null));
  }

  public Node variable(String name, Shape shape) {
    return intern(new Key(Op.VARIABLE, List.of(), shape, 0, name),
        id -> new Node(id, Op.VARIABLE, List.of(), shape, 0, name, null));
  }

  /** The adjoint of {@code of}: a leaf standing for d(output)/d(of) in backward expressions. */
  public Node adjoint(Node of) {
    return intern(new Key(Op.ADJOINT, List.of(of.id()), of.shape(), 0, null),
        id -> new Node(id, Op.ADJOINT, List.of(), of.shape(), 0, null, of));
  }

  // ---- gates

  /** The node {@code op(args)}, simplified and shared; throws {@link ShapeException}. */
  public Node apply(Op op, Node... args) {
    return apply(op, List.of(args));
  }

  public Node apply(Op op, List<Node> args) {
    if (op.isLeaf() || args.size() != op.arity()) {
      throw new IllegalArgumentException(op + " takes " + op.arity() + " arguments, not " + args.size());
    }
    Shape shape = inferShape(op, args);
    if (simplifier != null) {
      Node simpler = simplifier.simplify(this, op, args);
      if (simpler != null) {
        if (simpler.shape().equals(shape)) return simpler;
        if (simpler.isConstant()) return constant(simpler.value(), shape);
      }
    }
    List<Integer> ids = args.stream().map(Node::id).toList();
    List<Node> copy = List.copyOf(args);
    return intern(new Key(op, ids, shape, 0, null), id -> new Node(id, op, copy, shape, 0, null, null));
  }

  /** The same gate as {@code node} over new arguments (leaves are returned as they are). */
  public Node rebuild(Node node, List<Node> args) {
    return node.op().isLeaf() ? node : apply(node.op(), args);
  }

  private static Shape inferShape(Op op, List<Node> args) {
    if (args.size() == 1) return args.get(0).shape();
    Shape a = args.get(0).shape();
    Shape b = args.get(1).shape();
    Shape out = Shape.broadcast(a, b);
    if (out == null) {
      throw new ShapeException("shapes " + a + " and " + b + " do not broadcast");
    }
    return out;
  }

  private Node intern(Key key, java.util.function.IntFunction<Node> make) {
    Node node = interned.get(key);
    if (node == null) {
      node = make.apply(nodes.size());
      nodes.add(node);
      interned.put(key, node);
    }
    return node;
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
}
