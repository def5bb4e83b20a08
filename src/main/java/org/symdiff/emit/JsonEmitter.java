package org.symdiff.emit;

import java.util.Map;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.HigherDerivatives;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * {@code --emit json}: {@code {"value": v, "gradient": {"x": gx, "W": [[..],..]}}}, each gradient
 * shaped like its variable, numbers in their shortest exact form, and null where a number is NaN
 * or infinite (JSON has no spelling for those).
 */
public final class JsonEmitter {
  private JsonEmitter() {}

  public static String emit(Evaluator.Result result) {
    StringBuilder out = new StringBuilder("{\"value\": ").append(number(result.value()));
    out.append(", \"gradient\": {");
    boolean first = true;
    for (Map.Entry<Node, double[]> e : result.gradient().entrySet()) {
      if (!first) out.append(", ");
      first = false;
      out.append(quote(e.getKey().name())).append(": ");
      shaped(out, e.getValue(), e.getKey().shape());
    }
    return out.append("}}\n").toString();
  }

  /** {@code {"value": v, "gradient": {...}, "hessian": [[..],..]}}: the Hessian over the gradient's entries in order. */
  public static String withHessian(Evaluator.Result result, double[][] hessian) {
    String gradient = emit(result);
    StringBuilder out = new StringBuilder(gradient.substring(0, gradient.length() - 2)).append(", \"hessian\": ");
    matrix(out, hessian);
    return out.append("}\n").toString();
  }

  /**
   * {@code {"value": [..], "jacobian": [[..],..]}}: the outputs (shaped like the one array output, or
   * a list of several scalars) and the Jacobian, rows = outputs' elements, columns = inputs' elements.
   */
  public static String jacobian(Shape outputShape, HigherDerivatives.JacobianResult result) {
    StringBuilder out = new StringBuilder("{\"value\": ");
    double[] values = result.values();
    if (outputShape != null) shaped(out, values, outputShape);
    else row(out, values, 0, values.length);
    out.append(", \"jacobian\": ");
    matrix(out, result.rows());
    return out.append("}\n").toString();
  }

  private static void matrix(StringBuilder out, double[][] rows) {
    out.append('[');
    for (int r = 0; r < rows.length; r++) {
      if (r > 0) out.append(", ");
      row(out, rows[r], 0, rows[r].length);
    }
    out.append(']');
  }

  private static void shaped(StringBuilder out, double[] values, Shape shape) {
    switch (shape.rank()) {
      case 0 -> out.append(number(values[0]));
      case 1 -> row(out, values, 0, values.length);
      default -> {
        int cols = shape.length(1);
        out.append('[');
        for (int r = 0; r < shape.length(0); r++) {
          if (r > 0) out.append(", ");
          row(out, values, r * cols, cols);
        }
        out.append(']');
      }
    }
  }

  private static void row(StringBuilder out, double[] values, int from, int length) {
    out.append('[');
    for (int i = 0; i < length; i++) {
      if (i > 0) out.append(", ");
      out.append(number(values[from + i]));
    }
    out.append(']');
  }

  static String number(double v) {
    return Double.isFinite(v) ? Numbers.shortest(v) : "null";
  }

  private static String quote(String name) {
    return "\"" + name + "\"";
  }
}
