package org.symdiff.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.symdiff.bench.generated.GeneratedLsq100;

/**
 * The 100 x 5 Jacobian of a least-squares residual (two decaying exponentials and an offset,
 * {@code src/jmh/symdiff/lsq_100.sd}): the generated forward-mode {@code jacobian} against
 * Hipparchus's first-order forward mode ({@link Gradient}, five free parameters) residual by residual.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JacobianVsHipparchus {
  private static final int M = 100;
  private double[] t, y, jacobian;
  private final double a1 = 2.0, k1 = 0.7, a2 = 0.5, k2 = 3.1, c = 0.1;
  private GeneratedLsq100 generated;

  @Setup
  public void setUp() {
    Random random = new Random(2026);
    t = new double[M];
    for (int i = 0; i < M; i++) t[i] = i * 0.05;
    y = random.doubles(M, 0, 2).toArray();
    jacobian = new double[M * 5];
    generated = new GeneratedLsq100();
  }

  @Benchmark
  public double[] symdiff() {
    generated.jacobian(t, y, a1, k1, a2, k2, c, jacobian);
    return jacobian;
  }

  @Benchmark
  public double[] hipparchus() {
    Gradient ga1 = Gradient.variable(5, 0, a1);
    Gradient gk1 = Gradient.variable(5, 1, k1);
    Gradient ga2 = Gradient.variable(5, 2, a2);
    Gradient gk2 = Gradient.variable(5, 3, k2);
    Gradient gc = Gradient.variable(5, 4, c);
    for (int i = 0; i < M; i++) {
      Gradient r = ga1.multiply(gk1.multiply(-t[i]).exp()).add(ga2.multiply(gk2.multiply(-t[i]).exp())).add(gc).subtract(y[i]);
      System.arraycopy(r.getGradient(), 0, jacobian, i * 5, 5);
    }
    return jacobian;
  }
}
