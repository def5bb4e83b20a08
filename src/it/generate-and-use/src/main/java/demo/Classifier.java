package demo;

/** Main code using a generated class: one step of gradient descent on (w, b). */
public final class Classifier {
  private Classifier() {}

  /** Moves {@code wb} against the gradient of the output at (x, y); returns the output before the step. */
  public static double step(double x, double y, double[] wb, double rate) {
    double[] grad = new double[2];
    double f = CircleNet.gradient(x, y, wb[0], wb[1], grad);
    wb[0] -= rate * grad[0];
    wb[1] -= rate * grad[1];
    return f;
  }
}
