package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * Writes assignments over arrays as loops: an elementwise expression becomes one loop (broadcast
 * operands indexed by their own shape), and each whole-array op (matrix product, outer product,
 * transpose, sums, softmax, logsumexp) gets loops of its own with contiguous inner loops. A
 * whole-array op nested inside an expression is first computed into a workspace array.
 */
final class ArrayCode {
  /** Where a value lives: a local double, or an array (size 1 for a scalar held in an array). */
  record Slot(String name, Shape shape, boolean array) {
    String at(String index) {
      return array ? name + "[" + (shape.isScalar() ? "0" : index) + "]" : name;
    }
  }

  enum Mode { DECLARE, ASSIGN, ACCUMULATE }

  private final CodeBlock.Builder code;
  private final LoopNames loop;
  private final Map<Node, Slot> values;
  private final Map<Node, Slot> adjoints;
  private final Workspace workspace;

  /** Allocates workspace arrays (class fields) for intermediate results. */
  interface Workspace {
    Slot allocate(Node node);
  }

  /** Loop variable names, allocated once so they never collide with a program's names. */
  record LoopNames(String i, String j, String k, String p, String acc, String max, String sum) {}

  ArrayCode(CodeBlock.Builder code, LoopNames loop, Map<Node, Slot> values, Map<Node, Slot> adjoints,
      Workspace workspace) {
    this.code = code;
    this.loop = loop;
    this.values = new LinkedHashMap<>(values);
    this.adjoints = adjoints;
    this.workspace = workspace;
  }

  /**
   * Makes {@code slot} hold a forward gate's value; later expressions read it from there. A
   * forward gate's arguments are earlier gates, inputs or constants; an array constant (the
   * simplifier's {@code W ^ 0}) is filled into the workspace before a whole-array op reads it.
   */
  void define(Node gate, Slot slot, Mode mode) {
    if (isWholeArray(gate)) {
      prepareOperands(gate);
      kernel(slot, gate, mode);
    } else {
      elementwise(slot, gate, mode, true);
    }
    values.put(gate, slot);
  }

  /**
   * {@code slot (=|+=) expression}, where the expression may nest whole-array ops (they are
   * computed into workspace arrays first, unless the expression is one itself).
   */
  void assign(Slot slot, Node expression, Mode mode) {
    if (atom(expression) == null && isWholeArray(expression)) {
      prepareOperands(expression);
      kernel(slot, expression, mode);
    } else {
      prepare(expression);
      elementwise(slot, expression, mode, false);
    }
  }

  private static boolean isWholeArray(Node n) {
    return !n.op().isLeaf() && !n.op().isElementwise();
  }

  // ---- making nested whole-array ops available as arrays

  private void prepare(Node e) {
    if (atom(e) != null || e.op().isLeaf()) return;
    if (e.op().isElementwise()) {
      for (Node arg : e.args()) prepare(arg);
      return;
    }
    prepareOperands(e);
    Slot slot = workspace.allocate(e);
    kernel(slot, e, slot.array() ? Mode.ASSIGN : Mode.DECLARE);
    values.put(e, slot);
  }

  /** Operands of whole-array ops must be arrays, except transposes under a product and sum bodies. */
  private void prepareOperands(Node e) {
    for (Node arg : e.args()) {
      boolean foldable = e.op() == Op.MATMUL && arg.op() == Op.TRANSPOSE && atom(arg) == null;
      if (e.op() == Op.SUM_TO) prepare(arg);
      else if (foldable) materialize(arg.arg(0));
      else materialize(arg);
    }
  }

  /** Makes {@code n} available as an array or local, computing it into the workspace if it is not. */
  private void materialize(Node n) {
    if (atom(n) != null) return;
    prepare(n);
    if (atom(n) != null) return;
    Slot slot = workspace.allocate(n);
    elementwise(slot, n, slot.array() ? Mode.ASSIGN : Mode.DECLARE, false);
    values.put(n, slot);
  }

  // ---- elementwise

