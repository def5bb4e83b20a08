package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.emit.ArrayPlan.Product;
import org.symdiff.emit.Loops.Request;
import org.symdiff.emit.Slot.Mode;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * One loop nest of {@link Loops}, over one shape: its axes, what its body computes inline, and how
 * it indexes. Its requests are visited first, deciding how the body gets each value (read from a
 * slot, computed inline, or made before the loop), then the nest is written. It is a class of its
 * own because that state lives for one nest, while {@link Loops} holds what every nest shares.
 */
final class LoopNest {
  /** Products over an inner dimension up to this are written out as a sum; longer ones get a loop. */
  private static final int UNROLLED_INNER = 4;

  // from the Loops, what every nest shares: the code it writes into, names, sizes, the tally, the indices
  private final Loops loops;
  private final CodeBlock.Builder code;
  private final Sizes sizes;
  private final LocalNames names;
  private final Loops.Values values;
  private final OpTally ops;
  private final String i;
  private final String p;
  private final Shape shape;
  private final LoopAxes axes;
  /** Inline nodes by id order, with how often the body reads each. */
  private final Map<Node, Integer> uses = new LinkedHashMap<>();
  private final Map<Node, Slot> operands = new HashMap<>();
  /** Locals the body defines, by node: shared subexpressions and products. */
  private final Map<Node, String> locals = new HashMap<>();
  /** Short products written out where they are used. */
  private final Map<Node, Syntax.Printed> written = new HashMap<>();

  LoopNest(Loops loops, Shape shape) {
    this.loops = loops;
    this.code = loops.code;
    this.sizes = loops.sizes;
    this.names = loops.names;
    this.values = loops.values;
    this.ops = loops.ops;
    this.i = loops.i;
    this.p = loops.p;
    this.shape = shape;
    this.axes = new LoopAxes(shape, sizes, i, loops.j, loops.k);
  }

  private void visit(Node n, boolean root) {
    visit(n, root, null);
  }

  /** A request's expression: computed here, unless it is stored elsewhere than the request's destination. */
  void visit(Node n, Slot dest) {
    visit(n, true, dest);
  }

  /** Decides how the body gets {@code n}: read, computed inline, or made before the loop. */
  private void visit(Node n, boolean root, Slot dest) {
    if (uses.containsKey(n)) {
      uses.merge(n, 1, Integer::sum);
      return;
    }
    if (operands.containsKey(n) || n.isConstant() || n.op() == Op.DIM) return;
    Slot slot = values.slot(n);
    // storing a value is computing it into its own slot
    if (root && slot != null && slot.equals(dest)) slot = null;
    // a pad written over its argument's loop adds its argument into the window, even when another
    // loop has made the whole padded array meanwhile
    if (root && n.op() == Op.PAD && !n.shape().equals(shape)) slot = null;
    if (slot == null && needsMaterializing(n, root)) slot = values.materialize(n);
    if (slot != null) {
      operands.put(n, slot);
      axes.nestIf(axes.partial(n.shape()));
      return;
    }
    uses.put(n, 1);
    switch (n.op()) {
      case TRANSPOSE -> {
        axes.nestIf(axes.hasRows() && axes.hasCols());
        operand(n.arg(0));
      }
      case MATMUL -> {
        axes.nestIf(axes.hasRows() && axes.hasCols());
        matrixOperand(n.arg(0));
        matrixOperand(n.arg(1));
      }
      case OUTER -> {
        axes.nestIf(axes.hasRows() && axes.hasCols());
        operand(n.arg(0));
        operand(n.arg(1));
      }
      case SUM_TO, MAX_TO -> {
        Shape to = n.shape();
        axes.nestIf(axes.hasRows() && axes.hasCols() && LoopAxes.rowsOf(to) != LoopAxes.colsOf(to));
        visit(n.arg(0), false);
      }
      case SLICE -> {
        axes.nestIf(axes.hasRows() && axes.hasCols());
        operand(n.arg(0));
      }
      // at a request's root only (elsewhere it is made before the loop): the loop runs over the window
      case PAD -> {
        axes.nestIf(axes.hasRows() && axes.hasCols());
        visit(n.arg(0), false);
      }
      default -> {
        axes.nestIf(axes.partial(n.shape()));
        for (Node arg : n.args()) visit(arg, false);
        // a square is written b * b: a base that is not an atom gets a local
        if (n.op() == Op.POWER && n.arg(1).isConstant(2) && uses.containsKey(n.arg(0))) visit(n.arg(0), false);
      }
    }
  }

