package org.symdiff.emit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.diff.ClosedForm;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * {@code --emit expr}: one line per variable, {@code df/dx = <expression in our language>}. For a
 * scalar model each line is closed-form over the inputs. For a program over vectors and matrices,
 * the adjoints of the program's named values get lines of their own first, so each line reads like
 * the notes: {@code dX1 = step(X1) * (dX2 @ transpose(W2))}, {@code dL/dW1 = transpose(X) @ dX1}.
 */
public final class ExprEmitter {
  /** A line longer than this is factored: its shared subexpressions get names of their own. */
  static final long LONG_LINE = 10_000;
  /** Shared subexpressions shorter than this are repeated rather than named. */
  static final long MIN_NAMED_SIZE = 40;
  /** While factoring, a part longer than this is named even if used once, so no line gets long. */
  static final long MAX_PART_SIZE = 120;

  private ExprEmitter() {}

  public static String emit(Model model, Gradient gradient) {
    return emit(model, gradient, model.outputName());
  }

  /** The lines of {@code gradient}, the gradient of the output named {@code output}. */
  static String emit(Model model, Gradient gradient, String output) {
    boolean matrices = model.graph().nodes().stream().anyMatch(n -> !n.shape().isScalar());
    ClosedForm form = ClosedForm.of(model.graph(), gradient, n -> matrices && model.names().containsKey(n));
    Map<Node, String> names = new HashMap<>();
    if (matrices) {
      model.names().forEach(names::put);
      form.definitions().keySet().forEach(n -> names.put(model.graph().adjoint(n), "d" + model.names().get(n)));
    }
    List<Node> roots = new ArrayList<>(form.definitions().values());
    roots.addAll(form.partials().values());
    Map<Node, String> shared = factor(roots, names, model);
    names.putAll(shared);
    Syntax syntax = new Syntax(Syntax.Dialect.LANGUAGE, names::get);
    StringBuilder out = new StringBuilder();
    if (!shared.isEmpty()) out.append("# shared subexpressions, named to keep the lines short\n");
    shared.forEach((n, name) -> out.append(name).append(" = ").append(syntax.definition(n)).append('\n'));
    form.definitions().forEach((n, value) -> out.append('d').append(model.names().get(n)).append(" = ")
        .append(syntax.print(value)).append('\n'));
    form.partials().forEach((v, value) -> out.append('d').append(output).append("/d")
        .append(v.name()).append(" = ").append(syntax.print(value)).append('\n'));
    return out.toString();
  }

  /**
   * Printed as trees, expressions that share subexpressions can grow exponentially. When some line
   * would pass {@link #LONG_LINE} characters, every subexpression used more than once and longer
   * than {@link #MIN_NAMED_SIZE}, and any longer than {@link #MAX_PART_SIZE}, gets a name
   * ({@code t1}, {@code t2}, ...), defined before its first use, so the output grows linearly with
   * the graph and no line is long. Returns those names, in definition order.
   */
  static Map<Node, String> factor(List<Node> roots, Map<Node, String> named, Model model) {
    // per node id (an argument's is smaller than its node's): arrays, not maps, for a million nodes
    int ids = roots.stream().mapToInt(Node::id).max().orElse(-1) + 1;
    int[] uses = new int[ids];
    List<Node> nodes = new ArrayList<>();
    List<Node> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (++uses[n.id()] > 1 || named.containsKey(n)) continue;
      nodes.add(n);
      stack.addAll(n.args());
    }
    nodes.sort(Comparator.comparingInt(Node::id));
    Map<Node, String> shared = new LinkedHashMap<>();
    // what a node not walked (a named one) prints as: a name, counted 8 characters
    long[] size = new long[ids];
    Arrays.fill(size, 8);
    Set<String> taken = new HashSet<>(model.names().values());
    model.inputs().forEach(input -> taken.add(input.name()));
    boolean factoring = false;
    for (int pass = 0; pass < 2 && !(pass == 1 && !factoring); pass++) {
      int next = 1;
      for (Node n : nodes) {
        long length = n.op().isLeaf() ? 8 : 6;
        for (Node arg : n.args()) length = Math.min(Long.MAX_VALUE / 4, length + size[arg.id()]);
        boolean worthAName = (uses[n.id()] > 1 && length >= MIN_NAMED_SIZE) || length > MAX_PART_SIZE;
        if (pass == 1 && worthAName && !n.op().isLeaf()) {
          String name;
          do name = "t" + next++; while (taken.contains(name));
          shared.put(n, name);
          length = name.length();
        }
        size[n.id()] = length;
      }
      factoring = roots.stream().anyMatch(r -> size[r.id()] > LONG_LINE);
    }
    return shared;
  }
}
