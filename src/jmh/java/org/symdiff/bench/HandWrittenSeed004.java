package org.symdiff.bench;

/**
 * Seed 004's f(x, y) = (x + sigmoid(y)) / (sigmoid(x) + (x + y)^2), transcribed line by line from
 * the lecture's Python forward and backward passes: the hand-written code symdiff imitates.
 */
final class HandWrittenSeed004 {
  private HandWrittenSeed004() {}

  static double value(double x, double y) {
    double sigy = 1.0 / (1 + Math.exp(-y));
    double num = x + sigy;
    double sigx = 1.0 / (1 + Math.exp(-x));
    double xpy = x + y;
    double xpysqr = xpy * xpy;
    double den = sigx + xpysqr;
    double invden = 1.0 / den;
    return num * invden;
  }

  static double gradient(double x, double y, double[] grad) {
    double sigy = 1.0 / (1 + Math.exp(-y)); // (1)
    double num = x + sigy; // (2)
    double sigx = 1.0 / (1 + Math.exp(-x)); // (3)
    double xpy = x + y; // (4)
    double xpysqr = xpy * xpy; // (5)
    double den = sigx + xpysqr; // (6)
    double invden = 1.0 / den; // (7)
    double f = num * invden; // (8)

    double dnum = 1.0 * invden; // (8)
    double dinvden = 1.0 * num; // (8)
    double dden = (-1.0 / (den * den)) * dinvden; // (7)
    double dsigx = dden; // (6)
    double dxpysqr = dden; // (6)
    double dxpy = (2 * xpy) * dxpysqr; // (5)
    double dx = dxpy; // (4)
    double dy = dxpy; // (4)
    dx += ((1 - sigx) * sigx) * dsigx; // (3)
    dx += dnum; // (2)
    double dsigy = dnum; // (2)
    dy += ((1 - sigy) * sigy) * dsigy; // (1)
    grad[0] = dx;
    grad[1] = dy;
    return f;
  }
}