  private void operand(Node n) {
    if (n.isConstant() || operands.containsKey(n)) return;
    Slot slot = values.slot(n);
    operands.put(n, slot != null ? slot : values.materialize(n));
  }

  /** A product's operand: an array, or a transposed array read in place. */
  private void matrixOperand(Node n) {
    if (n.op() == Op.TRANSPOSE && values.slot(n) == null) {
      uses.merge(n, 1, Integer::sum);
      operand(n.arg(0));
    } else {
      operand(n);
    }
  }

  /** What the loop cannot compute element by element. */
  private boolean needsMaterializing(Node n, boolean root) {
    if (n.op().isLeaf()) throw new IllegalStateException("no slot for " + n);
    if (root) return false;
    if (n.shape().isScalar() && (axes.hasRows() || axes.hasCols())) return true;
    return switch (n.op()) {
      case SOFTMAX, LOGSUMEXP -> true;
      case SUM_TO, MAX_TO, PAD -> true;
      case SLICE -> false;
      case MATMUL -> ArrayPlan.product(n) != Product.INLINE || !axes.sameAxes(n.shape());
      case OUTER, TRANSPOSE -> !axes.sameAxes(n.shape());
      case BROADCAST -> false;
      default -> !n.shape().isScalar() && !axes.sameAxes(n.shape()) && !cheapOverOperands(n);
    };
  }

  /** A gate of a narrower shape that reads stored values directly is computed again per element. */
  private boolean cheapOverOperands(Node n) {
    return ArrayPlan.isCheap(n) && n.args().stream().allMatch(a -> a.isConstant() || values.slot(a) != null);
  }

  // ---- writing

