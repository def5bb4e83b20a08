package org.symdiff.graph;

/**
 * Where an argument of a primitive is defined and smooth enough to check its derivative: the
 * random tests draw arguments from here ({@code log} of positive numbers, {@code asin} inside
 * (-1, 1)). Kinks and poles elsewhere are the checkers' concern.
 */
public enum Domain {
  /** Every real number. */
  ANY(-1.2, 0.3, 1.4),
  /** x > 0. */
  POSITIVE(0.2, 1.5, 7),
  /** x > -1. */
  ABOVE_MINUS_ONE(-0.5, 0.2, 3),
  /** -1 < x < 1. */
  OPEN_UNIT(-0.6, 0.1, 0.8),
  /** |x| < pi/2, between the poles of tan. */
  HALF_PERIOD(-1.2, 0.3, 1.4);

  private final double[] samples;

  Domain(double... samples) {
    this.samples = samples;
  }

  /** Three points inside, spread out and away from 0 and the usual kinks: where rule tests check a derivative. */
  public double[] samples() {
    return samples.clone();
  }
}
