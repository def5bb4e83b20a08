package org.symdiff.testing;

import java.util.List;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Expr.BinaryOp;
import org.symdiff.ast.Span;

/** Building AST nodes in tests and generators, where no source position applies. */
public final class Asts {
  private Asts() {}

  public static Expr name(String name) {
    return new Expr.Name(name, Span.NONE);
  }

  public static Expr number(String text) {
    return new Expr.Number(Double.parseDouble(text), text, Span.NONE);
  }

  public static Expr binary(BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Span.NONE);
  }

  public static Expr call(String function, Expr... args) {
    return new Expr.Call(function, List.of(args), Span.NONE, Span.NONE);
  }
}