  void write(List<Request> requests) {
    List<String> after = new ArrayList<>();
    List<String> rowStarts = new ArrayList<>();
    List<String> rowEnds = new ArrayList<>();
    List<Runnable> body = new ArrayList<>();
    // what runs once, once per row, once per element: the tally counts each at its multiplicity
    Count once = ops.runs();
    Count perRow = once.times(axes.rows);
    Count perElement = perRow.times(axes.cols);
    int rowAdds = 0;
    int afterAdds = 0;
    Syntax java = printer();
    for (Request r : requests) {
      Node e = r.expression();
      if (e.op() == Op.PAD && !operands.containsKey(e)) {
        // a window of the destination: added to it, or assigned with the rest of it cleared first
        boolean assigns = r.mode() != Mode.ACCUMULATE;
        if (assigns) loops.clearOutside(r.dest(), e);
        body.add(() -> {
          if (!assigns) ops.add(OpTally.ADD_SUB);
          code.addStatement("$L $L $L", r.dest().at(axes.windowed(e.window(), e.shape(), e.arg(0).shape())),
              assigns ? "=" : "+=", java.print(e.arg(0)));
        });
        continue;
      }
      if (!Loops.isReduction(e) || operands.containsKey(e)) {
        // a request's own expression by its definition: another request of this loop may read its slot
        Node added = inPlace(e, r);
        if (added != null) {
          // the destination holds the other term already: add to it in place
          body.add(() -> {
            ops.add(OpTally.ADD_SUB);
            code.addStatement("$L += $L", r.dest().at(axes.index(r.dest().shape())), java.print(added));
          });
        } else {
          body.add(() -> {
            if (r.mode() == Mode.ACCUMULATE) ops.add(OpTally.ADD_SUB);
            code.addStatement(r.mode().statement(r.dest().at(axes.index(r.dest().shape())), root(e, java)));
          });
        }
        continue;
      }
      Shape to = e.shape();
      Node summand = e.arg(0);
      boolean alongRows = LoopAxes.rowsOf(to) && axes.hasRows();
      boolean alongCols = LoopAxes.colsOf(to) && axes.hasCols();
      boolean max = e.op() == Op.MAX_TO;
      if (max) {
        // the largest element, of all or of each row: a running maximum, stored as the request asks
        if (alongCols && !alongRows) throw new IllegalStateException("no column-wise maximum: " + e);
        String acc = names.fresh("largest");
        String store = r.mode().statement(r.dest().at(alongRows ? i : "0"), acc);
        body.add(() -> {
          ops.add("max");
          code.addStatement("$L = Math.max($L, $L)", acc, acc, java.print(summand));
        });
        if (alongRows) {
          rowStarts.add("double " + acc + " = Double.NEGATIVE_INFINITY");
          rowEnds.add(store);
        } else {
          code.addStatement("double $L = Double.NEGATIVE_INFINITY", acc);
          after.add(store);
        }
        if (r.mode() == Mode.ACCUMULATE) {
          if (alongRows) rowAdds++;
          else afterAdds++;
        }
        continue;
      }
      if (alongCols && !alongRows) {
        // a column sum adds into the destination itself, cleared first unless it accumulates
        if (r.mode() != Mode.ACCUMULATE) loops.clear(r.dest());
        body.add(() -> {
          ops.add(OpTally.ADD_SUB);
          code.addStatement("$L += $L", r.dest().at(axes.index(to)), java.print(summand));
        });
        continue;
      }
      String acc = r.mode() == Mode.DECLARE ? r.dest().name() : names.fresh("sum");
      String store = r.mode() == Mode.DECLARE ? null : r.mode().statement(r.dest().at(alongRows ? i : "0"), acc);
      int storeAdds = r.mode() == Mode.ACCUMULATE ? 1 : 0;
      body.add(() -> {
        ops.add(OpTally.ADD_SUB);
        code.addStatement("$L += $L", acc, java.print(summand));
      });
      if (alongRows) {
        rowStarts.add("double " + acc + " = 0.0");
        if (store != null) rowEnds.add(store);
        rowAdds += storeAdds;
      } else {
        code.addStatement("double $L = 0.0", acc);
        if (store != null) after.add(store);
        afterAdds += storeAdds;
      }
    }
    axes.open(code, rowStarts);
    ops.within(perElement);
    declareLocals(java);
    body.forEach(Runnable::run);
    ops.within(perRow);
    ops.add(OpTally.ADD_SUB, rowAdds);
    axes.close(code, rowEnds);
    ops.within(once);
    ops.add(OpTally.ADD_SUB, afterAdds);
    after.forEach(code::addStatement);
  }

  /** For {@code dest = a + b} where a is read from dest itself, b; else null. */
  private Node inPlace(Node e, Request r) {
    if (e.op() != Op.ADD || r.mode() == Mode.ACCUMULATE || !r.dest().array()) return null;
    for (int side = 0; side < 2; side++) {
      Node term = e.arg(side);
      if (r.dest().equals(operands.get(term)) && term.shape().equals(r.dest().shape())) return e.arg(1 - side);
    }
    return null;
  }


  /** Locals for products and shared subexpressions, in evaluation order. */
  private void declareLocals(Syntax java) {
    List<Node> inline = new ArrayList<>(uses.keySet());
    inline.sort((x, y) -> Integer.compare(x.id(), y.id()));
    for (Node n : inline) {

      if (n.op() == Op.MATMUL) {
        product(n, java);
      } else if (uses.get(n) > 1 && n.op() != Op.TRANSPOSE && n.op() != Op.BROADCAST) {
        String local = names.freshLocal(n);
        code.addStatement("double $L = $L", local, root(n, java));
        locals.put(n, local);
      }
    }
  }

