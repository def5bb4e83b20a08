package org.symdiff.testing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.symdiff.ast.Expr;

/**
 * Counts the operators and functions seen in expressions, so a property test can assert that
 * its run exercised every one of them (unary minus counts as {@code "unary -"}).
 */
public final class Coverage {
  public static final String NEGATE = "unary -";

  private final Map<String, Integer> seen = new TreeMap<>();

  /** Every operator and every scalar function an expression can use. */
  public static Set<String> everything() {
    Set<String> all = new TreeSet<>();
    RandomExpressions.OPERATORS.forEach(op -> all.add(op.symbol));
    all.add(NEGATE);
    RandomExpressions.scalarFunctions().forEach(op -> all.add(op.function()));
    return all;
  }

  public void count(Expr e) {
    if (e instanceof Expr.Negate n) {
      seen.merge(NEGATE, 1, Integer::sum);
      count(n.operand());
    } else if (e instanceof Expr.Binary b) {
      seen.merge(b.op().symbol, 1, Integer::sum);
      count(b.left());
      count(b.right());
    } else if (e instanceof Expr.Call c) {
      seen.merge(c.function(), 1, Integer::sum);
      c.args().forEach(this::count);
    }
  }

  /** The operators and functions of {@link #everything()} never counted. */
  public Set<String> missing() {
    Set<String> missing = everything();
    missing.removeAll(seen.keySet());
    return missing;
  }

  @Override
  public String toString() {
    return seen.toString();
  }
}
