package org.symdiff.graph;

import java.util.List;
import java.util.Map;
import org.symdiff.ast.Source;

/**
 * A lowered program: its graph, its inputs in declaration order (for an expression, its free names
 * in natural order: x, x2, x10), which of them are params, the scalar output and the names the
 * program gave to gates.
 */
public record Model(Source source, Graph graph, List<Node> inputs, List<Node> params, Node output,
    String outputName, Map<Node, String> names) {

  /** What to differentiate by default: every param, or every input when no param is declared. */
  public List<Node> defaultWrt() {
    return params.isEmpty() ? inputs : params;
  }

  public Node input(String name) {
    return inputs.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
  }
}
