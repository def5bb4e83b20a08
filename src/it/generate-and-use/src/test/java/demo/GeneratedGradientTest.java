package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class GeneratedGradientTest {

  @Test
  void theMainClassMatchesFiniteDifferences() {
    double x = 0.7, y = -1.3, w = 1.5, b = -0.2;
    double[] grad = new double[2];
    double f = CircleNet.gradient(x, y, w, b, grad);

    assertEquals(CircleNet.value(x, y, w, b), f, 0.0);
    assertEquals(central(t -> CircleNet.value(x, y, t, b), w), grad[0], 1e-8);
    assertEquals(central(t -> CircleNet.value(x, y, w, t), b), grad[1], 1e-8);
  }

  @Test
  void theTestOnlyClassMatchesFiniteDifferences() {
    double[] grad = new double[1];
    for (double t : new double[] {-1.1, 0.0, 0.4, 2.0}) {
      Probe.gradient(t, grad);
      assertEquals(central(Probe::value, t), grad[0], 1e-8, "at t = " + t);
    }
  }

  @Test
  void mainCodeCanDescendTheGeneratedGradient() {
    double[] wb = {1.0, 0.5};
    double before = Classifier.step(2.0, 0.0, wb, 0.5);
    assertTrue(CircleNet.value(2.0, 0.0, wb[0], wb[1]) < before);
  }

  @Test
  void theHessianMatchesDifferencesOfTheGradient() {
    double x = 0.7, y = -1.3, w = 1.5, b = -0.2, h = 1e-5;
    double[] hessian = new double[4];
    CircleNet.hessian(x, y, w, b, hessian);
    double[] plus = new double[2];
    double[] minus = new double[2];
    CircleNet.gradient(x, y, w + h, b, plus);
    CircleNet.gradient(x, y, w - h, b, minus);
    assertEquals((plus[0] - minus[0]) / (2 * h), hessian[0], 1e-7);
    assertEquals((plus[1] - minus[1]) / (2 * h), hessian[2], 1e-7);
    assertEquals(hessian[1], hessian[2], 1e-12);
  }

  private static double central(DoubleUnaryOperator f, double at) {
    double h = 1e-5;
    return (f.applyAsDouble(at + h) - f.applyAsDouble(at - h)) / (2 * h);
  }
}
