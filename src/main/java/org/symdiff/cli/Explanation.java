package org.symdiff.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.emit.ExplainEmitter;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;
import org.symdiff.graph.Suggestions;

/** {@code --explain NAME}: which entry NAME means (a caret under what is wrong), and its explanation at --at. */
final class Explanation {
  private static final Pattern ENTRY =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\[\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\])?\\s*");

  private Explanation() {}

  static String of(String name, String at, Model model) {
    if (at == null) {
      throw new Main.UsageError("--explain needs a point: the local derivatives are numbers there; add --at, e.g. --at x=1,y=2");
    }
    Point.Bound point = Point.parse(at, model);
    Model instance = point.model();
    Source source = new Source("--explain", name);
    Matcher m = ENTRY.matcher(name);
    if (!m.matches()) {
      throw new SourceError(source, new Span(1, 1, Math.max(1, name.length())),
          "expected a variable or one entry of it, such as x, v[3] or W2[0,1] (0-based)");
    }
    Node variable = instance.input(m.group(1));
    if (variable == null) {
      List<String> known = instance.inputs().stream().map(Node::name).toList();
      throw new SourceError(source, new Span(1, m.start(1) + 1, m.group(1).length()), "'" + m.group(1)
          + "' is not an input" + Suggestions.didYouMean(m.group(1), known) + " (inputs: " + String.join(", ", known) + ")");
    }
    int index = index(source, m, variable.shape());
    Gradient gradient = ReverseSweep.differentiate(instance.graph(), instance.output(), List.of(variable));
    double entry = Evaluator.gradient(gradient, point.values()).gradient().get(variable)[index];
    return ExplainEmitter.emit(instance, gradient, point.values(), variable, index, entry);
  }

  /** The flat index the entry names, checked against the variable's shape. */
  private static int index(Source source, Matcher m, Shape shape) {
    int given = m.group(3) != null ? 2 : m.group(2) != null ? 1 : 0;
    String name = m.group(1);
    if (given != shape.rank()) {
      String example = shape.rank() == 0 ? name : shape.rank() == 1 ? name + "[0]" : name + "[0,1]";
      throw new SourceError(source, new Span(1, m.start(1) + 1, m.group().strip().length()), "'" + name + "' has shape "
          + shape + ": name " + (shape.rank() == 0 ? "it without an index" : "one entry with " + shape.rank()
          + (shape.rank() == 1 ? " index" : " indices")) + ", e.g. " + example);
    }
    int flat = 0;
    for (int axis = 0; axis < given; axis++) {
      int group = axis + 2;
      int i;
      try {
        i = Integer.parseInt(m.group(group));
      } catch (NumberFormatException e) {
        i = Integer.MAX_VALUE;
      }
      int length = shape.length(axis);
      if (i >= length) {
        throw new SourceError(source, new Span(1, m.start(group) + 1, m.group(group).length()), (given == 2
            ? (axis == 0 ? "row " : "column ") : "index ") + m.group(group) + " is out of range: '" + name + "' has shape "
            + shape + ", so " + (given == 2 ? (axis == 0 ? "rows" : "columns") : "indices") + " go from 0 to " + (length - 1));
      }
      flat = flat * length + i;
    }
    return flat;
  }
}
