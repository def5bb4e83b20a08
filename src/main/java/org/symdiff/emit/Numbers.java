package org.symdiff.emit;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number spellings that read back as exactly the same double. */
public final class Numbers {
  private Numbers() {}

  /**
   * The shortest decimal that parses back to {@code v}: {@code 2}, {@code 0.1}, {@code 1E-7}
   * (valid in JSON and in our language). Not for NaN or infinities.
   */
  public static String shortest(double v) {
    if (v == 0) return Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0";
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits));
      if (rounded.doubleValue() == v) {
        BigDecimal d = rounded.stripTrailingZeros();
        double magnitude = Math.abs(v);
        return magnitude >= 1e-6 && magnitude < 1e16 ? d.toPlainString() : d.toString();
      }
    }
    throw new AssertionError("no 17-digit form of " + v);
  }

  /** A Java double literal: {@code 2.0}, {@code 1.0E-7}. */
  public static String javaLiteral(double v) {
    if (Double.isNaN(v)) return "Double.NaN";
    if (Double.isInfinite(v)) return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    return Double.toString(v);
  }
}