  private void elementwise(Slot dest, Node e, Mode mode, boolean definition) {
    Shape shape = dest.shape();
    List<Slot> leaves = new ArrayList<>();
    collectLeaves(e, definition, leaves);
    boolean flat = leaves.stream().allMatch(s -> !s.array() || s.shape().isScalar() || s.shape().equals(shape));
    if (!dest.array()) {
      code.addStatement(statement(dest.name(), print(e, definition, Shape.SCALAR, true), mode));
      return;
    }
    if (shape.isScalar()) {
      code.addStatement(statement(dest.at("0"), print(e, definition, shape, true), mode));
      return;
    }
    if (flat) {
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.k, loop.k, shape.size(), loop.k);
      code.addStatement(statement(dest.at(loop.k), print(e, definition, shape, true), mode));
      code.endControlFlow();
      return;
    }
    openRowsAndColumns(shape);
    code.addStatement(statement(dest.at(index(shape, shape)), print(e, definition, shape, false), mode));
    closeRowsAndColumns(shape);
  }

  private void collectLeaves(Node e, boolean top, List<Slot> leaves) {
    Slot slot = top ? null : atom(e);
    if (slot != null) {
      leaves.add(slot);
      return;
    }
    if (e.op() == Op.VARIABLE || e.op() == Op.ADJOINT) throw new IllegalStateException("no slot for " + e);
    for (Node arg : e.args()) collectLeaves(arg, false, leaves);
  }

  /** The expression as Java inside a loop over {@code shape}: flat (index k) or by rows and columns. */
  private String print(Node e, boolean definition, Shape shape, boolean flat) {
    Syntax syntax = new Syntax(Syntax.Dialect.JAVA, n -> {
      Slot slot = atom(n);
      if (slot == null) return null;
      return slot.at(flat ? loop.k : index(slot.shape(), shape));
    });
    return definition ? syntax.definition(e) : syntax.print(e);
  }

  private Slot atom(Node n) {
    if (n.op() == Op.ADJOINT) return adjoints.get(n.target());
    return values.get(n);
  }

  /** The flat index of an operand of shape {@code of} inside a loop over rows i and columns j of {@code loopShape}. */
  private String index(Shape of, Shape loopShape) {
    boolean rows = of.rank() == 2 && !of.fromRight(1).isOne() && loopShape.rank() == 2;
    boolean cols = !of.fromRight(0).isOne();
    String col = loopShape.rank() == 2 || loopShape.rank() == 1 ? loop.j : loop.k;
    if (rows && cols) return loop.i + " * " + of.fromRight(0) + " + " + col;
    if (rows) return loop.i;
    if (cols) return col;
    return "0";
  }

  private void openRowsAndColumns(Shape shape) {
    if (shape.rank() == 2) code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.i, loop.i, shape.dim(0), loop.i);
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.j, loop.j, shape.fromRight(0), loop.j);
  }

  private void closeRowsAndColumns(Shape shape) {
    code.endControlFlow();
    if (shape.rank() == 2) code.endControlFlow();
  }

  private static String statement(String target, String value, Mode mode) {
    return switch (mode) {
      case DECLARE -> "double " + target + " = " + value;
      case ASSIGN -> target + " = " + value;
      case ACCUMULATE -> target + " += " + value;
    };
  }

  // ---- whole-array ops

  private void kernel(Slot dest, Node e, Mode mode) {
    switch (e.op()) {
      case MATMUL -> matmul(dest, e, mode);
      case OUTER -> outer(dest, e, mode);
      case TRANSPOSE -> transpose(dest, e, mode);
      case SUM_TO -> sumTo(dest, e, mode);
      case SOFTMAX, LOGSUMEXP -> {
        if (mode == Mode.ACCUMULATE) {
          materialize(e);
          elementwise(dest, e, mode, false);
        } else {
          rowwise(dest, e, mode);
        }
      }
      default -> throw new IllegalStateException("no loops for " + e.op());
    }
  }

  /** Zeroes {@code dest} (or declares it 0) so a kernel can add into it. */
  private void clear(Slot dest, Mode mode) {
    if (mode == Mode.ACCUMULATE) return;
    if (!dest.array()) {
      code.addStatement(statement(dest.name(), "0.0", mode));
    } else if (dest.shape().size() == 1) {
      code.addStatement("$L = 0.0", dest.at("0"));
    } else {
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.k, loop.k, dest.shape().size(), loop.k);
      code.addStatement("$L = 0.0", dest.at(loop.k));
      code.endControlFlow();
    }
  }

  /** An operand of a product: the array it reads and whether it is read transposed. */
  private record Operand(Slot slot, boolean transposed, Shape shape) {
    /** Element (r, c) of the logical (possibly transposed) operand, as Java. */
    String at(String r, String c) {
      if (shape.rank() == 1) return slot.at(r != null ? r : c);
      Dim cols = shape.dim(1);
      Dim rows = shape.dim(0);
      return transposed ? slot.at(c + " * " + rows + " + " + r) : slot.at(r + " * " + cols + " + " + c);
    }
  }

  private Operand operand(Node n) {
    if (n.op() == Op.TRANSPOSE && atom(n) == null) return new Operand(atom(n.arg(0)), true, n.shape());
    return new Operand(atom(n), false, n.shape());
  }

  /**
   * numpy's A @ B. With B read as stored, the inner loop runs along a row of B and of the result
   * (i-p-j order); with B read transposed, along a row of each operand (a dot product per element).
   */
  private void matmul(Slot dest, Node e, Mode mode) {
    Operand a = operand(e.arg(0));
    Operand b = operand(e.arg(1));
    Dim k = e.arg(0).shape().dim(e.arg(0).shape().rank() - 1);
    boolean hasRows = a.shape().rank() == 2;
    boolean hasCols = b.shape().rank() == 2;
    String i = hasRows ? loop.i : null;
    String j = hasCols ? loop.j : null;
    String out = hasRows && hasCols ? i + " * " + b.shape().dim(1) + " + " + j : hasRows ? i : j;
    if (hasCols && !b.transposed()) {
      clear(dest, mode);
      if (hasRows) code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, a.shape().dim(0), i);
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.p, loop.p, k, loop.p);
      code.addStatement("double $L = $L", loop.acc, a.at(i, loop.p));
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, b.shape().dim(1), j);
      code.addStatement("$L += $L * $L", dest.at(out), loop.acc, b.at(loop.p, j));
      code.endControlFlow();
      code.endControlFlow();
      if (hasRows) code.endControlFlow();
      return;
    }
    if (!hasRows && !hasCols) {
      // vector @ vector: add into the scalar itself; an accumulator here would be in the method's
      // scope and clash with the next product's
      clear(dest, mode);
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.p, loop.p, k, loop.p);
      code.addStatement("$L += $L * $L", dest.at("0"), a.at(null, loop.p), b.at(loop.p, null));
      code.endControlFlow();
      return;
    }
    if (hasRows) code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, a.shape().dim(0), i);
    if (hasCols) code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, b.shape().dim(1), j);
    code.addStatement("double $L = 0.0", loop.acc);
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.p, loop.p, k, loop.p);
    code.addStatement("$L += $L * $L", loop.acc, a.at(i, loop.p), b.at(loop.p, j));
    code.endControlFlow();
    code.addStatement(statement(dest.at(out), loop.acc, mode));
    if (hasCols) code.endControlFlow();
    if (hasRows) code.endControlFlow();
  }

  private void outer(Slot dest, Node e, Mode mode) {
    Slot u = atom(e.arg(0));
    Slot v = atom(e.arg(1));
    Dim n = e.shape().dim(1);
    openRowsAndColumns(e.shape());
    code.addStatement(statement(dest.at(loop.i + " * " + n + " + " + loop.j),
        u.at(loop.i) + " * " + v.at(loop.j), mode));
    closeRowsAndColumns(e.shape());
  }

  private void transpose(Slot dest, Node e, Mode mode) {
    Slot a = atom(e.arg(0));
    Dim m = e.arg(0).shape().dim(0);
    Dim n = e.arg(0).shape().dim(1);
    openRowsAndColumns(e.arg(0).shape());
    code.addStatement(statement(dest.at(loop.j + " * " + m + " + " + loop.i), a.at(loop.i + " * " + n + " + " + loop.j), mode));
    closeRowsAndColumns(e.arg(0).shape());
  }

  /** Sums the (elementwise) argument over the axes the destination's shape does not have. */
  private void sumTo(Slot dest, Node e, Mode mode) {
    Node body = e.arg(0);
    Shape from = body.shape();
    clear(dest, mode);
    openRowsAndColumns(from);
    String target = dest.array() ? dest.at(index(dest.shape(), from)) : dest.name();
    code.addStatement("$L += $L", target, print(body, false, from, false));
    closeRowsAndColumns(from);
  }

  /** Softmax or logsumexp of each row (or of the vector), shifted by its maximum as the interpreter does. */
  private void rowwise(Slot dest, Node e, Mode mode) {
    Slot a = atom(e.arg(0));
    Shape shape = e.arg(0).shape();
    Dim n = shape.fromRight(0);
    boolean rows = shape.rank() == 2;
    String at = rows ? loop.i + " * " + n + " + " + loop.j : loop.j;
    if (!dest.array() && mode == Mode.DECLARE) code.addStatement("double $L", dest.name());
    if (rows) code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.i, loop.i, shape.dim(0), loop.i);
    else code.add("{\n").indent();
    code.addStatement("double $L = Double.NEGATIVE_INFINITY", loop.max);
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.j, loop.j, n, loop.j);
    code.addStatement("$L = Math.max($L, $L)", loop.max, loop.max, a.at(at));
    code.endControlFlow();
    code.addStatement("if (Double.isInfinite($L)) $L = 0.0", loop.max, loop.max);
    code.addStatement("double $L = 0.0", loop.sum);
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.j, loop.j, n, loop.j);
    if (e.op() == Op.SOFTMAX) {
      code.addStatement("$L = Math.exp($L - $L)", dest.at(at), a.at(at), loop.max);
      code.addStatement("$L += $L", loop.sum, dest.at(at));
      code.endControlFlow();
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.j, loop.j, n, loop.j);
      code.addStatement("$L /= $L", dest.at(at), loop.sum);
      code.endControlFlow();
    } else {
      code.addStatement("$L += Math.exp($L - $L)", loop.sum, a.at(at), loop.max);
      code.endControlFlow();
      code.addStatement("$L = $L + Math.log($L)", dest.at(rows ? loop.i : "0"), loop.max, loop.sum);
    }
    if (rows) code.endControlFlow();
    else code.unindent().add("}\n");
  }
}
