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
 * must not change during a printer's life, since each node's name is looked up once.
 *
 * <p>Everything is written into one {@link StringBuilder}: how a node prints (its precedence and
 * whether it starts with a minus) is decided without making its text, so printing takes time and
 * memory proportional to the output, however deep the expression nests.
 */
public final class Syntax {
  public enum Dialect { LANGUAGE, JAVA }

  static final int SUM = 1;
  static final int PRODUCT = 2;
  private static final int PREFIX = 3;
  private static final int POWER = 4;
  static final int ATOM = 5;

  /** Text a caller prints a node as, and how tightly it binds (SUM, PRODUCT, ..., ATOM). */
  record Printed(String text, int precedence) {}

  /** How a node prints: as {@code name} when it has one, binding as {@code precedence}. */
  private record Form(String name, int precedence, boolean leadingMinus) {}

  private final Dialect dialect;
  private final Function<Node, Printed> names;
  private final Map<Node, Form> forms = new HashMap<>();
  /** Where the operators this printer writes are counted, or null. */
  private final OpTally tally;

  public Syntax(Dialect dialect, Function<Node, String> names) {
    this(n -> {
      String name = names.apply(n);
      return name == null ? null : new Printed(name, ATOM);
    }, dialect, null);
  }

  /** A printer whose named nodes may print as more than an atom ({@code u[i] * v[j]}). */
  static Syntax withParts(Dialect dialect, Function<Node, Printed> parts) {
    return new Syntax(parts, dialect, null);
  }

  private Syntax(Function<Node, Printed> parts, Dialect dialect, OpTally tally) {
    this.dialect = dialect;
    this.names = parts;
    this.tally = tally;
  }

  /** The same printer, counting in {@code tally} each operation of the Java it writes. */
  Syntax counting(OpTally tally) {
    return new Syntax(names, dialect, tally);
  }

  /** Counts the addition of a {@code +=} the caller writes around this printer's text. */
  void countAccumulation() {
    count(OpTally.ADD_SUB);
  }

  private void count(String kind) {
    if (tally != null) tally.add(kind);
  }

  public String print(Node n) {
    StringBuilder out = new StringBuilder();
    write(n, out);
    return out.toString();
  }

  /** What {@code gate} computes, with its arguments by name even though the gate itself has one. */
  public String definition(Node gate) {
    StringBuilder out = new StringBuilder();
    compute(gate, out);
    return out.toString();
  }

  private void write(Node n, StringBuilder out) {
    String name = form(n).name;
    if (name != null) out.append(name);
    else compute(n, out);
  }

  /** {@code n} in a context that binds at least as tightly as {@code precedence}. */
  private void operand(Node n, int precedence, StringBuilder out) {
    if (form(n).precedence < precedence) parenthesized(n, out);
    else write(n, out);
  }

  /** As {@link #operand}, and never a leading minus after an operator: {@code a - (-b)}, not {@code a - -b}. */
  private void rightOperand(Node n, int precedence, StringBuilder out) {
    Form f = form(n);
    if (f.precedence < precedence || f.leadingMinus) parenthesized(n, out);
    else write(n, out);
  }

  private void parenthesized(Node n, StringBuilder out) {
    out.append('(');
    write(n, out);
    out.append(')');
  }

  private boolean operandStartsWithMinus(Node n, int precedence) {
    Form f = form(n);
    return f.precedence >= precedence && f.leadingMinus;
  }

  // ---- how each node prints, decided once per node and without its text

  private Form form(Node n) {
    Form done = forms.get(n);
    if (done != null) return done;
    Printed named = names.apply(n);
    Form form = named != null ? new Form(named.text(), named.precedence(), named.text().startsWith("-")) : computedForm(n);
    forms.put(n, form);
    return form;
  }

  private Form computedForm(Node n) {
    return switch (n.op()) {
      case CONSTANT -> {
        String text = constant(n.value());
        yield new Form(null, text.contains(" / ") ? PRODUCT : text.startsWith("-") ? PREFIX : ATOM, text.startsWith("-"));
      }
      case VARIABLE, DIM -> new Form(null, ATOM, false);
      case ADJOINT -> throw new IllegalStateException("unnamed adjoint of " + n.target());
      case ADD, SUBTRACT -> new Form(null, SUM, operandStartsWithMinus(n.arg(0), SUM));
      case MULTIPLY, DIVIDE, MATMUL -> new Form(null, PRODUCT, operandStartsWithMinus(n.arg(0), PRODUCT));
      case BROADCAST -> form(n.arg(0));
      case NEGATE -> new Form(null, PREFIX, true);
      case POWER -> dialect == Dialect.LANGUAGE ? new Form(null, POWER, false)
          : isJavaSquare(n) ? new Form(null, PRODUCT, form(n.arg(0)).leadingMinus) : new Form(null, ATOM, false);
      case SIGMOID -> new Form(null, dialect == Dialect.JAVA ? PRODUCT : ATOM, false);
      case SOFTPLUS -> new Form(null, dialect == Dialect.JAVA ? SUM : ATOM, false);
      default -> new Form(null, ATOM, false);
    };
  }

  /** Java squares a name by multiplying: {@code x * x}, not {@code Math.pow(x, 2.0)}. */
  private boolean isJavaSquare(Node n) {
    return n.arg(1).isConstant(2) && form(n.arg(0)).precedence == ATOM;
  }

  // ---- the text

