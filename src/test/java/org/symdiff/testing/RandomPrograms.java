package org.symdiff.testing;

import static org.symdiff.testing.Asts.binary;
import static org.symdiff.testing.Asts.call;
import static org.symdiff.testing.Asts.name;
import static org.symdiff.testing.Asts.number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Expr.BinaryOp;
import org.symdiff.ast.Span;
import org.symdiff.ast.Statement;
import org.symdiff.graph.Op;

/**
 * Random well-shaped {@code .sd} programs over scalars, vectors and matrices, from a seeded
 * {@link Random}: a few dims from 1 to 4, named values built from type-directed expressions, and
 * a scalar output. Every expression is generated for a wanted shape and combines only shapes that
 * fit: matrix products with matching inner dimensions (vector cases included), transposes, outer
 * products of vectors, elementwise operations with numpy broadcasting (a scalar with anything,
 * {@code [n]} or {@code [1,n]} against {@code [m,n]}, {@code [m,1]} against {@code [m,n]} and
 * {@code [m,1]} against {@code [n]}), softmax, logsumexp and the reductions.
 *
 * <p>Shapes are reasoned about by dim name ({@code M}, {@code N}, {@code K}) or the literal 1,
 * never by value, so a program stays well-shaped when a shrinker lowers a dim. Inputs and params
 * are declared as the expressions first need them. Domains are respected as in
 * {@link RandomExpressions}: {@code log} and {@code sqrt} of positive things, cross-entropy of
 * probabilities; overflow and kinks can still happen, and checkers skip such points.
 */
public final class RandomPrograms {
  /** The array functions beside the scalar ones: the ops with a name, and the compositions. */
  public static final List<String> ARRAY_FUNCTIONS = Stream.concat(
      Arrays.stream(Op.values()).filter(op -> op.function() != null && !op.isElementwise()).map(Op::function),
      Stream.of("sum", "mean", "rowsum", "colsum", "cross_entropy")).toList();

