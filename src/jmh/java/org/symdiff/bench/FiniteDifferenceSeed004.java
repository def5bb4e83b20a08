package org.symdiff.bench;

/** The naive baseline: central differences, two extra evaluations of f per variable. */
final class FiniteDifferenceSeed004 {
  private FiniteDifferenceSeed004() {}

  static double gradient(double x, double y, double[] grad) {
    double hx = step(x);
    double hy = step(y);
    grad[0] = (HandWrittenSeed004.value(x + hx, y) - HandWrittenSeed004.value(x - hx, y)) / (2 * hx);
    grad[1] = (HandWrittenSeed004.value(x, y + hy) - HandWrittenSeed004.value(x, y - hy)) / (2 * hy);
    return HandWrittenSeed004.value(x, y);
  }

  /** About the cube root of the machine epsilon, scaled to the argument: the usual central step. */
  private static double step(double v) {
    return 6.0e-6 * Math.max(1.0, Math.abs(v));
  }
}
