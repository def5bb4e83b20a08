package org.symdiff.graph;

/**
 * Functions Java's {@code Math} lacks. Each is a self-contained static method of one double: the
 * evaluator calls it here, and a generated class that uses it gets a copy of its source (read
 * from this file, packaged as a resource), so both compute the same bits and generated code needs
 * no runtime library.
 */
public final class SpecialFunctions {
  private SpecialFunctions() {}

  /**
   * The error function, within 1e-15 of the true value: a series of positive terms below |x| = 2
   * and a continued fraction for erfc above, so neither cancels; exp(-x^2) takes x^2 split
   * exactly into two doubles, which keeps it accurate for large x.
   */
  public static double erf(double x) {
    double a = Math.abs(x);
    if (!(a < 6.0)) return Double.isNaN(x) ? x : Math.signum(x);
    double split = a * 134217729.0;
    double high = split - (split - a);
    double low = a - high;
    double square = a * a;
    double squareError = ((high * high - square) + 2.0 * high * low) + low * low;
    double gauss = Math.exp(-square) * (1.0 - squareError);
    double result;
    if (a < 2.0) {
      // erf(a) = 2/sqrt(pi) exp(-a^2) (a + 2a^3/3 + 4a^5/15 + ...): every term positive
      double term = a;
      double sum = a;
      for (int n = 1; term > 1e-17 * sum; n++) {
        term *= 2.0 * square / (2 * n + 1);
        sum += term;
      }
      result = 1.1283791670955126 * gauss * sum;
    } else {
      // erfc(a) = exp(-a^2) / sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), by Lentz's method
      double f = a;
      double c = a;
      double d = 0.0;
      for (int n = 1; n < 500; n++) {
        double an = 0.5 * n;
        d = 1.0 / (a + an * d);
        c = a + an / c;
        double delta = c * d;
        f *= delta;
        if (Math.abs(delta - 1.0) < 1e-16) break;
      }
      result = 1.0 - gauss / (1.7724538509055160 * f);
    }
    return x < 0 ? -result : result;
  }
}
