package org.symdiff.testing;

import static org.symdiff.testing.Asts.binary;
import static org.symdiff.testing.Asts.call;
import static org.symdiff.testing.Asts.name;
import static org.symdiff.testing.Asts.number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Expr.BinaryOp;
import org.symdiff.ast.Span;
import org.symdiff.graph.Domain;
import org.symdiff.graph.Op;

/**
 * Random scalar expressions of bounded depth over a few variables, as source text, from a seeded
 * {@link Random}: every operator ({@code + - * / ^}, unary minus) and every scalar function
 * {@link Op} has a name for (a function added to {@code Op} is generated without a change here).
 *
 * <p>Arguments lean towards their domains ({@code log(1 + a^2)}, {@code sqrt(exp(a))}, small whole
 * exponents or a positive base for powers), so most points are worth checking; but poles, kinks
 * and overflow still happen, and checkers must skip points where the value is not finite or
 * finite differences are unreliable ({@code GradientCheck.Report.smooth()}).
 */
public final class RandomExpressions {
  public static final List<String> VARIABLES = List.of("x", "y", "z");
  /** The operators of the scalar language; unary minus is {@link Expr.Negate}. */
  public static final List<BinaryOp> OPERATORS =
      List.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE, BinaryOp.POWER);

  private static final List<BinaryOp> COMPARISONS =
      List.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER, BinaryOp.GREATER_EQUAL);

  private static final String[] CONSTANTS = {"1", "2", "3", "0.5", "1.5", "0.25", "0"};
  private static final String[] EXPONENTS = {"2", "3", "2", "-1", "4", "0", "1"};

  private final Random random;
  private final List<String> variables;
  private final int maxDepth;
  private final List<Op> functions = scalarFunctions();

  public RandomExpressions(Random random) {
    this(random, VARIABLES, 5);
  }

  public RandomExpressions(Random random, List<String> variables, int maxDepth) {
    this.random = random;
    this.variables = List.copyOf(variables);
    this.maxDepth = maxDepth;
  }

  /** Every {@link Op} users call by name that applies to scalars (matrix-only ops such as a matrix product are not). */
  public static List<Op> scalarFunctions() {
    return Arrays.stream(Op.values()).filter(op -> op.function() != null && op.isElementwise()).toList();
  }

  public String next() {
    return ExprPrinter.print(nextTree());
  }

  public Expr nextTree() {
    return gate(maxDepth);
  }

  private Expr expression(int depth) {
    return depth == 0 || random.nextInt(4) == 0 ? leaf() : gate(depth);
  }

  private Expr gate(int depth) {
    if (random.nextBoolean()) {
      Op op = functions.get(random.nextInt(functions.size()));
      return functionCall(op, depth - 1);
    }
    int pick = random.nextInt(OPERATORS.size() + 1);
    if (pick == OPERATORS.size()) return new Expr.Negate(expression(depth - 1), Span.NONE);
    BinaryOp op = OPERATORS.get(pick);
    return switch (op) {
      case POWER -> power(Op.POWER.function(), depth - 1);
      case DIVIDE -> binary(op, expression(depth - 1), random.nextBoolean() ? expression(depth - 1) : positive(depth - 1));
      default -> binary(op, expression(depth - 1), expression(depth - 1));
    };
  }

  private Expr functionCall(Op op, int depth) {
    if (op == Op.POWER) return power("pow", depth);
    if (op == Op.WHERE && random.nextBoolean()) {
      BinaryOp comparison = COMPARISONS.get(random.nextInt(COMPARISONS.size()));
      return call("where", binary(comparison, expression(depth), expression(depth)), expression(depth), expression(depth));
    }
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < op.arity(); i++) args.add(argument(op.domain(i), depth));
    return new Expr.Call(op.function(), args, Span.NONE, Span.NONE);
  }

  /** An argument that stays in the domain wherever it is defined (tan's half of the time: poles are worth meeting). */
  private Expr argument(Domain domain, int depth) {
    return switch (domain) {
      case ANY -> expression(depth);
      case POSITIVE -> positive(depth);
      case ABOVE_MINUS_ONE -> binary(BinaryOp.POWER, expression(depth), number("2"));
      case OPEN_UNIT -> binary(BinaryOp.MULTIPLY, number("0.9"), call("sin", expression(depth)));
      case HALF_PERIOD -> random.nextBoolean() ? call("sin", expression(depth)) : expression(depth);
    };
  }

  /** {@code a ^ b} or {@code pow(a, b)}: a small whole exponent, or a positive base. */
  private Expr power(String function, int depth) {
    Expr base;
    Expr exponent;
    switch (random.nextInt(3)) {
      case 0 -> {
        base = expression(depth);
        exponent = number(EXPONENTS[random.nextInt(EXPONENTS.length)]);
      }
      case 1 -> {
        base = positive(depth);
        exponent = expression(depth);
      }
      default -> {
        base = number(random.nextBoolean() ? "2" : "0.5");
        exponent = expression(depth);
      }
    }
    if (exponent instanceof Expr.Number n && n.value() < 0) {
      exponent = new Expr.Negate(number(n.text().substring(1)), Span.NONE);
    }
    return function.equals("pow") ? call("pow", base, exponent) : binary(BinaryOp.POWER, base, exponent);
  }

  /** An expression that is positive wherever it is defined. */
  private Expr positive(int depth) {
    Expr a = expression(depth);
    return switch (random.nextInt(3)) {
      case 0 -> binary(BinaryOp.ADD, number("1"), binary(BinaryOp.POWER, a, number("2")));
      case 1 -> call("exp", a);
      default -> binary(BinaryOp.ADD, binary(BinaryOp.POWER, a, number("2")), number("0.5"));
    };
  }

  private Expr leaf() {
    if (random.nextInt(4) == 0) return number(CONSTANTS[random.nextInt(CONSTANTS.length)]);
    return new Expr.Name(variables.get(random.nextInt(variables.size())), Span.NONE);
  }
}
