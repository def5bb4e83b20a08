package org.symdiff.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.symdiff.ast.Expr;
import org.symdiff.ast.ExprText;
import org.symdiff.ast.Lines;
import org.symdiff.ast.Program;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.ast.Statement;

/**
 * Turns a parsed program into a {@link Model}: resolves names, checks functions and arities,
 * builds the shared graph. A program without declarations treats every free name as a scalar
 * input (in alphabetical order, x2 before x10); once anything is declared, every name must be.
 */
public final class Lowering {
  private final Source source;
  private final Lines lines;
  private final Graph graph;
  private final boolean implicitInputs;
  /** What each name means: an input, a dim's constant, or an assignment's node. */
  private final Map<String, Node> scope = new LinkedHashMap<>();
  private final Map<String, Span> definedAt = new HashMap<>();
  private final java.util.Set<String> implicit = new java.util.HashSet<>();
  private final List<Node> inputs = new ArrayList<>();
  private final List<Node> params = new ArrayList<>();
  private final Map<Node, String> names = new LinkedHashMap<>();
  private final List<Model.Assignment> assignments = new ArrayList<>();
  private final List<String> runtimeDims = new ArrayList<>();
  /** Sizes given to runtime dimensions, making them fixed (see {@link Model#instantiate}). */
  private final Map<String, Integer> sizes;

  private final Program program;

  private Lowering(Program program, Map<String, Integer> sizes, Graph graph) {
    this.program = program;
    this.graph = graph;
    this.source = program.source();
    this.lines = new Lines(source);
    this.sizes = sizes;
    this.implicitInputs = program.statements().stream().noneMatch(s -> s instanceof Statement.Declare);
  }

  /** Lowers {@code program} into {@code graph}, a new one (its simplifier decides how nodes are rewritten). */
  public static Model lower(Program program, Graph graph) {
    return lower(program, Map.of(), graph);
  }

  /** Lowers {@code program} with each runtime dimension named in {@code sizes} fixed to that size. */
  static Model lower(Program program, Map<String, Integer> sizes, Graph graph) {
    return new Lowering(program, sizes, graph).run(program.statements());
  }

