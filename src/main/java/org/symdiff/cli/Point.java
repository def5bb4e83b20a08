package org.symdiff.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;
import org.symdiff.graph.Suggestions;

/**
 * Reads {@code --at}: {@code a=1,b=-2}, a JSON object {@code {"x":[2,5],"W":[[0.1,0.3]]}}, or
 * {@code @values.json}. Every input needs a value of its own shape; mistakes get a caret.
 */
final class Point {
  private Point() {}

  static Map<Node, double[]> parse(String at, Model model) {
    // one lookup table: Model.input scans the inputs, once per name a quadratic cost
    Map<String, Node> inputs = new HashMap<>();
    for (Node input : model.inputs()) inputs.put(input.name(), input);
    if (at.startsWith("@")) {
      return fromJson(new Source(at.substring(1), TextFiles.read(Path.of(at.substring(1)))), model, inputs);
    }
    Source source = new Source("--at", at);
    boolean json = at.strip().startsWith("{") || at.strip().startsWith("[");
    return json ? fromJson(source, model, inputs) : fromPairs(source, model, inputs);
  }

  private static Map<Node, double[]> fromPairs(Source source, Model model, Map<String, Node> inputs) {
    Map<Node, double[]> point = new LinkedHashMap<>();
    String text = source.text();
    int offset = 0;
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      int nameStart = offset + leadingSpace(part);
      if (eq < 0) {
        throw new SourceError(source, new Span(1, nameStart + 1, Math.max(1, part.strip().length())),
            "expected name=value (or a JSON object)");
      }
      String name = part.substring(0, eq).strip();
      Span nameSpan = new Span(1, nameStart + 1, Math.max(1, name.length()));
      Node input = input(model, inputs, source, name, nameSpan, point);
      String number = part.substring(eq + 1).strip();
      Span valueSpan = new Span(1, offset + eq + 2 + leadingSpace(part.substring(eq + 1)), Math.max(1, number.length()));
      if (!input.shape().isScalar()) {
        throw new SourceError(source, nameSpan, "'" + name + "' has shape " + input.shape()
            + "; give it in a JSON object, e.g. --at '{\"" + name + "\": [...]}'");
      }
      try {
        point.put(input, new double[] {Numbers.parse(number, " for '" + name + "'")});
      } catch (NumberFormatException e) {
        throw new SourceError(source, valueSpan, e.getMessage());
      }
      offset += part.length() + 1;
    }
    return complete(point, model, source, new Span(1, 1, Math.max(1, text.length())));
  }

  private static Map<Node, double[]> fromJson(Source source, Model model, Map<String, Node> inputs) {
    Json.Value root = Json.parse(source);
    if (!(root.value() instanceof Map<?, ?> members)) {
      throw new SourceError(source, root.span(), "expected a JSON object of input values");
    }
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : members.entrySet()) {
      String name = (String) e.getKey();
      Json.Value value = (Json.Value) e.getValue();
      Node input = input(model, inputs, source, name, value.span(), point);
      point.put(input, numbers(source, value, input.shape(), name));
    }
    return complete(point, model, source, root.span());
  }

  private static Node input(Model model, Map<String, Node> inputs, Source source, String name, Span span,
      Map<Node, double[]> point) {
    Node input = inputs.get(name);
    if (input == null) {
      List<String> known = model.inputs().stream().map(Node::name).toList();
      throw new SourceError(source, span, "'" + name + "' is not an input"
          + Suggestions.didYouMean(name, known) + " (inputs: " + String.join(", ", known) + ")");
    }
    if (point.containsKey(input)) throw new SourceError(source, span, "'" + name + "' is given twice");
    return input;
  }

  /** A JSON value as row-major numbers, checked against the input's shape. */
  private static double[] numbers(Source source, Json.Value value, Shape shape, String name) {
    double[] out = new double[shape.size()];
    String wanted = shape.rank() == 0 ? "'" + name + "' is a scalar: expected a number"
        : "'" + name + "' has shape " + shape + ": expected "
        + switch (shape.rank()) {
          case 1 -> "a list of " + shape.dims().get(0) + " numbers";
          default -> shape.dims().get(0) + " rows of " + shape.dims().get(1) + " numbers";
        };
    if (shape.rank() == 0) {
      out[0] = number(source, value, wanted);
      return out;
    }
    List<?> items = list(source, value, shape.dims().get(0), wanted);
    for (int i = 0; i < items.size(); i++) {
      Json.Value item = (Json.Value) items.get(i);
      if (shape.rank() == 1) {
        out[i] = number(source, item, wanted);
      } else {
        int cols = shape.dims().get(1);
        List<?> row = list(source, item, cols, wanted);
        for (int j = 0; j < cols; j++) out[i * cols + j] = number(source, (Json.Value) row.get(j), wanted);
      }
    }
    return out;
  }

  private static List<?> list(Source source, Json.Value value, int length, String wanted) {
    if (!(value.value() instanceof List<?> items) || items.size() != length) {
      throw new SourceError(source, value.span(), wanted);
    }
    return items;
  }

  private static double number(Source source, Json.Value value, String wanted) {
    if (!(value.value() instanceof Double d)) throw new SourceError(source, value.span(), wanted);
    return d;
  }

  /** Checks that every input has a value; {@code whole} marks the point as written, for the caret. */
  private static Map<Node, double[]> complete(Map<Node, double[]> point, Model model, Source source, Span whole) {
    List<String> missing = model.inputs().stream().filter(n -> !point.containsKey(n)).map(Node::name).toList();
    if (!missing.isEmpty()) {
      throw new SourceError(source, whole, "no value for " + String.join(", ", missing)
          + "; every input needs one (inputs: " + String.join(", ", model.inputs().stream().map(Node::name).toList()) + ")");
    }
    return point;
  }

  private static int leadingSpace(String s) {
    return s.length() - s.stripLeading().length();
  }
}
