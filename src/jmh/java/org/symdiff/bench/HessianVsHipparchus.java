package org.symdiff.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.symdiff.bench.generated.GeneratedLogistic10;
import org.symdiff.bench.generated.GeneratedLogistic100;

/**
 * The full Hessian of an L2-regularised logistic regression loss over n features and n samples
 * ({@code src/jmh/symdiff/logistic_*.sd}, {@code --hessian}: n HVPs over one forward and backward)
 * against Hipparchus's DerivativeStructure at order 2 over the same loss (every operation carries
 * all (n+1)(n+2)/2 Taylor coefficients), the n x n matrix read out of it. Target: at least 10x at n = 100.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HessianVsHipparchus {
  @Param({"10", "100"})
  public int n;

  private double[] a, y, w, h;
  private GeneratedLogistic10 small;
  private GeneratedLogistic100 large;
  private DSFactory factory;

  @Setup
  public void setUp() {
    Random random = new Random(2026);
    a = random.doubles(n * n, -1, 1).toArray();
    y = random.doubles(n).map(v -> v < 0.5 ? 0 : 1).toArray();
    w = random.doubles(n, -0.5, 0.5).toArray();
    h = new double[n * n];
    small = new GeneratedLogistic10();
    large = new GeneratedLogistic100();
    factory = new DSFactory(n, 2);
  }

  @Benchmark
  public double symdiff() {
    return n == 10 ? small.hessian(a, y, w, h) : large.hessian(a, y, w, h);
  }

  @Benchmark
  public double hipparchus() {
    DerivativeStructure[] ws = new DerivativeStructure[n];
    for (int j = 0; j < n; j++) ws[j] = factory.variable(j, w[j]);
    DerivativeStructure loss = factory.constant(0);
    for (int i = 0; i < n; i++) {
      DerivativeStructure z = factory.constant(0);
      for (int j = 0; j < n; j++) z = z.add(ws[j].multiply(a[i * n + j]));
      loss = loss.add(z.exp().log1p().subtract(z.multiply(y[i])));
    }
    loss = loss.divide(n);
    for (int j = 0; j < n; j++) loss = loss.add(ws[j].multiply(ws[j]).multiply(0.5));
    int[] orders = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        orders[i]++;
        orders[j]++;
        h[i * n + j] = loss.getPartialDerivative(orders);
        orders[i]--;
        orders[j]--;
      }
    }
    return loss.getValue();
  }
}