  private Model run(List<Statement> statements) {
    if (statements.isEmpty()) {
      throw new SourceError(source, new Span(1, 1, 1), "empty input: expected an expression");
    }
    List<Model.Output> outputs = List.of();
    List<Span> outputSpans = List.of();
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      if (statement instanceof Statement.Dim d) {
        define(d.name(), d.nameSpan(), dimensionValue(d));
      } else if (statement instanceof Statement.Declare d) {
        for (Statement.Declared v : d.names()) declare(v, d.kind());
      } else if (statement instanceof Statement.Assign a) {
        int first = graph.nodes().size();
        Node value = lower(a.value());
        assignments.add(assignment(a.name(), a.value(), value, a.span(), first));
        define(a.name(), a.nameSpan(), value);
        if (!value.op().isLeaf() && !names.containsKey(value)) {
          names.put(value, a.name());
          graph.pin(value);
        }
        outputs = List.of(new Model.Output(a.name(), value));
        outputSpans = List.of(a.nameSpan());
      } else if (statement instanceof Statement.Output o) {
        List<Model.Output> named = new ArrayList<>();
        for (int k = 0; k < o.names().size(); k++) {
          named.add(new Model.Output(o.names().get(k), lookup(o.names().get(k), o.nameSpans().get(k))));
        }
        outputs = List.copyOf(named);
        outputSpans = o.nameSpans();
      } else if (statement instanceof Statement.Evaluate e) {
        if (i != statements.size() - 1) {
          throw new SourceError(source, e.span(),
              "a bare expression must be the last statement; name it with 'name = ...'");
        }
        int first = graph.nodes().size();
        Node value = lower(e.value());
        String name = freshOutputName();
        outputs = List.of(new Model.Output(name, value));
        outputSpans = List.of(e.span());
        assignments.add(assignment(name, e.value(), value, e.span(), first));
      }
    }
    if (outputs.isEmpty()) {
      throw new SourceError(source, statements.get(statements.size() - 1).span(),
          "nothing to differentiate: add an assignment or 'output NAME'");
    }
    for (int k = 0; k < outputs.size(); k++) {
      Model.Output o = outputs.get(k);
      if (outputs.size() > 1 && !o.value().shape().isScalar()) {
        throw new SourceError(source, outputSpans.get(k), "several outputs must be scalars (the rows of a Jacobian), but '"
            + o.name() + "' has shape " + o.value().shape() + "; give a vector output alone");
      }
      if (!o.value().op().isLeaf()) names.putIfAbsent(o.value(), o.name());
    }
    if (implicitInputs) {
      List<Node> sorted = NaturalOrder.byName(inputs);
      inputs.clear();
      inputs.addAll(sorted);
    }
    return new Model(program, graph, inputs, params, outputs, names, assignments, runtimeDims);
  }

  private Model.Assignment assignment(String name, Expr written, Node value, Span span, int firstNode) {
    String line = lines.line(span.line());
    int from = Math.min(line.length(), Math.max(0, span.column() - 1));
    String text = line.substring(from, Math.min(line.length(), from + span.length())).strip();
    return new Model.Assignment(name, written, value, span, text, firstNode, graph.nodes().size());
  }

  /** A dim's meaning: its constant, or for {@code dim N} without a value, the runtime size N. */
  private Node dimensionValue(Statement.Dim d) {
    if (d.value() != null) return graph.constant(dimension(d.value()).fixed());
    Integer size = sizes.get(d.name());
    if (size != null) return graph.constant(size);
    runtimeDims.add(d.name());
    return graph.dimension(d.name());
  }

  private String freshOutputName() {
    for (String candidate : List.of("f", "y", "out", "result")) {
      if (!scope.containsKey(candidate)) return candidate;
    }
    return "f_";
  }

  private void define(String name, Span span, Node value) {
    Span previous = definedAt.get(name);
    if (implicit.contains(name)) {
      // The caret goes under the use: that is the line to move or to fix.
      throw new SourceError(source, previous, "'" + name + "' is used before its assignment at line "
          + span.line() + ", column " + span.column() + "; assign it before using it");
    }
    if (previous != null) {
      throw new SourceError(source, span, "'" + name + "' is already defined at line " + previous.line()
          + ", column " + previous.column() + "; each name is assigned once");
    }
    scope.put(name, value);
    definedAt.put(name, span);
  }

  private void declare(Statement.Declared v, Statement.Kind kind) {
    if (v.dims().size() > 2) {
      throw new SourceError(source, v.span(), "shapes have at most two dimensions");
    }
    Dim[] dims = v.dims().stream().map(this::dimension).toArray(Dim[]::new);
    Shape shape;
    try {
      shape = Shape.of(dims);
    } catch (ShapeException tooLarge) {
      throw new SourceError(source, v.span(), v.name() + ": " + tooLarge.getMessage());
    }
    Node variable = graph.variable(v.name(), shape);
    define(v.name(), v.nameSpan(), variable);
    inputs.add(variable);
    if (kind == Statement.Kind.PARAM) params.add(variable);
  }

  /**
   * A dimension: a positive whole number, computed from numbers and earlier dims, or a runtime
   * dimension by itself (its size is not known here, so it cannot take part in arithmetic).
   */
  private Dim dimension(Expr e) {
    Node n = lower(e);
    if (n.op() == Op.DIM) return Dim.runtime(n.name());
    if (!n.isConstant() && Nodes.reachable(n).stream().anyMatch(leaf -> leaf.op() == Op.DIM)) {
      throw new SourceError(source, e.span(), "a runtime dimension stands alone in a shape; "
          + "arithmetic on it (" + ExprText.of(e) + ") is not supported");
    }
    if (!n.isConstant() || n.value() != Math.rint(n.value()) || n.value() < 1 || n.value() > 1 << 24) {
      throw new SourceError(source, e.span(), "a dimension must be a whole number from 1 to 16777216"
          + " (or a runtime dimension: dim N without a value)");
    }
    return Dim.of((int) n.value());
  }

  private Node lookup(String name, Span span) {
    Node node = scope.get(name);
    if (node != null) return node;
    if (implicitInputs && Op.byFunction(name).isEmpty() && !COMPOSITE_ARITY.containsKey(name)) {
      Node input = graph.variable(name, Shape.SCALAR);
      scope.put(name, input);
      definedAt.put(name, span);
      implicit.add(name);
      inputs.add(input);
      return input;
    }
    if (implicitInputs) {
      throw new SourceError(source, span, "'" + name + "' is a function; call it as " + name + "(...)");
    }
    throw new SourceError(source, span, "unknown name '" + name + "'"
        + Suggestions.didYouMean(name, scope.keySet()));
  }

  private Node lower(Expr e) {
    try {
      if (e instanceof Expr.Number n) return graph.constant(n.value());
      if (e instanceof Expr.Name n) return lookup(n.name(), n.span());
      if (e instanceof Expr.Negate n) return graph.neg(lower(n.operand()));
      if (e instanceof Expr.Binary b) return binary(b);
      if (e instanceof Expr.Index i) return Indexing.slice(graph, source, i, lower(i.base()));
      return call((Expr.Call) e);
    } catch (ShapeException shapes) {
      throw new SourceError(source, e.span(), ExprText.of(e) + ": " + shapes.getMessage());
    }
  }

  /** The functions that take an axis as a last, extra argument: {@code sum(A, 1)}, {@code concat(A, B, 1)}. */
  private static final java.util.Set<String> TRAILING_AXIS = java.util.Set.of("sum", "mean", "logsumexp", "concat");

  /** {@code f(..., axis)}: the axis is a number, 0 or 1. */
  private Node withAxis(Expr.Call c) {
    Expr axis = c.args().get(c.args().size() - 1);
    if (!(axis instanceof Expr.Number n) || (n.value() != 0 && n.value() != 1)) {
      throw new SourceError(source, axis.span(), c.function() + "'s axis is 0 (the rows) or 1 (the columns)");
    }
    int along = (int) n.value();
    Node a = lower(c.args().get(0));
    return c.function().equals("concat") ? Indexing.concat(graph, source, c, a, lower(c.args().get(1)), along)
        : Reductions.along(graph, source, c, a, along);
  }

  /**
   * Lowers a chain of binary operations down its left operands without recursing there: a flat
   * {@code x1 + x2 + ... + xn} nests n levels deep on the left, and each level of a recursion that
   * deep returns into code the JIT compiled before any level had returned, which then deoptimises
   * once per level (9 of 10 CPU seconds of lowering a 10^6-term sum). Same order as recursion:
   * the innermost left operand first, then each right operand and its operation, going out.
   */
  private Node binary(Expr.Binary outer) {
    List<Expr.Binary> chain = new ArrayList<>();
    for (Expr e = outer; e instanceof Expr.Binary b; e = b.left()) chain.add(b);
    Node left = lower(chain.get(chain.size() - 1).left());
    for (int i = chain.size() - 1; i >= 0; i--) left = binary(chain.get(i), left, lower(chain.get(i).right()));
    return left;
  }

  private Node binary(Expr.Binary b, Node left, Node right) {
    try {
      return switch (b.op()) {
        case ADD -> graph.add(left, right);
        case SUBTRACT -> graph.sub(left, right);
        case MULTIPLY -> graph.mul(left, right);
        case DIVIDE -> graph.div(left, right);
        case POWER -> graph.pow(left, right);
        case MATMUL -> graph.matmul(left, right);
        case LESS -> graph.apply(Op.LESS, left, right);
        case LESS_EQUAL -> graph.apply(Op.LESS_EQUAL, left, right);
        case GREATER -> graph.apply(Op.GREATER, left, right);
        case GREATER_EQUAL -> graph.apply(Op.GREATER_EQUAL, left, right);
      };
    } catch (ShapeException shapes) {
      throw new SourceError(source, b.span(), ExprText.of(b) + ": " + shapes.getMessage());
    }
  }

  /** A function that is a composition of ops rather than an op of its own; {@code doc} as in {@link Op#doc()}. */
  public record Composite(String name, int arity, boolean elementwise, String doc) {}

  private static final List<Composite> COMPOSITES = List.of(
      new Composite("square", 1, true, "square(x) = x ^ 2"),
      new Composite("cube", 1, true, "cube(x) = x ^ 3"),
      new Composite("clip", 3, true, "clip(x, lo, hi) = min(max(x, lo), hi)"),
      new Composite("sum", 1, false, "sum(A): all of it, or sum(A, axis) along one axis"),
      new Composite("mean", 1, false, "mean(A): all of it, or mean(A, axis)"),
      new Composite("rowmax", 1, false, "rowmax(A): each row's largest element, [m,1]; ties share the gradient"),
      new Composite("norm", 1, false, "norm(v): the Euclidean norm of all of it, with gradient 0 at 0"),
      new Composite("rowsum", 1, false, "rowsum(A): each row's sum, [m,1]"),
      new Composite("colsum", 1, false, "colsum(A): each column's sum, [n]"),
      new Composite("cross_entropy", 2, false, "cross_entropy(y, p) = -sum(y * log(p))"),
      new Composite("concat", 2, false, "concat(a, b), or concat(A, B, 1) along the columns"));

  private static final Map<String, Integer> COMPOSITE_ARITY = COMPOSITES.stream()
      .collect(java.util.stream.Collectors.toUnmodifiableMap(Composite::name, Composite::arity));

  /** The functions that are compositions of ops, in the order the help lists them. */
  public static List<Composite> composites() {
    return COMPOSITES;
  }

  private static TreeSet<String> functionNames() {
    TreeSet<String> names = new TreeSet<>(Op.functionNames());
    names.addAll(COMPOSITE_ARITY.keySet());
    return names;
  }

  private Node call(Expr.Call c) {
    Op op = Op.byFunction(c.function()).orElse(null);
    if (op == null && scope.containsKey(c.function())) {
      throw new SourceError(source, c.nameSpan(), "'" + c.function() + "' is a variable, not a function;"
          + " to multiply, write " + c.function() + " * (...)");
    }
    Integer arity = op != null ? Integer.valueOf(op.arity()) : COMPOSITE_ARITY.get(c.function());
    if (arity == null) {
      String hint = Suggestions.didYouMean(c.function(), functionNames());
      if (hint.isEmpty()) hint = "; known functions: " + String.join(", ", functionNames());
      throw new SourceError(source, c.nameSpan(), "unknown function '" + c.function() + "'" + hint);
    }
    if (TRAILING_AXIS.contains(c.function()) && c.args().size() == (op != null ? op.arity() : arity) + 1) {
      return withAxis(c);
    }
    // max(A) of one argument is the largest element; max(a, b) is elementwise
    if (op == Op.MAX && c.args().size() == 1) {
      Node a = lower(c.args().get(0));
      if (a.shape().isScalar()) {
        throw new SourceError(source, c.nameSpan(), "max takes 2 arguments, but 1 was given (max of one argument is"
            + " the largest element of a vector or matrix, and " + ExprText.of(c.args().get(0)) + " is a number)");
      }
      return graph.maxTo(a, Shape.SCALAR);
    }
    if (c.args().size() != arity) {
      throw new SourceError(source, c.nameSpan(), c.function() + " takes " + arity
          + (arity == 1 ? " argument" : " arguments") + ", but " + c.args().size()
          + (c.args().size() == 1 ? " was" : " were") + " given");
    }
    List<Node> args = c.args().stream().map(this::lower).toList();
    if (op != null) return graph.apply(op, args);
    Node a = args.get(0);
    return switch (c.function()) {
      case "sum" -> graph.sum(a);
      case "mean" -> graph.div(graph.sum(a), graph.size(a.shape()));
      // the sum of each row, kept as a column [m,1]; the sum of each column, a row [n]
      case "rowsum" -> a.shape().rank() < 2 ? graph.sum(a) : graph.sumTo(a, Shape.of(a.shape().dim(0), Dim.ONE));
      case "colsum" -> a.shape().rank() < 2 ? a : graph.sumTo(a, Shape.of(a.shape().dim(1)));
      // cross_entropy(y, p) = -sum(y * log(p)); log(softmax(z)) becomes z - logsumexp(z)
      case "cross_entropy" -> graph.neg(graph.sum(graph.mul(a, graph.apply(Op.LOG, args.get(1)))));
      case "concat" -> Indexing.concat(graph, source, c, a, args.get(1), 0);
      case "norm" -> Reductions.norm(graph, a);
      case "rowmax" -> a.shape().rank() < 2 ? graph.maxTo(a, Shape.SCALAR) : graph.maxTo(a, Shape.of(a.shape().dim(0), Dim.ONE));
      case "square" -> graph.square(a);
      case "cube" -> graph.pow(a, graph.constant(3));
      // min(max(x, lo), hi), as numpy and JAX: at a bound the derivative is split, 1/2 each way
      case "clip" -> graph.apply(Op.MIN, graph.apply(Op.MAX, a, args.get(1)), args.get(2));
      default -> throw new IllegalStateException("no lowering for " + c.function());
    };
  }
}