  /** An inline product element: a short sum written out, or a loop along the inner dimension. */
  private void product(Node n, Syntax java) {
    Node a = n.arg(0);
    Node b = n.arg(1);
    Dim inner = a.shape().dim(a.shape().rank() - 1);
    // the result's axes: a's axes.rows and b's columns; matrix @ vector gives a vector along a's axes.rows
    String row = a.shape().rank() == 2 ? (b.shape().rank() == 2 ? axes.rowIndex() : axes.colIndex()) : null;
    String col = b.shape().rank() == 2 ? axes.colIndex() : null;
    if (inner.isFixed() && inner.size() <= UNROLLED_INNER) {
      ops.add(OpTally.ADD_SUB, inner.size() - 1);
      List<String> terms = new ArrayList<>();
      for (int q = 0; q < inner.size(); q++) {
        String at = Integer.toString(q);
        terms.add(times(element(a, row, at), element(b, at, col)));
      }
      Syntax.Printed sum = new Syntax.Printed(String.join(" + ", terms), terms.size() > 1 ? Syntax.SUM : Syntax.PRODUCT);
      if (uses.get(n) == 1) {
        written.put(n, sum);
        return;
      }
      String local = names.freshLocal(n);
      code.addStatement("double $L = $L", local, sum.text());
      locals.put(n, local);
    } else {
      String local = names.fresh("dot");
      Count perElement = ops.runs();
      ops.within(perElement.times(inner));
      String term = times(element(a, row, p), element(b, p, col));
      ops.add(OpTally.ADD_SUB);
      ops.within(perElement);
      code.addStatement("double $L = 0.0", local);
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", p, p, sizes.of(inner), p);
      code.addStatement("$L += $L", local, term);
      code.endControlFlow();
      locals.put(n, local);
    }
  }

  /** {@code a * b}, counted; a factor of 1 (a seed of ones, as the output's adjoint spreads) is left out. */
  private String times(String a, String b) {
    if (a.equals("1.0")) return b;
    if (b.equals("1.0")) return a;
    ops.add(OpTally.MUL_DIV);
    return a + " * " + b;
  }

  /** Element (r, c) of a product's operand (r or c null for a vector's missing axis). */
  private String element(Node operand, String r, String c) {
    boolean transposed = operand.op() == Op.TRANSPOSE && !operands.containsKey(operand);
    Node stored = transposed ? operand.arg(0) : operand;
    Shape view = operand.shape();
    if (view.rank() == 1) return at(stored, r != null ? r : c);
    Dim viewRows = view.dim(0);
    Dim viewCols = view.dim(1);
    String rowPart = viewRows.isOne() ? "0" : transposed ? r : Sizes.times(r, sizes.of(viewCols));
    String colPart = viewCols.isOne() ? "0" : transposed ? Sizes.times(c, sizes.of(viewRows)) : c;
    return at(stored, transposed ? Sizes.plus(colPart, rowPart) : Sizes.plus(rowPart, colPart));
  }

  /** Element {@code index} of an operand read in place: its array, or the number it is everywhere. */
  private String at(Node operand, String index) {
    return operand.isConstant() ? Numbers.javaLiteral(operand.value()) : operands.get(operand).at(index);
  }

  private Syntax printer() {
    return Syntax.withParts(Syntax.Dialect.JAVA, n -> part(n, false)).counting(ops);
  }

  /** A request's own value: read when it is stored elsewhere, else computed (another request may read the slot). */
  private String root(Node e, Syntax java) {
    if (e.op().isLeaf() || operands.containsKey(e)) return java.print(e);
    Syntax.Printed part = part(e, true);
    return part != null ? part.text() : java.definition(e);
  }

  /** How the body reads {@code n}, or null to print it from its arguments. */
  private Syntax.Printed part(Node n, boolean root) {
    String local = locals.get(n);
    if (local != null) return new Syntax.Printed(local, Syntax.ATOM);
    Syntax.Printed product = written.get(n);
    if (product != null) return product;
    if (n.op() == Op.DIM) return new Syntax.Printed(sizes.of(Dim.runtime(n.name())), Syntax.ATOM);
    Slot slot = root ? null : operands.get(n);
    if (slot != null) return new Syntax.Printed(slot.at(axes.index(n.shape())), Syntax.ATOM);
    return switch (n.op()) {
      case TRANSPOSE -> new Syntax.Printed(element(n, axes.rowIndex(), axes.colIndex()), Syntax.ATOM);
      case OUTER -> new Syntax.Printed(times(at(n.arg(0), axes.rowIndex()), at(n.arg(1), axes.colIndex())), Syntax.PRODUCT);
      case SLICE -> new Syntax.Printed(at(n.arg(0), axes.windowed(n.window(), n.arg(0).shape(), n.shape())), Syntax.ATOM);
      case VARIABLE, ADJOINT -> throw new IllegalStateException("the loop has no slot for " + n);
      default -> null;
    };
  }
}
