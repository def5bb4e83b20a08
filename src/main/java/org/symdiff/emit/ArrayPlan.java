package org.symdiff.emit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.StatementGradient;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * What the forward section of an array class keeps: every value the program named, every gate
 * another statement reads, the results of whole-array operations, and what the backward section
 * reads that would be costly to compute again. Everything else is computed inside the loop that
 * uses it. Also which loops each matrix product gets.
 */
final class ArrayPlan {
  /** How a matrix product is written. */
  enum Product {
    /** Each element a short sum, computed where it is used (inner dimension up to {@link #INLINE_INNER}). */
    INLINE,
    /** A dot product per element: few columns, so the inner loop runs along the long axis. */
    DOT,
    /** The blocked kernel over rows of the right operand, for at least {@link #ROWS_MIN_COLUMNS} columns. */
    ROWS
  }

  static final int INLINE_INNER = 8;
  static final int ROWS_MIN_COLUMNS = 8;
  /** Products of fewer multiply-adds than this stay in plain loops, where the kernel's packing costs more than it saves. */
  static final long ROWS_MIN_WORK = 4096;

  /** Gates a loop computes from their arguments more cheaply than it loads them from memory (a division is not). */
  private static final Set<Op> CHEAP = EnumSet.of(Op.NEGATE, Op.ADD, Op.SUBTRACT, Op.MULTIPLY, Op.MAX,
      Op.MIN, Op.ABS, Op.RELU, Op.SIGN, Op.STEP, Op.BROADCAST, Op.TRANSPOSE, Op.SLICE);

  private final Set<Node> stored = new HashSet<>();
  private final Set<Node> readBackward = new HashSet<>();
  private final Set<Node> named;
  /** Large products written straight into the array of the one gate that reads them (a bias add). */
  private final Map<Node, Node> writtenInto = new HashMap<>();

  ArrayPlan(StatementGradient program, Set<Node> named) {
    this.named = named;
    Map<Node, List<Node>> users = new HashMap<>();
    for (Node gate : program.forward()) for (Node arg : gate.args()) users.computeIfAbsent(arg, a -> new ArrayList<>()).add(gate);
    for (Node gate : program.forward()) {
      if (program.boundary().contains(gate) || needsArray(gate, users.getOrDefault(gate, List.of()))) stored.add(gate);
    }
    Set<Node> forward = new HashSet<>(program.forward());
    for (StatementGradient.Region region : program.regions()) {
      for (Gradient.Contribution c : region.contributions()) markReads(c.expression(), forward);
    }
    // one product per reader: a second one written into the same array overwrote the first (x @ W + y @ W)
    Set<Node> readersTaken = new HashSet<>();
    for (Node gate : program.forward()) {
      List<Node> reading = users.getOrDefault(gate, List.of());
      if (gate.op() == Op.MATMUL && product(gate) == Product.ROWS && reading.size() == 1 && !readBackward.contains(gate)
          && !program.boundary().contains(gate) && stored.contains(reading.get(0))
          && reading.get(0).op().isElementwise() && reading.get(0).shape().equals(gate.shape())
          && program.owners().get(reading.get(0)) == program.owners().get(gate) && readersTaken.add(reading.get(0))) {
        writtenInto.put(gate, reading.get(0));
      }
    }
  }

  /**
   * The gate whose array a large product is written into, or null: when its one reader is an
   * elementwise gate of its shape, that gate then updates the array in place ({@code Z1 += b1}).
   */
  Node writtenInto(Node product) {
    return writtenInto.get(product);
  }

  /** Whether the forward section keeps {@code gate}'s value. */
  boolean isStored(Node gate) {
    return stored.contains(gate);
  }

  /** Whether a kept scalar must outlive the forward method: named (it has a getter) or read backward. */
  boolean outlivesForward(Node gate) {
    return named.contains(gate) || readBackward.contains(gate);
  }

  private static boolean needsArray(Node gate, List<Node> users) {
    return switch (gate.op()) {
      case SUM_TO, MAX_TO, SOFTMAX, LOGSUMEXP, OUTER -> true;
      case MATMUL -> product(gate) != Product.INLINE || users.size() != 1 || !fusesInto(gate, users.get(0));
      default -> false;
    };
  }

  /** An inline product can be computed in its user's loop when that loop runs over the product's shape. */
  private static boolean fusesInto(Node product, Node user) {
    Node loop = user.op() == Op.SUM_TO ? user.arg(0) : user;
    return (user.op().isElementwise() || user.op() == Op.SUM_TO) && loop.shape().equals(product.shape());
  }

  /**
   * Walks a backward expression down to what it reads of the forward section: kept values are
   * read, cheap gates computed again from their arguments, costly ones kept for the backward.
   */
  private void markReads(Node expression, Set<Node> forward) {
    List<Node> stack = new ArrayList<>(List.of(expression));
    Set<Node> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (!seen.add(n) || n.op().isLeaf()) continue;
      if (forward.contains(n)) {
        if (!isCheap(n)) stored.add(n);
        if (stored.contains(n)) {
          readBackward.add(n);
          continue;
        }
      }
      stack.addAll(n.args());
    }
  }

  /** A gate cheaper to compute again than to keep: a {@link #CHEAP} op, or a square (one multiplication). */
  static boolean isCheap(Node gate) {
    return CHEAP.contains(gate.op()) || (gate.op() == Op.POWER && gate.arg(1).isConstant(2));
  }

  /** The loops a product {@code a @ b} gets, from its sizes (a runtime dimension counts as large). */
  static Product product(Node matmul) {
    Node a = matmul.arg(0);
    Node b = matmul.arg(1);
    Dim inner = a.shape().dim(a.shape().rank() - 1);
    Dim columns = b.shape().rank() == 2 ? b.shape().dim(1) : Dim.ONE;
    Dim rows = a.shape().rank() == 2 ? a.shape().dim(0) : Dim.ONE;
    if (inner.isFixed() && inner.size() <= INLINE_INNER) return Product.INLINE;
    boolean wide = !columns.isFixed() || columns.size() >= ROWS_MIN_COLUMNS;
    long work = (long) size(rows) * size(inner) * size(columns);
    return wide && work >= ROWS_MIN_WORK ? Product.ROWS : Product.DOT;
  }

  /** A dimension's size for choosing loops; a runtime dimension is taken to be large. */
  private static int size(Dim d) {
    return d.isFixed() ? d.size() : 1024;
  }
}
