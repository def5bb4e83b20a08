package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import javax.lang.model.element.Modifier;
import org.symdiff.emit.Slot.Mode;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * The whole-array operations an array class writes as loops of their own: large matrix products
 * (through two helper methods the class gets when it needs them), and softmax and logsumexp row by
 * row, shifted by the row's maximum as the interpreter does.
 */
final class MatrixKernels {
  /** Rows of the result the product kernel computes at once. */
  static final int ROW_BLOCK = 4;

  private final CodeBlock.Builder code;
  private final Sizes sizes;
  private final String i;
  private final String j;
  private final String max;
  private final String sum;
  private final OpTally ops;

  MatrixKernels(CodeBlock.Builder code, Sizes sizes, OpTally ops, String i, String j, String max, String sum) {
    this.code = code;
    this.ops = ops;
    this.sizes = sizes;
    this.i = i;
    this.j = j;
    this.max = max;
    this.sum = sum;
  }

  /**
   * A product's operand as an array read with strides: element (r, c) is at r * row + c * col;
   * {@code transposed} when it is the transpose of the array, read in place.
   */
  record Strided(Slot slot, String row, String col, boolean transposed) {}

  /** How an operand of shape {@code view} is read from {@code slot}: as stored, or transposed in place. */
  Strided strided(Shape view, Slot slot, boolean transposed) {
    if (view.rank() == 1) return new Strided(slot, "0", "1", false);
    String rows = sizes.of(view.dim(0));
    String cols = sizes.of(view.dim(1));
    return transposed ? new Strided(slot, "1", rows, true) : new Strided(slot, cols, "1", false);
  }

  /**
   * {@code dest (=|+=) a @ b} with the blocked kernel: b's rows packed into arrays of their own, so
   * that the kernel's inner loop runs from index 0 over a row of b and of the result.
   */
  void product(Slot dest, Node matmul, Mode mode, Strided a, Strided b, String packed, String sums) {
    Shape as = matmul.arg(0).shape();
    Shape bs = matmul.arg(1).shape();
    String m = as.rank() == 2 ? sizes.of(as.dim(0)) : "1";
    String k = sizes.of(as.dim(as.rank() - 1));
    String n = sizes.of(bs.dim(1));
    // multiply adds one product per element of c and step along k, then store adds c in place
    Dim rows = as.rank() == 2 ? as.dim(0) : Dim.ONE;
    Count once = ops.runs();
    Count perElement = once.times(rows).times(bs.dim(1));
    ops.within(perElement.times(as.dim(as.rank() - 1)));
    ops.add(OpTally.MUL_DIV);
    ops.add(OpTally.ADD_SUB);
    ops.within(perElement);
    if (mode == Mode.ACCUMULATE) ops.add(OpTally.ADD_SUB);
    ops.within(once);
    code.addStatement("packRows($L, $L, $L, $L, $L, $L)", b.slot().name(), b.row(), b.col(), k, n, packed);
    code.addStatement("multiply($L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", a.slot().name(), a.row(), a.col(), packed,
        dest.name(), mode == Mode.ACCUMULATE, m, k, n, sums);
  }