  private void compute(Node n, StringBuilder out) {
    switch (n.op()) {
      case CONSTANT -> out.append(constant(n.value()));
      // a runtime dimension prints as its name (an int in Java, which the array emitter names)
      case VARIABLE, DIM -> out.append(n.name());
      case ADJOINT -> throw new IllegalStateException("unnamed adjoint of " + n.target());
      case ADD -> {
        count(OpTally.ADD_SUB);
        infix(n, " + ", SUM, out);
      }
      case SUBTRACT -> {
        count(OpTally.ADD_SUB);
        infix(n, " - ", SUM, out);
      }
      case MULTIPLY -> {
        count(OpTally.MUL_DIV);
        // our language reads a product of products without parentheses; Java keeps the exact order
        if (dialect == Dialect.LANGUAGE && n.arg(1).op() == Op.MULTIPLY && form(n.arg(1)).name == null) {
          operand(n.arg(0), PRODUCT, out);
          out.append(" * ");
          rightOperand(n.arg(1), PRODUCT, out);
        } else {
          infix(n, " * ", PRODUCT, out);
        }
      }
      case DIVIDE -> {
        count(OpTally.MUL_DIV);
        infix(n, " / ", PRODUCT, out);
      }
      case MATMUL -> infix(n, " @ ", PRODUCT, out);
      case BROADCAST -> write(n.arg(0), out);
      case SUM_TO -> call(reduction(n), n, out);
      case NEGATE -> {
        count(OpTally.ADD_SUB);
        out.append('-');
        rightOperand(n.arg(0), PREFIX, out);
      }
      case POWER -> power(n, out);
      default -> {
        if (dialect == Dialect.JAVA) javaFunction(n, out);
        else call(n.op().function(), n, out);
      }
    }
  }

  /** The language's name for summing down to this node's shape. */
  private static String reduction(Node n) {
    if (n.shape().isScalar()) return "sum";
    return n.shape().rank() == 2 && n.shape().dim(1).isOne() && !n.arg(0).shape().fromRight(0).isOne()
        ? "rowsum" : "colsum";
  }

  /** A constant; the language spells NaN and the infinities as the quotients that make them. */
  private String constant(double v) {
    if (dialect == Dialect.JAVA) return Numbers.javaLiteral(v);
    if (Double.isNaN(v)) return "0 / 0";
    if (Double.isInfinite(v)) return v > 0 ? "1 / 0" : "-1 / 0";
    return Numbers.shortest(v);
  }

  private void infix(Node n, String op, int precedence, StringBuilder out) {
    operand(n.arg(0), precedence, out);
    out.append(op);
    rightOperand(n.arg(1), precedence + 1, out);
  }

  private void power(Node n, StringBuilder out) {
    Node base = n.arg(0);
    if (dialect == Dialect.LANGUAGE) {
      operand(base, ATOM, out);
      out.append(" ^ ");
      rightOperand(n.arg(1), POWER, out);
    } else if (isJavaSquare(n)) {
      count(OpTally.MUL_DIV);
      write(base, out);
      out.append(" * ");
      write(base, out);
    } else {
      count("pow");
      call("Math.pow", n, out);
    }
  }

  private void call(String function, Node n, StringBuilder out) {
    out.append(function).append('(');
    for (int i = 0; i < n.args().size(); i++) {
      if (i > 0) out.append(", ");
      write(n.arg(i), out);
    }
    out.append(')');
  }

  private void javaFunction(Node n, StringBuilder out) {
    Node a = n.arg(0);
    switch (n.op()) {
      case EXP, LOG, SQRT, SIN, COS, TAN, TANH, ATAN, ABS, LOG1P, EXPM1, MAX, MIN -> {
        count(n.op().function());
        call("Math." + n.op().function(), n, out);
      }
      case SIGN -> {
        count("signum");
        call("Math.signum", n, out);
      }
      case SIGMOID -> {
        count("exp");
        count(OpTally.ADD_SUB);
        count(OpTally.MUL_DIV);
        // sigmoid(-x) is 1 / (1 + exp(x)): negating is exact, so this is the same number, written plainly
        out.append("1.0 / (1.0 + Math.exp(");
        if (a.op() == Op.NEGATE && form(a).name == null) {
          write(a.arg(0), out);
        } else {
          count(OpTally.ADD_SUB);
          out.append('-');
          rightOperand(a, PREFIX, out);
        }
        out.append("))");
      }
      case RELU -> {
        count("max");
        out.append("Math.max(0.0, ");
        write(a, out);
        out.append(')');
      }
      case STEP -> {
        count(OpTally.COMPARE);
        out.append('(');
        operand(a, ATOM, out);
        out.append(" > 0.0 ? 1.0 : 0.0)");
      }
      case XLOGY -> {
        count(OpTally.COMPARE);
        count(OpTally.COMPARE);
        count(OpTally.MUL_DIV);
        count("log");
        out.append('(');
        operand(a, ATOM, out);
        out.append(" == 0.0 && !Double.isNaN(");
        write(n.arg(1), out);
        out.append(") ? 0.0 : ");
        operand(a, PRODUCT, out);
        out.append(" * Math.log(");
        write(n.arg(1), out);
        out.append("))");
      }
      case SOFTPLUS -> {
        for (String kind : new String[] {"max", OpTally.ADD_SUB, "log1p", "exp", OpTally.ADD_SUB, "abs"}) count(kind);
        out.append("Math.max(");
        write(a, out);
        out.append(", 0.0) + Math.log1p(Math.exp(-Math.abs(");
        write(a, out);
        out.append(")))");
      }
      default -> throw new IllegalStateException("no Java form for " + n.op());
    }
  }
}
