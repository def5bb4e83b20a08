package org.symdiff.testing;

import java.util.List;
import java.util.stream.Collectors;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Statement;

/**
 * Prints an AST back as source text with only the parentheses precedence needs, so that
 * {@code ProgramParser} reads back the same tree. For generated and shrunk test expressions and programs.
 */
public final class ExprPrinter {
  private static final int COMPARISON = 0;
  private static final int SUM = 1;
  private static final int PRODUCT = 2;
  private static final int PREFIX = 3;
  private static final int POWER = 4;
  private static final int ATOM = 5;

  private ExprPrinter() {}

  public static String print(Expr e) {
    return print(e, SUM);
  }

  /** The statements, joined by {@code separator} ({@code "\n"} for a file, {@code "; "} inline). */
  public static String print(List<Statement> program, String separator) {
    return program.stream().map(ExprPrinter::print).collect(Collectors.joining(separator));
  }

  public static String print(Statement s) {
    if (s instanceof Statement.Dim d) return "dim " + d.name() + (d.value() == null ? "" : " = " + print(d.value()));
    if (s instanceof Statement.Assign a) return a.name() + " = " + print(a.value());
    if (s instanceof Statement.Output o) return "output " + String.join(", ", o.names());
    if (s instanceof Statement.Evaluate e) return print(e.value());
    Statement.Declare d = (Statement.Declare) s;
    return d.kind().name().toLowerCase() + " " + d.names().stream().map(ExprPrinter::print).collect(Collectors.joining(", "));
  }

  private static String print(Statement.Declared v) {
    if (v.dims().isEmpty()) return v.name();
    return v.name() + v.dims().stream().map(ExprPrinter::print).collect(Collectors.joining(",", "[", "]"));
  }

  /** {@code e} in a place that needs at least {@code context} precedence. */
  private static String print(Expr e, int context) {
    int own = precedence(e);
    String text = text(e);
    return own < context ? "(" + text + ")" : text;
  }

  private static String text(Expr e) {
    if (e instanceof Expr.Number n) return n.text();
    if (e instanceof Expr.Name n) return n.name();
    if (e instanceof Expr.Negate n) return "-" + print(n.operand(), PREFIX);
    if (e instanceof Expr.Call c) {
      return c.function() + c.args().stream().map(ExprPrinter::print).collect(Collectors.joining(", ", "(", ")"));
    }
    if (e instanceof Expr.Index x) {
      return print(x.base(), ATOM) + x.subscripts().stream().map(Expr.Subscript::text).collect(Collectors.joining(", ", "[", "]"));
    }
    Expr.Binary b = (Expr.Binary) e;
    if (b.op() == Expr.BinaryOp.POWER) {
      // the exponent is a unary in the grammar: x ^ -y and x ^ y ^ z need no parentheses
      return print(b.left(), ATOM) + " ^ " + print(b.right(), PREFIX);
    }
    int level = precedence(b);
    // a comparison of comparisons is not in the grammar: its operands are sums at most
    int left = level == COMPARISON ? SUM : level;
    int right = level == COMPARISON ? SUM : level + 1;
    return print(b.left(), left) + " " + b.op().symbol + " " + print(b.right(), right);
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Negate) return PREFIX;
    if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> COMPARISON;
        case ADD, SUBTRACT -> SUM;
        case MULTIPLY, DIVIDE, MATMUL -> PRODUCT;
        case POWER -> POWER;
      };
    }
    return ATOM;
  }
}
