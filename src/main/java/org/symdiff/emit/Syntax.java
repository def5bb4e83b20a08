package org.symdiff.emit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Prints graph nodes as expressions with as few parentheses as precedence allows, in our own
 * language (which our parser reads back) or in Java (with the same formulas as
 * {@link org.symdiff.eval.Scalars}). Nodes that {@code names} names print as that name; the names
 * must not change during a printer's life, since each node's text is made once.
 */
public final class Syntax {
  public enum Dialect { LANGUAGE, JAVA }

  static final int SUM = 1;
  static final int PRODUCT = 2;
  private static final int PREFIX = 3;
  private static final int POWER = 4;
  static final int ATOM = 5;

  /** Printed text and how tightly it binds (SUM, PRODUCT, ..., ATOM). */
  record Printed(String text, int precedence) {}

  private final Dialect dialect;
  private final Function<Node, Printed> names;
  private final Map<Node, Printed> rendered = new HashMap<>();

  public Syntax(Dialect dialect, Function<Node, String> names) {
    this(n -> {
      String name = names.apply(n);
      return name == null ? null : new Printed(name, ATOM);
    }, dialect);
  }

  /** A printer whose named nodes may print as more than an atom ({@code u[i] * v[j]}). */
  static Syntax withParts(Dialect dialect, Function<Node, Printed> parts) {
    return new Syntax(parts, dialect);
  }

  private Syntax(Function<Node, Printed> parts, Dialect dialect) {
    this.dialect = dialect;
    this.names = parts;
  }

  public String print(Node n) {
    return render(n).text;
  }

  /** What {@code gate} computes, with its arguments by name even though the gate itself has one. */
  public String definition(Node gate) {
    return compute(gate).text;
  }

  /** {@code n} in a context that binds at least as tightly as {@code precedence}. */
  private String operand(Node n, int precedence) {
    Printed p = render(n);
    return p.precedence < precedence ? "(" + p.text + ")" : p.text;
  }

  /** As {@link #operand}, and never a leading minus after an operator: {@code a - (-b)}, not {@code a - -b}. */
  private String rightOperand(Node n, int precedence) {
    String text = operand(n, precedence);
    return text.startsWith("-") ? "(" + text + ")" : text;
  }

  /** Each node is rendered once per printer: a shared subexpression is text already made. */
  private Printed render(Node n) {
    Printed done = rendered.get(n);
    if (done != null) return done;
    Printed named = names.apply(n);
    Printed printed = named != null ? named : compute(n);
    rendered.put(n, printed);
    return printed;
  }

  private Printed compute(Node n) {
    return switch (n.op()) {
      case CONSTANT -> constant(n.value());
      case VARIABLE -> new Printed(n.name(), ATOM);
      // a runtime dimension: an int in Java, so a product of two gets a cast to stay in doubles
      case DIM -> new Printed(n.name(), ATOM);
      case ADJOINT -> throw new IllegalStateException("unnamed adjoint of " + n.target());
      case ADD -> infix(n, " + ", SUM);
      case SUBTRACT -> infix(n, " - ", SUM);
      // our language reads a product of products without parentheses; Java keeps the exact order
      case MULTIPLY -> dialect == Dialect.LANGUAGE && n.arg(1).op() == Op.MULTIPLY && names.apply(n.arg(1)) == null
          ? new Printed(operand(n.arg(0), PRODUCT) + " * " + rightOperand(n.arg(1), PRODUCT), PRODUCT)
          : infix(n, " * ", PRODUCT);
      case DIVIDE -> infix(n, " / ", PRODUCT);
      case MATMUL -> infix(n, " @ ", PRODUCT);
      case BROADCAST -> render(n.arg(0));
      case SUM_TO -> call(reduction(n), n);
      case NEGATE -> new Printed("-" + rightOperand(n.arg(0), PREFIX), PREFIX);
      case POWER -> power(n);
      default -> dialect == Dialect.JAVA ? javaFunction(n) : call(n.op().function(), n);
    };
  }

  /** The language's name for summing down to this node's shape. */
  private static String reduction(Node n) {
    if (n.shape().isScalar()) return "sum";
    return n.shape().rank() == 2 && n.shape().dim(1).isOne() && !n.arg(0).shape().fromRight(0).isOne()
        ? "rowsum" : "colsum";
  }

  private Printed constant(double v) {
    String text = dialect == Dialect.JAVA ? Numbers.javaLiteral(v) : Numbers.shortest(v);
    return new Printed(text, text.startsWith("-") ? PREFIX : ATOM);
  }

  private Printed infix(Node n, String op, int precedence) {
    return new Printed(operand(n.arg(0), precedence) + op + rightOperand(n.arg(1), precedence + 1), precedence);
  }

  private Printed power(Node n) {
    Node base = n.arg(0);
    Node exponent = n.arg(1);
    if (dialect == Dialect.LANGUAGE) {
      return new Printed(operand(base, ATOM) + " ^ " + rightOperand(exponent, POWER), POWER);
    }
    if (exponent.isConstant(2) && render(base).precedence == ATOM) {
      String b = operand(base, ATOM);
      return new Printed(b + " * " + b, PRODUCT);
    }
    return call("Math.pow", n);
  }

  private Printed call(String function, Node n) {
    StringBuilder s = new StringBuilder(function).append('(');
    for (int i = 0; i < n.args().size(); i++) {
      if (i > 0) s.append(", ");
      s.append(render(n.arg(i)).text);
    }
    return new Printed(s.append(')').toString(), ATOM);
  }

  private Printed javaFunction(Node n) {
    String a = render(n.arg(0)).text;
    String atomA = operand(n.arg(0), ATOM);
    String negA = "-" + rightOperand(n.arg(0), PREFIX);
    return switch (n.op()) {
      case EXP, LOG, SQRT, SIN, COS, TAN, TANH, ATAN, ABS, LOG1P, EXPM1, MAX, MIN ->
          call("Math." + n.op().function(), n);
      case SIGN -> call("Math.signum", n);
      // sigmoid(-x) is 1 / (1 + exp(x)): negating is exact, so this is the same number, written plainly
      case SIGMOID -> new Printed("1.0 / (1.0 + Math.exp(" + (n.arg(0).op() == Op.NEGATE && names.apply(n.arg(0)) == null
          ? render(n.arg(0).arg(0)).text : negA) + "))", PRODUCT);
      case RELU -> new Printed("Math.max(0.0, " + a + ")", ATOM);
      case STEP -> new Printed("(" + atomA + " > 0.0 ? 1.0 : 0.0)", ATOM);
      case SOFTPLUS -> new Printed("Math.max(" + a + ", 0.0) + Math.log1p(Math.exp(-Math.abs(" + a + ")))", SUM);
      default -> throw new IllegalStateException("no Java form for " + n.op());
    };
  }
}