  private static final String ONE = "1";
  private static final List<String> DIMS = List.of("M", "N", "K");
  private static final String[] CONSTANTS = {"1", "2", "0.5", "1.5", "0.25", "3"};
  private static final String[] EXPONENTS = {"2", "3", "2", "-1", "0", "1"};
  private static final List<BinaryOp> ELEMENTWISE = List.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE);
  private static final List<BinaryOp> COMPARISONS =
      List.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER, BinaryOp.GREATER_EQUAL);

  /** A shape by dim names and literal 1s: {@code []}, {@code [N]}, {@code [M,1]}. */
  private record Shape(List<String> dims) {
    static final Shape SCALAR = new Shape(List.of());

    static Shape of(String... dims) {
      return new Shape(List.of(dims));
    }

    int rank() {
      return dims.size();
    }

    String dim(int i) {
      return dims.get(i);
    }
  }

  /** A name an expression can use: a declared input or param, or an earlier named value. */
  private record Value(String name, Shape shape) {}

  private final Random random;
  private final int maxDepth;
  private final Map<String, Integer> dims = new LinkedHashMap<>();
  /** The dims declared without a value: sizes given per call. */
  private final java.util.Set<String> runtime = new java.util.HashSet<>();
  private final List<Value> values = new ArrayList<>();
  private final List<Statement.Declared> inputs = new ArrayList<>();
  private final List<Statement.Declared> params = new ArrayList<>();
  private final List<String> dimNames;

  /** One program; make a new generator for each, from its own seeded {@code random}. */
  public RandomPrograms(Random random, int maxDepth) {
    this.random = random;
    this.maxDepth = maxDepth;
    int count = 2 + random.nextInt(2);
    for (String name : DIMS.subList(0, count)) {
      if (random.nextInt(4) == 0) runtime.add(name);
      dims.put(name, random.nextInt(10) < 3 ? 1 : 2 + random.nextInt(3));
    }
    this.dimNames = List.copyOf(dims.keySet());
  }

  public String next() {
    return ExprPrinter.print(nextProgram(), "\n");
  }

  /** Dims, declarations, one to three named values and the scalar output {@code L}. */
  public List<Statement> nextProgram() {
    List<Statement> body = new ArrayList<>();
    List<String> unused = new ArrayList<>();
    int named = 1 + random.nextInt(3);
    for (int i = 0; i < named; i++) {
      Shape shape = randomShape();
      Expr value = expression(shape, maxDepth);
      unused.removeIf(name -> uses(value, name));
      String name = "h" + i;
      body.add(new Statement.Assign(name, value, Span.NONE, Span.NONE));
      values.add(new Value(name, shape));
      unused.add(name);
    }
    Expr loss = expression(Shape.SCALAR, maxDepth);
    unused.removeIf(name -> uses(loss, name));
    // every named value reaches the output, so every statement is differentiated
    Expr output = loss;
    for (String name : unused) output = binary(BinaryOp.ADD, output, call(random.nextBoolean() ? "sum" : "mean", name(name)));
    // now and then a largest element, drawn last so the rest of the program is what the same seed gave before
    if (random.nextInt(4) == 0) output = binary(BinaryOp.ADD, output, maximum(maxDepth - 1));
    body.add(new Statement.Assign("L", output, Span.NONE, Span.NONE));

    List<Statement> program = new ArrayList<>();
    dims.forEach((name, size) -> program.add(new Statement.Dim(name,
        runtime.contains(name) ? null : number(Integer.toString(size)), Span.NONE, Span.NONE)));
    if (!inputs.isEmpty()) program.add(new Statement.Declare(Statement.Kind.INPUT, List.copyOf(inputs), Span.NONE));
    if (!params.isEmpty()) program.add(new Statement.Declare(Statement.Kind.PARAM, List.copyOf(params), Span.NONE));
    program.addAll(body);
    return program;
  }

  private static boolean uses(Expr e, String name) {
    if (e instanceof Expr.Name n) return n.name().equals(name);
    if (e instanceof Expr.Negate n) return uses(n.operand(), name);
    if (e instanceof Expr.Binary b) return uses(b.left(), name) || uses(b.right(), name);
    if (e instanceof Expr.Index x) return uses(x.base(), name);
    return e instanceof Expr.Call c && c.args().stream().anyMatch(a -> uses(a, name));
  }

  // ---- shapes

  private Shape randomShape() {
    int rank = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2);
    String[] d = new String[rank];
    for (int i = 0; i < rank; i++) d[i] = randomDim();
    return Shape.of(d);
  }

  /** A dim name, now and then the literal 1 (broadcasting's edge case). */
  private String randomDim() {
    return random.nextInt(8) == 0 ? ONE : dimNames.get(random.nextInt(dimNames.size()));
  }

  /** Shapes that broadcast up to {@code s} (and not beyond), {@code s} itself excluded. */
  private static List<Shape> narrower(Shape s) {
    List<Shape> shapes = new ArrayList<>(List.of(Shape.SCALAR, Shape.of(ONE)));
    if (s.rank() == 2) {
      shapes.addAll(List.of(Shape.of(s.dim(1)), Shape.of(s.dim(0), ONE), Shape.of(ONE, s.dim(1))));
    }
    shapes.removeIf(t -> t.equals(s) || t.rank() > s.rank());
    return shapes;
  }

  // ---- expressions of a wanted shape

  private Expr expression(Shape s, int depth) {
    if (depth <= 0 || random.nextInt(5) == 0) return leaf(s);
    int d = depth - 1;
    return switch (random.nextInt(20)) {
      case 0, 1, 2, 3, 4 -> unary(s, d);
      case 5, 6, 7, 8, 9 -> elementwise(s, d);
      case 10 -> new Expr.Negate(expression(s, d), Span.NONE);
      case 11 -> power(s, d);
      default -> structural(s, d);
    };
  }

  private Expr unary(Shape s, int d) {
    List<Op> functions = RandomExpressions.scalarFunctions().stream().filter(op -> op.arity() == 1).toList();
    String f = functions.get(random.nextInt(functions.size())).function();
    // an argument inside the function's domain wherever it is defined (tan's poles half the time)
    return switch (Op.byFunction(f).orElseThrow().domain(0)) {
      case POSITIVE -> call(f, positive(s, d));
      case ABOVE_MINUS_ONE -> call(f, binary(BinaryOp.POWER, expression(s, d), number("2")));
      case OPEN_UNIT -> call(f, binary(BinaryOp.MULTIPLY, number("0.9"), call("sin", expression(s, d))));
      case HALF_PERIOD -> call(f, random.nextBoolean() ? call("sin", expression(s, d)) : expression(s, d));
      case ANY -> call(f, expression(s, d));
    };
  }

  /** {@code a op b}, {@code max(a, b)}, {@code min(a, b)}, {@code xlogy(a, b)} or a where, whose operands broadcast to {@code s}. */
  private Expr elementwise(Shape s, int d) {
    Shape left = s;
    Shape right = s;
    int pick = random.nextInt(5);
    if (pick == 0 && s.rank() == 2) {
      // [m,1] against [n] or [1,n]: both operands narrower than the result
      left = Shape.of(s.dim(0), ONE);
      right = random.nextBoolean() ? Shape.of(s.dim(1)) : Shape.of(ONE, s.dim(1));
    } else if (pick <= 2 && s.rank() > 0) {
      List<Shape> narrow = narrower(s);
      right = narrow.get(random.nextInt(narrow.size()));
    }
    if (random.nextBoolean()) {
      Shape swap = left;
      left = right;
      right = swap;
    }
    int op = random.nextInt(ELEMENTWISE.size() + 4);
    if (op == ELEMENTWISE.size() + 3) {
      Expr condition = binary(COMPARISONS.get(random.nextInt(COMPARISONS.size())), expression(left, d), expression(left, d));
      return call("where", condition, expression(right, d), expression(s, d));
    }
    if (op == ELEMENTWISE.size() + 2) return call("xlogy", expression(left, d), positive(right, d));
    if (op >= ELEMENTWISE.size()) return call(op == ELEMENTWISE.size() ? "max" : "min", expression(left, d), expression(right, d));
    BinaryOp binary = ELEMENTWISE.get(op);
    Expr denominator = binary == BinaryOp.DIVIDE && random.nextBoolean() ? positive(right, d) : expression(right, d);
    return binary(binary, expression(left, d), denominator);
  }

  /** {@code a ^ b} or {@code pow(a, b)}: a small whole exponent, or a positive base. */
  private Expr power(Shape s, int d) {
    Expr base;
    Expr exponent;
    switch (random.nextInt(3)) {
      case 0 -> {
        base = expression(s, d);
        String e = EXPONENTS[random.nextInt(EXPONENTS.length)];
        exponent = e.startsWith("-") ? new Expr.Negate(number(e.substring(1)), Span.NONE) : number(e);
      }
      case 1 -> {
        base = positive(s, d);
        List<Shape> narrow = narrower(s);
        exponent = expression(random.nextBoolean() || narrow.isEmpty() ? s : narrow.get(random.nextInt(narrow.size())), d);
      }
      default -> {
        base = number(random.nextBoolean() ? "2" : "0.5");
        exponent = expression(s, d);
      }
    }
    return random.nextBoolean() ? call("pow", base, exponent) : binary(BinaryOp.POWER, base, exponent);
  }

  /** An expression of shape {@code s} that is positive wherever it is defined. */
  private Expr positive(Shape s, int d) {
    return switch (random.nextInt(s.rank() == 0 ? 4 : 5)) {
      case 0 -> call("exp", expression(s, d));
      case 1 -> binary(BinaryOp.ADD, binary(BinaryOp.POWER, expression(s, d), number("2")), number("0.5"));
      case 2 -> call("sigmoid", expression(s, d));
      case 3 -> binary(BinaryOp.ADD, call("softplus", expression(s, d)), number("0.25"));
      default -> call("softmax", expression(s, d));
    };
  }

  /** The array operations that give shape {@code s}. */
  private Expr structural(Shape s, int d) {
    String k = randomDim();
    return switch (s.rank()) {
      case 0 -> switch (random.nextInt(7)) {
        case 6 -> indexed(s, d);
        case 0 -> call("sum", expression(randomShape(), d));
        case 1 -> call("mean", expression(randomShape(), d));
        case 2 -> call("logsumexp", expression(Shape.of(k), d));
        case 3 -> call("rowsum", expression(Shape.of(k), d));
        case 4 -> binary(BinaryOp.MATMUL, expression(Shape.of(k), d), expression(Shape.of(k), d));
        default -> crossEntropy(d);
      };
      case 1 -> switch (random.nextInt(6)) {
        case 5 -> indexed(s, d);
        case 0 -> binary(BinaryOp.MATMUL, expression(Shape.of(s.dim(0), k), d), expression(Shape.of(k), d));
        case 1 -> binary(BinaryOp.MATMUL, expression(Shape.of(k), d), expression(Shape.of(k, s.dim(0)), d));
        case 2 -> call("colsum", expression(Shape.of(k, s.dim(0)), d));
        case 3 -> call("transpose", expression(s, d));
        default -> call("softmax", expression(s, d));
      };
      default -> switch (random.nextInt(s.dim(1).equals(ONE) ? 6 : 4)) {
        case 0 -> binary(BinaryOp.MATMUL, expression(Shape.of(s.dim(0), k), d), expression(Shape.of(k, s.dim(1)), d));
        case 1 -> call("transpose", expression(Shape.of(s.dim(1), s.dim(0)), d));
        case 2 -> call("outer", expression(Shape.of(s.dim(0)), d), expression(Shape.of(s.dim(1)), d));
        case 3 -> call("softmax", expression(s, d));
        case 4 -> call("logsumexp", expression(Shape.of(s.dim(0), k), d));
        default -> call("rowsum", expression(Shape.of(s.dim(0), k), d));
      };
    };
  }

  /**
   * A slice of shape {@code s} (a scalar or a vector) from something larger along a fixed dim:
   * {@code v[i]}, {@code A[i, :]}, {@code A[:, j]}, or a range {@code v[a:b]} as long as {@code s}.
   */
  private Expr indexed(Shape s, int d) {
    List<String> fixed = dimNames.stream().filter(n -> !runtime.contains(n)).toList();
    if (fixed.isEmpty()) return structural(s, d);
    String k = fixed.get(random.nextInt(fixed.size()));
    int size = dims.get(k);
    if (s.rank() == 0) return index(expression(Shape.of(k), d), position(size));
    String along = s.dim(0);
    Integer length = along.equals(ONE) ? Integer.valueOf(1) : runtime.contains(along) ? null : dims.get(along);
    if (length != null && length < size && random.nextBoolean()) {
      int start = random.nextInt(size - length + 1);
      int stop = start + length;
      String from = start == 0 && random.nextBoolean() ? "" : Integer.toString(random.nextBoolean() ? start : start - size);
      String to = stop == size && random.nextBoolean() ? "" : Integer.toString(stop == size || random.nextBoolean() ? stop : stop - size);
      return index(expression(Shape.of(k), d), from + ":" + to);
    }
    return random.nextBoolean() ? index(expression(Shape.of(k, along), d), position(size) + ", :")
        : index(expression(Shape.of(along, k), d), ":, " + position(size));
  }

  /** A valid position on an axis of {@code size}, from the start or (negative) from the end. */
  private String position(int size) {
    int i = random.nextInt(size);
    return Integer.toString(random.nextBoolean() ? i : i - size);
  }

  /** {@code base[subscripts]}, the subscripts as written (parsed back by the printer's reader). */
  private static Expr index(Expr base, String subscripts) {
    List<Expr.Subscript> parts = new ArrayList<>();
    for (String text : subscripts.split(", ")) {
      int colon = text.indexOf(':');
      if (colon < 0) {
        parts.add(new Expr.Subscript(true, Integer.parseInt(text), null, text, Span.NONE));
      } else {
        String from = text.substring(0, colon);
        String to = text.substring(colon + 1);
        parts.add(new Expr.Subscript(false, from.isEmpty() ? null : Integer.valueOf(from),
            to.isEmpty() ? null : Integer.valueOf(to), text, Span.NONE));
      }
    }
    return new Expr.Index(base, List.copyOf(parts), Span.NONE);
  }

  /** {@code max(A)} of a vector or a matrix, or {@code sum(rowmax(A))}. */
  private Expr maximum(int d) {
    String k = randomDim();
    if (random.nextBoolean()) return call("max", expression(random.nextBoolean() ? Shape.of(k) : Shape.of(randomDim(), k), d));
    return call("sum", call("rowmax", expression(Shape.of(randomDim(), k), d)));
  }

  /** {@code cross_entropy(y, p)} with p a probability: a softmax, a sigmoid or positive. */
  private Expr crossEntropy(int d) {
    Shape s = randomShape();
    Expr p = switch (random.nextInt(3)) {
      case 0 -> s.rank() > 0 ? call("softmax", expression(s, d)) : positive(s, d);
      case 1 -> call("sigmoid", expression(s, d));
      default -> positive(s, d);
    };
    return call("cross_entropy", expression(s, d), p);
  }

  // ---- leaves

  /** A value of shape {@code s}: mostly one already there, else a new input or param; for a scalar also a number or a dim. */
  private Expr leaf(Shape s) {
    if (s.rank() == 0 && random.nextInt(3) == 0) {
      return random.nextInt(4) == 0 ? name(dimNames.get(random.nextInt(dimNames.size())))
          : number(CONSTANTS[random.nextInt(CONSTANTS.length)]);
    }
    List<Value> fitting = values.stream().filter(v -> v.shape().equals(s)).toList();
    if (!fitting.isEmpty() && random.nextInt(4) > 0) return name(fitting.get(random.nextInt(fitting.size())).name());
    return name(declare(s));
  }

  private String declare(Shape s) {
    String name = (s.rank() == 0 ? "s" : s.rank() == 1 ? "v" : "W") + (inputs.size() + params.size());
    List<Expr> shape = s.dims().stream().map(d -> d.equals(ONE) ? number(ONE) : name(d)).toList();
    Statement.Declared declared = new Statement.Declared(name, shape, Span.NONE, Span.NONE);
    (random.nextBoolean() ? params : inputs).add(declared);
    values.add(new Value(name, s));
    return name;
  }
}
