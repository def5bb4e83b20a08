package org.symdiff.ast;

import java.util.stream.Collectors;

/** An expression written back as source text, for messages ("W1 @ x: ..."). */
public final class ExprText {
  private ExprText() {}

  public static String of(Expr e) {
    if (e instanceof Expr.Number n) return n.text();
    if (e instanceof Expr.Name n) return n.name();
    if (e instanceof Expr.Negate n) return "-" + operand(n.operand());
    if (e instanceof Expr.Binary b) {
      // ^ binds tighter than unary minus: (-A)^2 written -A ^ 2 would read as -(A ^ 2)
      String left = b.op() == Expr.BinaryOp.POWER && b.left() instanceof Expr.Negate ? "(" + of(b.left()) + ")" : operand(b.left());
      return left + " " + b.op().symbol + " " + operand(b.right());
    }
    if (e instanceof Expr.Index i) {
      String base = i.base() instanceof Expr.Negate ? "(" + of(i.base()) + ")" : operand(i.base());
      return base + i.subscripts().stream().map(Expr.Subscript::text).collect(Collectors.joining(", ", "[", "]"));
    }
    Expr.Call c = (Expr.Call) e;
    return c.function() + "(" + c.args().stream().map(ExprText::of).collect(Collectors.joining(", ")) + ")";
  }

  private static String operand(Expr e) {
    return e instanceof Expr.Binary ? "(" + of(e) + ")" : of(e);
  }
}
