package org.symdiff.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.symdiff.ast.Expr;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Counts the operators and functions seen in expressions, so a property test can assert that
 * its run exercised every one of them (unary minus counts as {@code "unary -"}); for programs,
 * also the gates of the graphs that were differentiated (as {@code "MATMUL gate"}).
 */
public final class Coverage {
  public static final String NEGATE = "unary -";
  public static final String INDEX = "x[...]";

  private final Set<String> expected;
  private final Map<String, Integer> seen = new TreeMap<>();

  /** Coverage of the scalar language, {@link #everything()}. */
  public Coverage() {
    this(everything());
  }

  private Coverage(Set<String> expected) {
    this.expected = expected;
  }

  /** Every operator and every scalar function an expression can use. */
  public static Set<String> everything() {
    Set<String> all = new TreeSet<>();
    RandomExpressions.OPERATORS.forEach(op -> all.add(op.symbol));
    all.add(NEGATE);
    RandomExpressions.scalarFunctions().forEach(op -> all.add(op.function()));
    return all;
  }

  /**
   * Coverage of programs: the scalar language, {@code @} and the array functions, and every gate
   * of the graph in a forward or backward program (the reverse sweep's BROADCAST and SUM_TO included).
   */
  public static Coverage ofPrograms() {
    Set<String> all = everything();
    all.add(Expr.BinaryOp.MATMUL.symbol);
    all.add(INDEX);
    all.addAll(RandomPrograms.ARRAY_FUNCTIONS);
    Arrays.stream(Op.values()).filter(op -> !op.isLeaf()).forEach(op -> all.add(gate(op)));
    return new Coverage(all);
  }

  private static String gate(Op op) {
    return op + " gate";
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
    } else if (e instanceof Expr.Index x) {
      seen.merge(INDEX, 1, Integer::sum);
      count(x.base());
    }
  }

  /** Counts each gate of the forward program and of every backward contribution once. */
  public void count(Gradient gradient) {
    Set<Node> visited = new HashSet<>();
    List<Node> stack = new ArrayList<>(gradient.forward());
    gradient.steps().forEach(s -> s.contributions().forEach(c -> stack.add(c.expression())));
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (!visited.add(n) || n.op().isLeaf()) continue;
      seen.merge(gate(n.op()), 1, Integer::sum);
      stack.addAll(n.args());
    }
  }

  /** The operators, functions and gates expected but never counted. */
  public Set<String> missing() {
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(seen.keySet());
    return missing;
  }

  @Override
  public String toString() {
    return seen.toString();
  }
}
