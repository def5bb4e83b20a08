package org.symdiff.emit;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Prints graph nodes as expressions with as few parentheses as precedence allows, in our own
 * language (which our parser reads back) or in Java (each function by its template, which
 * computes what {@link Op#apply} does). Nodes that {@code names} names print as that name; the names
 * must not change during a printer's life, since each node's name is looked up once.
 *
 * <p>Everything is written into one {@link StringBuilder}: how a node prints (its precedence and
 * whether it starts with a minus) is decided without making its text, so printing takes time and
 * memory proportional to the output, however deep the expression nests.
 */
public final class Syntax {
  public enum Dialect { LANGUAGE, JAVA }

  /** Comparisons bind loosest; the language never nests one directly in another. */
  private static final int COMPARISON = 0;
  static final int SUM = 1;
  static final int PRODUCT = 2;
  static final int PREFIX = 3;
  private static final int POWER = 4;
  static final int ATOM = 5;

  /** Text a caller prints a node as, and how tightly it binds (SUM, PRODUCT, ..., ATOM). */
  record Printed(String text, int precedence) {}

  /** How a node prints: as {@code name} when it has one, binding as {@code precedence}. */
  private record Form(String name, int precedence, boolean leadingMinus) {}

  /** The forms without a name, one per precedence and sign: most nodes have one, and a million nodes made a million copies. */
  private static final Form[] UNNAMED = java.util.stream.IntStream.range(0, 2 * (ATOM + 1))
      .mapToObj(i -> new Form(null, i / 2, i % 2 == 1)).toArray(Form[]::new);

  private static Form unnamed(int precedence, boolean leadingMinus) {
    return UNNAMED[2 * precedence + (leadingMinus ? 1 : 0)];
  }

  private final Dialect dialect;
  private final Function<Node, Printed> names;
  /** By identity (nodes are hash-consed): open addressing without an entry object per node, for a million of them. */
  private final Map<Node, Form> forms = new IdentityHashMap<>();
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

  /**
   * A printer that prints each node of {@code aliases} as its alias, with fresh forms, counting
   * where this one counts: for one backward step, whose later shares read an earlier share by the
   * adjoint it was stored in.
   */
  Syntax withAliases(Map<Node, String> aliases) {
    return new Syntax(n -> {
      String alias = aliases.get(n);
      return alias != null ? new Printed(alias, ATOM) : names.apply(n);
    }, dialect, tally);
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
        String text = Spellings.constant(n.value(), dialect);
        yield unnamed(text.contains(" / ") ? PRODUCT : text.startsWith("-") ? PREFIX : ATOM, text.startsWith("-"));
      }
      case VARIABLE, DIM -> unnamed(ATOM, false);
      case ADJOINT -> throw new IllegalStateException("unnamed adjoint of " + n.target());
      case TANGENT -> throw new IllegalStateException("unnamed tangent of " + n.target());
      case ADD, SUBTRACT -> unnamed(SUM, operandStartsWithMinus(n.arg(0), SUM));
      case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> dialect == Dialect.LANGUAGE
          ? unnamed(COMPARISON, operandStartsWithMinus(n.arg(0), SUM)) : unnamed(ATOM, false);
      case MULTIPLY, DIVIDE -> unnamed(PRODUCT,
          dialect == Dialect.LANGUAGE ? productStartsWithMinus(n, false) : operandStartsWithMinus(n.arg(0), PRODUCT));
      case MATMUL -> unnamed(PRODUCT, operandStartsWithMinus(n.arg(0), PRODUCT));
      case BROADCAST -> form(n.arg(0));
      case SLICE -> unnamed(ATOM, false);
      case NEGATE -> isNegatedProduct(n) ? unnamed(PRODUCT, productStartsWithMinus(n.arg(0), true))
          : unnamed(PREFIX, true);
      case POWER -> dialect == Dialect.LANGUAGE ? unnamed(POWER, false)
          : isJavaSquare(n) ? unnamed(PRODUCT, form(n.arg(0)).leadingMinus) : unnamed(ATOM, false);
      default -> unnamed(dialect == Dialect.JAVA && n.op().java() != null ? JavaTemplate.of(n.op()).precedence : ATOM,
          false);
    };
  }

  /** Java squares a name by multiplying: {@code x * x}, not {@code Math.pow(x, 2.0)}. */
  private boolean isJavaSquare(Node n) {
    return n.arg(1).isConstant(2) && form(n.arg(0)).precedence == ATOM;
  }

  // ---- the text

  private void compute(Node n, StringBuilder out) {
    switch (n.op()) {
      case CONSTANT -> out.append(Spellings.constant(n.value(), dialect));
      // a runtime dimension prints as its name (an int in Java, which the array emitter names)
      case VARIABLE, DIM -> out.append(n.name());
      case ADJOINT -> throw new IllegalStateException("unnamed adjoint of " + n.target());
      case TANGENT -> throw new IllegalStateException("unnamed tangent of " + n.target());
      case ADD, SUBTRACT -> {
        count(OpTally.ADD_SUB);
        boolean add = n.op() == Op.ADD;
        if (isNegativeTerm(n.arg(1))) {
          // a + (-2 * y) reads a - 2 * y
          operand(n.arg(0), SUM, out);
          out.append(add ? " - " : " + ");
          magnitude(n.arg(1), out);
        } else {
          infix(n, add ? " + " : " - ", SUM, out);
        }
      }
      case MULTIPLY, DIVIDE -> {
        count(OpTally.MUL_DIV);
        if (dialect == Dialect.LANGUAGE) product(n, false, out);
        else infix(n, n.op() == Op.MULTIPLY ? " * " : " / ", PRODUCT, out);
      }
      case MATMUL -> infix(n, " @ ", PRODUCT, out);
      case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> {
        if (dialect == Dialect.JAVA) {
          javaFunction(n, out);
        } else {
          operand(n.arg(0), SUM, out);
          out.append(' ').append(n.op().symbol()).append(' ');
          rightOperand(n.arg(1), SUM, out);
        }
      }
      case WHERE -> {
        if (dialect == Dialect.JAVA) where(n, out);
        else call(n.op().function(), n, out);
      }
      case BROADCAST -> write(n.arg(0), out);
      case SLICE -> {
        operand(n.arg(0), ATOM, out);
        out.append('[').append(Spellings.subscripts(n)).append(']');
      }
      // a slice's adjoint: the language has no zeros-with-a-window, so it prints as a call
      case PAD -> {
        out.append("pad(");
        write(n.arg(0), out);
        out.append(", [").append(Spellings.subscripts(n)).append("])");
      }
      case SUM_TO, MAX_TO -> call(Spellings.reduction(n), n, out);
      case NEGATE -> {
        count(OpTally.ADD_SUB);
        if (isNegatedProduct(n)) {
          product(n.arg(0), true, out);
        } else {
          out.append('-');
          rightOperand(n.arg(0), PREFIX, out);
        }
      }
      case POWER -> power(n, out);
      default -> {
        if (dialect == Dialect.JAVA) javaFunction(n, out);
        else call(n.op().function(), n, out);
      }
    }
  }

  // ---- our language reads like mathematics: -x * y, a - 2 * y, x ^ 2 / 2 (each parses back to the same value)

  /** In our language, -(x * y) prints -x * y and -(x / y) prints -x / y: the same value. */
  private boolean isNegatedProduct(Node n) {
    Node arg = n.arg(0);
    return dialect == Dialect.LANGUAGE && (arg.op() == Op.MULTIPLY || arg.op() == Op.DIVIDE) && form(arg).name == null;
  }

  /** A term printed after a minus: a negative constant, or a product or quotient whose coefficient is one. */
  private boolean isNegativeTerm(Node n) {
    if (form(n).name != null) return false;
    if (n.isConstant()) return n.value() < 0;
    return (n.op() == Op.MULTIPLY || n.op() == Op.DIVIDE) && isUnnamedConstant(n.arg(0)) && n.arg(0).value() < 0;
  }

  private boolean isUnnamedConstant(Node n) {
    return n.isConstant() && form(n).name == null;
  }

  /** The negation of a negative term, as {@link #isNegativeTerm} allows. */
  private void magnitude(Node n, StringBuilder out) {
    if (n.isConstant()) {
      out.append(Spellings.constant(-n.value(), dialect));
    } else if (dialect == Dialect.LANGUAGE) {
      product(n, true, out);
    } else {
      // Java: the same product, its constant negated (exact), a - 2.0 * b for a + -2.0 * b
      count(OpTally.MUL_DIV);
      out.append(Spellings.constant(-n.arg(0).value(), dialect)).append(n.op() == Op.MULTIPLY ? " * " : " / ");
      rightOperand(n.arg(1), PRODUCT + 1, out);
    }
  }

  /** The k of a coefficient 1/k or -1/k, a whole number from 2 to 1000, or 0: 0.5 * x prints x / 2. */
  private static long reciprocal(double c) {
    double k = 1 / Math.abs(c);
    return k == Math.rint(k) && k >= 2 && k <= 1000 && 1 / k == Math.abs(c) ? (long) k : 0;
  }

  private boolean hasReciprocalCoefficient(Node n) {
    return n.op() == Op.MULTIPLY && isUnnamedConstant(n.arg(0)) && !n.arg(1).isConstant() && reciprocal(n.arg(0).value()) != 0;
  }

  /** Whether {@link #product} prints {@code n}, negated or not, with a leading minus. */
  private boolean productStartsWithMinus(Node n, boolean negated) {
    Node left = n.arg(0);
    if (hasReciprocalCoefficient(n)) return (left.value() < 0) != negated || operandStartsWithMinus(n.arg(1), PRODUCT);
    if (isUnnamedConstant(left)) return Spellings.constant(negated ? -left.value() : left.value(), dialect).startsWith("-");
    return negated || operandStartsWithMinus(left, PRODUCT);
  }

  /**
   * A product or quotient in our language, negated when {@code negated}: the sign goes into a
   * leading constant or before the first operand; a coefficient 1/k divides ({@code x ^ 2 / 2});
   * a product or quotient on the right reads without parentheses ({@code x * y / z}).
   */
  private void product(Node n, boolean negated, StringBuilder out) {
    Node left = n.arg(0);
    Node right = n.arg(1);
    if (hasReciprocalCoefficient(n)) {
      boolean minus = (left.value() < 0) != negated;
      if (minus) out.append('-');
      if (minus) rightOperand(right, PRODUCT, out);
      else operand(right, PRODUCT, out);
      out.append(" / ").append(reciprocal(left.value()));
      return;
    }
    if (isUnnamedConstant(left)) {
      out.append(Spellings.constant(negated ? -left.value() : left.value(), dialect));
    } else if (negated) {
      out.append('-');
      rightOperand(left, PRODUCT, out);
    } else {
      operand(left, PRODUCT, out);
    }
    boolean flat = n.op() == Op.MULTIPLY && (right.op() == Op.MULTIPLY || right.op() == Op.DIVIDE) && form(right).name == null;
    out.append(n.op() == Op.MULTIPLY ? " * " : " / ");
    rightOperand(right, flat ? PRODUCT : PRODUCT + 1, out);
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
      javaFunction(n, out);
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

  /** {@code (a < b ? x : y)}: a condition that is a comparison of its own is tested directly, not as a 0/1 mask. */
  private void where(Node n, StringBuilder out) {
    Node condition = n.arg(0);
    if (condition.op().symbol() == null || form(condition).name != null) {
      javaFunction(n, out);
      return;
    }
    count(OpTally.COMPARE);
    out.append('(');
    operand(condition.arg(0), SUM, out);
    out.append(' ').append(condition.op().symbol()).append(' ');
    rightOperand(condition.arg(1), SUM, out);
    out.append(" ? ");
    operand(n.arg(1), SUM, out);
    out.append(" : ");
    operand(n.arg(2), SUM, out);
    out.append(')');
  }

  /** A function by its Java template, each argument in its slot. */
  private void javaFunction(Node n, StringBuilder out) {
    if (n.op().java() == null) throw new IllegalStateException("no Java form for " + n.op());
    JavaTemplate t = JavaTemplate.of(n.op());
    for (int k = 0; k < t.slots.size(); k++) {
      text(t.texts.get(k), t.costs.get(k), out);
      JavaTemplate.Slot slot = t.slots.get(k);
      Node arg = n.arg(slot.arg());
      if (slot.negated() && arg.op() == Op.NEGATE && form(arg).name == null) {
        // -(-x) is x exactly: sigmoid(-x) is written 1.0 / (1.0 + Math.exp(x))
        operand(arg.arg(0), slot.precedence(), out);
      } else if (slot.negated()) {
        count(OpTally.ADD_SUB);
        out.append('-');
        rightOperand(arg, slot.precedence(), out);
      } else if (slot.afterOperator()) {
        rightOperand(arg, slot.precedence(), out);
      } else {
        operand(arg, slot.precedence(), out);
      }
    }
    text(t.texts.get(t.texts.size() - 1), t.costs.get(t.costs.size() - 1), out);
  }

  private void text(String text, java.util.Map<String, Integer> cost, StringBuilder out) {
    out.append(text);
    if (tally != null) cost.forEach(tally::add);
  }
}
