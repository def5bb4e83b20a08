package org.symdiff.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Program;
import org.symdiff.ast.Source;
import org.symdiff.ast.Span;

/**
 * A lowered program: its graph, its inputs in declaration order (for an expression, its free names
 * in natural order: x, x2, x10), which of them are params, the outputs, the names the program
 * gave to gates, its assignments in source order and its runtime dimensions.
 */
public final class Model {
  private final Program program;
  private final Graph graph;
  private final List<Node> inputs;
  private final List<Node> params;
  private final List<Output> outputs;
  private final Map<Node, String> names;
  private final List<Assignment> assignments;
  private final List<String> runtimeDims;
  private final Map<String, Node> inputsByName = new HashMap<>();

  /**
   * One assignment (or the bare expression that ends a program) as lowered: its name, its
   * expression as written and as a node, where it was written, and the ids of the nodes its lowering created, {@code [firstNode, endNode)}:
   * the gates this statement computes (a gate equal to an earlier one is the earlier statement's).
   */
  public record Assignment(String name, Expr written, Node value, Span span, String text, int firstNode, int endNode) {
    public boolean owns(Node n) {
      return n.id() >= firstNode && n.id() < endNode;
    }
  }

  /** A value the program outputs, by the name it was given there. */
  public record Output(String name, Node value) {}

  Model(Program program, Graph graph, List<Node> inputs, List<Node> params, List<Output> outputs,
      Map<Node, String> names, List<Assignment> assignments, List<String> runtimeDims) {
    this.program = program;
    this.graph = graph;
    this.inputs = List.copyOf(inputs);
    this.params = List.copyOf(params);
    this.outputs = List.copyOf(outputs);
    this.names = Map.copyOf(names);
    this.assignments = List.copyOf(assignments);
    this.runtimeDims = List.copyOf(runtimeDims);
    for (Node input : inputs) inputsByName.put(input.name(), input);
  }

  public Source source() {
    return program.source();
  }

  public Program program() {
    return program;
  }

  public Graph graph() {
    return graph;
  }

  public List<Node> inputs() {
    return inputs;
  }

  public List<Node> params() {
    return params;
  }

  /** The output; of a program with several, the first (see {@link #hasScalarOutput}). */
  public Node output() {
    return outputs.get(0).value();
  }

  public String outputName() {
    return outputs.get(0).name();
  }

  /** The outputs in the order given: one scalar, several scalars, or one vector or matrix. */
  public List<Output> outputs() {
    return outputs;
  }

  /** Whether the program has one scalar output, which a gradient is of; else it has a Jacobian. */
  public boolean hasScalarOutput() {
    return outputs.size() == 1 && output().shape().isScalar();
  }

  /** The names the program gave to gates (its assignments' values). */
  public Map<Node, String> names() {
    return names;
  }

  public List<Assignment> assignments() {
    return assignments;
  }

  /** The runtime dimensions ({@code dim N} without a value), in declaration order. */
  public List<String> runtimeDims() {
    return runtimeDims;
  }

  /** What to differentiate by default: every param, or every input when no param is declared. */
  public List<Node> defaultWrt() {
    return params.isEmpty() ? inputs : params;
  }

  public Node input(String name) {
    return inputsByName.get(name);
  }

  /**
   * This program with its runtime dimensions fixed to {@code sizes} (every one of them must be
   * given): a model of fixed shapes that the interpreter can run. Without runtime dimensions, itself.
   */
  public Model instantiate(Map<String, Integer> sizes) {
    if (runtimeDims.isEmpty()) return this;
    if (!sizes.keySet().containsAll(runtimeDims)) {
      throw new IllegalArgumentException("sizes " + sizes + " do not fix every runtime dimension of " + runtimeDims);
    }
    return Lowering.lower(program, sizes, graph().fresh());
  }
}
