package org.symdiff.bench;

/** A gradient over a flat array of inputs, however it is computed: what the large-function benchmark calls. */
public interface ScalarGradient {
  /** Returns the value and writes the gradient into {@code grad}. */
  double gradient(double[] in, double[] grad);
}
