package org.symdiff.testing;

import java.util.List;
import org.symdiff.ast.Expr;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * Builds a scalar expression's AST into a graph of the caller's choosing, for instance
 * {@link Graph#unsimplified()} (the core's {@code Lowering} always simplifies). Names become
 * scalar variables; no error checking beyond what the graph does.
 */
public final class ExprGraphs {
  private ExprGraphs() {}

  public static Node build(Graph g, Expr e) {
    if (e instanceof Expr.Number n) return g.constant(n.value());
    if (e instanceof Expr.Name n) return g.variable(n.name(), Shape.SCALAR);
    if (e instanceof Expr.Negate n) return g.neg(build(g, n.operand()));
    if (e instanceof Expr.Call c) {
      Op op = Op.byFunction(c.function()).orElseThrow(() -> new IllegalArgumentException(c.function()));
      return g.apply(op, c.args().stream().map(a -> build(g, a)).toList());
    }
    Expr.Binary b = (Expr.Binary) e;
    Op op = switch (b.op()) {
      case ADD -> Op.ADD;
      case SUBTRACT -> Op.SUBTRACT;
      case MULTIPLY -> Op.MULTIPLY;
      case DIVIDE -> Op.DIVIDE;
      case POWER -> Op.POWER;
      case MATMUL -> throw new IllegalArgumentException("@ is not scalar");
    };
    return g.apply(op, List.of(build(g, b.left()), build(g, b.right())));
  }
}
