package org.symdiff.emit;

import java.math.BigDecimal;
import java.math.MathContext;
import org.symdiff.graph.Shape;

/**
 * Numbers shown to people beside equations and on pictures: four significant digits, small arrays
 * in full, larger ones as their shape and norm.
 */
final class Values {
  /** Arrays with up to this many elements are shown in full. */
  static final int SHOWN = 16;

  private Values() {}

  static String describe(double[] values, Shape shape) {
    return describe(values, shape, SHOWN);
  }

  /** As {@link #describe(double[], Shape)}, showing in full arrays of up to {@code shown} numbers. */
  static String describe(double[] values, Shape shape, int shown) {
    if (shape.isScalar()) return number(values[0]);
    if (values.length > shown) {
      double sum = 0;
      for (double v : values) sum += v * v;
      return shape + ", norm " + number(Math.sqrt(sum));
    }
    if (shape.rank() == 1 || shape.length(0) == 1) return row(values, 0, values.length);
    int cols = shape.length(1);
    StringBuilder out = new StringBuilder("[");
    for (int r = 0; r < shape.length(0); r++) {
      if (r > 0) out.append(", ");
      out.append(row(values, r * cols, cols));
    }
    return out.append(']').toString();
  }

  private static String row(double[] values, int from, int length) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < length; i++) {
      if (i > 0) out.append(", ");
      out.append(number(values[from + i]));
    }
    return out.append(']').toString();
  }

  /** {@link #describe} as LaTeX math: {@code 1.2 \times 10^{-7}}, {@code \lVert \cdot \rVert}. */
  static String latex(String described) {
    return described.replaceAll("E(-?)\\+?(\\d+)", " \\\\times 10^{$1$2}").replace(", norm ", ",\\ \\lVert\\cdot\\rVert = ")
        .replace("NaN", "\\mathrm{NaN}").replace("inf", "\\infty");
  }

  /** Four significant digits: 0.1304, -2.5, 1.235E-7; NaN and infinities by name. */
  static String number(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return "0";
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
    double magnitude = Math.abs(v);
    return magnitude >= 1e-4 && magnitude < 1e6 ? rounded.toPlainString() : rounded.toString();
  }
}
