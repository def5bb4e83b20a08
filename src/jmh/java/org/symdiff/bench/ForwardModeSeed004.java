package org.symdiff.bench;

import org.hipparchus.analysis.differentiation.Gradient;

/** Seed 004's f with Hipparchus forward-mode AD: every operation carries value and both partials. */
final class ForwardModeSeed004 {
  private ForwardModeSeed004() {}

  static double gradient(double xValue, double yValue, double[] grad) {
    Gradient x = Gradient.variable(2, 0, xValue);
    Gradient y = Gradient.variable(2, 1, yValue);
    Gradient xpy = x.add(y);
    Gradient f = x.add(sigmoid(y)).divide(sigmoid(x).add(xpy.multiply(xpy)));
    grad[0] = f.getPartialDerivative(0);
    grad[1] = f.getPartialDerivative(1);
    return f.getValue();
  }

  private static Gradient sigmoid(Gradient a) {
    return a.negate().exp().add(1.0).reciprocal();
  }
}
