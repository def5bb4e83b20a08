package org.symdiff.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;
import org.symdiff.graph.Suggestions;

/**
 * Reads {@code --at}: {@code a=1,b=-2}, a JSON object {@code {"x":[2,5],"W":[[0.1,0.3]]}}, or
 * {@code @values.json}. Every input needs a value of its own shape; mistakes get a caret. A
 * runtime dimension takes its size from the arrays given (X [N,2] given 5 rows makes N = 5), or
 * from an entry of its own ({@code N=5}, {@code "N": 5}).
 */
final class Point {
  private Point() {}

  /** The point, and the model it binds: {@code model} with its runtime dimensions fixed by the point. */
  record Bound(Model model, Map<Node, double[]> values) {}

  static Bound parse(String at, Model model) {
    if (at.startsWith("@")) {
      return fromJson(new Source(at.substring(1), TextFiles.read(Path.of(at.substring(1)))), model);
    }
    Source source = new Source("--at", at);
    boolean json = at.strip().startsWith("{") || at.strip().startsWith("[");
    return json ? fromJson(source, model) : fromPairs(source, model);
  }

  private static Bound fromPairs(Source source, Model model) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    Map<String, Span> spans = new HashMap<>();
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
      known(model, source, name, nameSpan, spans);
      Node input = model.input(name);
      if (input != null && !input.shape().isScalar()) {
        throw new SourceError(source, nameSpan, "'" + name + "' has shape " + input.shape()
            + "; give it in a JSON object, e.g. --at '{\"" + name + "\": [...]}'");
      }
      String number = part.substring(eq + 1).strip();
      Span valueSpan = new Span(1, offset + eq + 2 + leadingSpace(part.substring(eq + 1)), Math.max(1, number.length()));
      try {
        numbers.put(name, Numbers.parse(number, " for '" + name + "'"));
      } catch (NumberFormatException e) {
        throw new SourceError(source, valueSpan, e.getMessage());
      }
      spans.put(name, valueSpan);
      offset += part.length() + 1;
    }
    Span whole = new Span(1, 1, Math.max(1, text.length()));
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (String dim : model.runtimeDims()) {
      if (numbers.containsKey(dim)) sizes.put(dim, size(source, spans.get(dim), dim, numbers.get(dim)));
    }
    Model instance = instantiate(model, sizes, source, whole);
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Node input : instance.inputs()) {
      if (numbers.containsKey(input.name())) point.put(input, new double[] {numbers.get(input.name())});
    }
    return complete(new Bound(instance, point), source, whole);
  }

  private static Bound fromJson(Source source, Model model) {
    Json.Value root = Json.parse(source);
    if (!(root.value() instanceof Map<?, ?> members)) {
      throw new SourceError(source, root.span(), "expected a JSON object of input values");
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    Map<String, String> sizedBy = new HashMap<>();
    Map<String, Span> spans = new HashMap<>();
    for (Map.Entry<?, ?> e : members.entrySet()) {
      String name = (String) e.getKey();
      Json.Value value = (Json.Value) e.getValue();
      known(model, source, name, value.span(), spans);
      if (model.input(name) == null) {
        double number = number(source, value, "'" + name + "' is a runtime dimension: expected its size");
        fixSize(source, value.span(), name, size(source, value.span(), name, number), "given", sizes, sizedBy);
      }
    }
    for (Map.Entry<?, ?> e : members.entrySet()) {
      Node input = model.input((String) e.getKey());
      if (input != null) sizesFromLengths(source, (Json.Value) e.getValue(), input, sizes, sizedBy);
    }
    Model instance = instantiate(model, sizes, source, root.span());
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : members.entrySet()) {
      Node input = instance.input((String) e.getKey());
      if (input != null) point.put(input, numbers(source, (Json.Value) e.getValue(), input.shape(), input.name()));
    }
    return complete(new Bound(instance, point), source, root.span());
  }

  /** Checks that {@code name} is an input or a runtime dimension, given once. */
  private static void known(Model model, Source source, String name, Span span, Map<String, Span> seen) {
    if (model.input(name) == null && !model.runtimeDims().contains(name)) {
      List<String> known = model.inputs().stream().map(Node::name).toList();
      throw new SourceError(source, span, "'" + name + "' is not an input"
          + Suggestions.didYouMean(name, known) + " (inputs: " + String.join(", ", known) + ")");
    }
    if (seen.containsKey(name)) throw new SourceError(source, span, "'" + name + "' is given twice");
    seen.put(name, span);
  }

  private static int size(Source source, Span span, String dim, double number) {
    if (number != Math.rint(number) || number < 1 || number > 1 << 24) {
      throw new SourceError(source, span, "the runtime dimension " + dim + " must be a whole number from 1 to 16777216");
    }
    return (int) number;
  }

  /** Reads the runtime dimensions of {@code input}'s shape off the lengths of its JSON lists. */
  private static void sizesFromLengths(Source source, Json.Value value, Node input, Map<String, Integer> sizes,
      Map<String, String> sizedBy) {
    Shape shape = input.shape();
    if (shape.isFixed() || !(value.value() instanceof List<?> rows)) return;
    Dim first = shape.dim(0);
    if (!first.isFixed()) fixSize(source, value.span(), first.name(), rows.size(), "from " + input.name(), sizes, sizedBy);
    if (shape.rank() == 2 && !shape.dim(1).isFixed() && !rows.isEmpty()
        && ((Json.Value) rows.get(0)).value() instanceof List<?> row) {
      fixSize(source, ((Json.Value) rows.get(0)).span(), shape.dim(1).name(), row.size(), "from " + input.name(), sizes,
          sizedBy);
    }
  }

  private static void fixSize(Source source, Span span, String dim, int size, String how, Map<String, Integer> sizes,
      Map<String, String> sizedBy) {
    Integer earlier = sizes.putIfAbsent(dim, size);
    if (earlier == null) {
      sizedBy.put(dim, how);
    } else if (earlier != size) {
      throw new SourceError(source, span, dim + " would be " + size + " here, but it is " + earlier + " ("
          + sizedBy.get(dim) + ")");
    }
  }

  private static Model instantiate(Model model, Map<String, Integer> sizes, Source source, Span whole) {
    List<String> unknown = model.runtimeDims().stream().filter(d -> !sizes.containsKey(d)).toList();
    if (!unknown.isEmpty()) {
      String dim = unknown.get(0);
      throw new SourceError(source, whole, "no size for the runtime dimension" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + ": give an array whose shape has it, or the size itself, e.g. '{\""
          + dim + "\": 16, ...}'");
    }
    return model.instantiate(sizes);
  }

  /** A JSON value as row-major numbers, checked against the input's shape. */
  private static double[] numbers(Source source, Json.Value value, Shape shape, String name) {
    double[] out = new double[shape.size()];
    String wanted = shape.rank() == 0 ? "'" + name + "' is a scalar: expected a number"
        : "'" + name + "' has shape " + shape + ": expected "
        + switch (shape.rank()) {
          case 1 -> "a list of " + shape.length(0) + " numbers";
          default -> shape.length(0) + " rows of " + shape.length(1) + " numbers";
        };
    if (shape.rank() == 0) {
      out[0] = number(source, value, wanted);
      return out;
    }
    List<?> items = list(source, value, shape.length(0), wanted);
    for (int i = 0; i < items.size(); i++) {
      Json.Value item = (Json.Value) items.get(i);
      if (shape.rank() == 1) {
        out[i] = number(source, item, wanted);
      } else {
        int cols = shape.length(1);
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
  private static Bound complete(Bound bound, Source source, Span whole) {
    Model model = bound.model();
    List<String> missing = model.inputs().stream().filter(n -> !bound.values().containsKey(n)).map(Node::name).toList();
    if (!missing.isEmpty()) {
      throw new SourceError(source, whole, "no value for " + String.join(", ", missing)
          + "; every input needs one (inputs: " + String.join(", ", model.inputs().stream().map(Node::name).toList()) + ")");
    }
    return bound;
  }

  private static int leadingSpace(String s) {
    return s.length() - s.stripLeading().length();
  }
}