  /** Softmax or logsumexp of each row of {@code in} (of the one row of a vector) into {@code dest}. */
  void rowwise(Slot dest, Node e, Slot in, Mode mode) {
    Shape shape = e.arg(0).shape();
    Dim width = shape.fromRight(0);
    boolean rows = shape.rank() == 2 && !shape.dim(0).isOne();
    String at = rows ? Sizes.plus(Sizes.times(i, sizes.of(width)), j) : j;
    tally(e, rows ? shape.dim(0) : Dim.ONE, width);
    if (!dest.array() && mode == Mode.DECLARE) code.addStatement("double $L", dest.name());
    Mode store = mode == Mode.DECLARE ? Mode.ASSIGN : mode;
    if (rows) code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, sizes.of(shape.dim(0)), i);
    else code.add("{\n").indent();
    code.addStatement("double $L = Double.NEGATIVE_INFINITY", max);
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, sizes.of(width), j);
    code.addStatement("$L = Math.max($L, $L)", max, max, in.at(at));
    code.endControlFlow();
    code.addStatement("if (Double.isInfinite($L)) $L = 0.0", max, max);
    code.addStatement("double $L = 0.0", sum);
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, sizes.of(width), j);
    if (e.op() == Op.SOFTMAX) {
      code.addStatement("$L = Math.exp($L - $L)", dest.at(at), in.at(at), max);
      code.addStatement("$L += $L", sum, dest.at(at));
      code.endControlFlow();
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, sizes.of(width), j);
      code.addStatement("$L /= $L", dest.at(at), sum);
      code.endControlFlow();
    } else {
      code.addStatement("$L += Math.exp($L - $L)", sum, in.at(at), max);
      code.endControlFlow();
      code.addStatement(store.statement(dest.at(rows ? i : "0"), max + " + Math.log(" + sum + ")"));
    }
    if (rows) code.endControlFlow();
    else code.unindent().add("}\n");
  }

  /** The rowwise kernel's operations: per element a max, a shifted exp and a sum, then a division or a log per row. */
  private void tally(Node e, Dim rows, Dim width) {
    Count once = ops.runs();
    Count perRow = once.times(rows);
    ops.within(perRow);
    ops.add(OpTally.COMPARE);
    if (e.op() == Op.LOGSUMEXP) {
      ops.call("log");
      ops.add(OpTally.ADD_SUB);
    }
    ops.within(perRow.times(width));
    ops.call("max");
    ops.call("exp");
    ops.add(OpTally.ADD_SUB, 2);
    if (e.op() == Op.SOFTMAX) ops.add(OpTally.MUL_DIV);
    ops.within(once);
  }

  /** {@code packRows}: a product's right operand as rows of their own (read transposed in place too). */
  static MethodSpec packRowsMethod() {
    return MethodSpec.methodBuilder("packRows")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("Copies the rows of b [k,n], element (p, j) at b[p * row + j * col], into arrays of their own.\n")
        .addParameter(double[].class, "b").addParameter(int.class, "row").addParameter(int.class, "col")
        .addParameter(int.class, "k").addParameter(int.class, "n").addParameter(double[][].class, "rows")
        .beginControlFlow("for (int p = 0; p < k; p++)")
        .beginControlFlow("if (col == 1)")
        .addStatement("System.arraycopy(b, p * row, rows[p], 0, n)")
        .nextControlFlow("else")
        .addStatement("double[] r = rows[p]")
        .addStatement("for (int j = 0; j < n; j++) r[j] = b[p * row + j * col]")
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /**
   * {@code multiply}: c (=|+=) a @ b, four rows of c and two rows of b at a time. Every array in
   * the inner loop is indexed from 0, the form HotSpot's C2 compiles to vector instructions (on
   * Java 17 it vectorises a loop only when all its arrays share one offset).
   */
  static MethodSpec multiplyMethod() {
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("int i = 0")
        .beginControlFlow("for (; i + 3 < m; i += 4)")
        .addStatement("double[] c0 = sums[0], c1 = sums[1], c2 = sums[2], c3 = sums[3]")
        .beginControlFlow("for (int j = 0; j < n; j++)")
        .addStatement("c0[j] = 0.0")
        .addStatement("c1[j] = 0.0")
        .addStatement("c2[j] = 0.0")
        .addStatement("c3[j] = 0.0")
        .endControlFlow()
        .addStatement("int r0 = i * aRow, r1 = r0 + aRow, r2 = r1 + aRow, r3 = r2 + aRow")
        .addStatement("int p = 0")
        .beginControlFlow("for (; p + 1 < k; p += 2)")
        .addStatement("double[] b0 = b[p], b1 = b[p + 1]")
        .addStatement("int q0 = p * aCol, q1 = q0 + aCol")
        .addStatement("double x00 = a[r0 + q0], x01 = a[r0 + q1], x10 = a[r1 + q0], x11 = a[r1 + q1]")
        .addStatement("double x20 = a[r2 + q0], x21 = a[r2 + q1], x30 = a[r3 + q0], x31 = a[r3 + q1]")
        .beginControlFlow("for (int j = 0; j < n; j++)")
        .addStatement("double v0 = b0[j], v1 = b1[j]")
        .addStatement("c0[j] = c0[j] + x00 * v0 + x01 * v1")
        .addStatement("c1[j] = c1[j] + x10 * v0 + x11 * v1")
        .addStatement("c2[j] = c2[j] + x20 * v0 + x21 * v1")
        .addStatement("c3[j] = c3[j] + x30 * v0 + x31 * v1")
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("if (p < k)")
        .addStatement("double[] b0 = b[p]")
        .addStatement("int q0 = p * aCol")
        .addStatement("double x0 = a[r0 + q0], x1 = a[r1 + q0], x2 = a[r2 + q0], x3 = a[r3 + q0]")
        .beginControlFlow("for (int j = 0; j < n; j++)")
        .addStatement("double v0 = b0[j]")
        .addStatement("c0[j] += x0 * v0")
        .addStatement("c1[j] += x1 * v0")
        .addStatement("c2[j] += x2 * v0")
        .addStatement("c3[j] += x3 * v0")
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("for (int r = 0; r < 4; r++)")
        .addStatement("store(sums[r], c, (i + r) * n, n, add)")
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("for (; i < m; i++)")
        .addStatement("double[] c0 = sums[0]")
        .addStatement("for (int j = 0; j < n; j++) c0[j] = 0.0")
        .beginControlFlow("for (int p = 0; p < k; p++)")
        .addStatement("double x0 = a[i * aRow + p * aCol]")
        .addStatement("double[] b0 = b[p]")
        .addStatement("for (int j = 0; j < n; j++) c0[j] += x0 * b0[j]")
        .endControlFlow()
        .addStatement("store(c0, c, i * n, n, add)")
        .endControlFlow();
    return MethodSpec.methodBuilder("multiply")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("c = a @ b, or c += a @ b when {@code add}: a [m,k] with element (i, p) at a[i * aRow + p * aCol]\n"
            + "(a transposed operand is read in place), b [k,n] as its rows, c [m,n] row-major, and {@code sums}\n"
            + "four rows of at least n numbers to add into. Four rows of c and two rows of b at a time, and every\n"
            + "array of the inner loop indexed from 0: the loop HotSpot's C2 compiles to vector instructions (on\n"
            + "Java 17 it vectorises a loop only when all its arrays share one offset).\n")
        .addParameter(double[].class, "a").addParameter(int.class, "aRow").addParameter(int.class, "aCol")
        .addParameter(double[][].class, "b").addParameter(double[].class, "c").addParameter(boolean.class, "add")
        .addParameter(int.class, "m").addParameter(int.class, "k").addParameter(int.class, "n")
        .addParameter(double[][].class, "sums")
        .addCode(body.build())
        .build();
  }

  /** {@code store}: one row of a product into the result, or added to it. */
  static MethodSpec storeMethod() {
    return MethodSpec.methodBuilder("store")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(double[].class, "row").addParameter(double[].class, "c").addParameter(int.class, "at")
        .addParameter(int.class, "n").addParameter(boolean.class, "add")
        .beginControlFlow("if (add)")
        .addStatement("for (int j = 0; j < n; j++) c[at + j] += row[j]")
        .nextControlFlow("else")
        .addStatement("System.arraycopy(row, 0, c, at, n)")
        .endControlFlow()
        .build();
  }
}
