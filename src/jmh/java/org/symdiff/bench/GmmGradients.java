package org.symdiff.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
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
import org.openjdk.jmh.infra.Blackhole;
import org.symdiff.bench.generated.GeneratedGmmD10;
import org.symdiff.bench.generated.GeneratedGmmD2;

/**
 * ADBench's GMM objective at d = 2, k = 5, n = 100 and at d = 10, k = 25, n = 1000
 * ({@code generated-samples/gmm/gmm-d*.sd}, generated during this build): the objective and its
 * gradient, whose time ratio ADBench reports for every tool (Manual about 2-7x, Tapenade about
 * 4-15x). Run with {@code mvn -B -P bench verify -DskipTests -Djmh.args="GmmGradients"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
@State(Scope.Thread)
public class GmmGradients {
  /** d, k and n, as the sample files name them (JMH's -p splits a value at commas). */
  @Param({"d2-k5-n100", "d10-k25-n1000"})
  public String size;

  private DoubleSupplier objective;
  private DoubleSupplier gradient;
  private double[] dicf;

  @Setup
  public void point() {
    String[] dkn = size.split("-");
    int d = Integer.parseInt(dkn[0].substring(1));
    int k = Integer.parseInt(dkn[1].substring(1));
    int n = Integer.parseInt(dkn[2].substring(1));
    Random random = new Random(2026);
    double[] x = random.doubles(n * d, -1, 1).toArray();
    double[] alphas = random.doubles(k, -1, 1).toArray();
    double[] means = random.doubles(k * d, 0, 1).toArray();
    double[] icf = random.doubles(k * d * (d + 1) / 2, -0.5, 0.5).toArray();
    double[] dalphas = new double[alphas.length];
    double[] dmeans = new double[means.length];
    dicf = new double[icf.length];
    if (d == 2) {
      GeneratedGmmD2 gmm = new GeneratedGmmD2();
      objective = () -> gmm.value(x, alphas, means, icf);
      gradient = () -> gmm.gradient(x, alphas, means, icf, dalphas, dmeans, dicf);
    } else if (d == 10) {
      GeneratedGmmD10 gmm = new GeneratedGmmD10();
      objective = () -> gmm.value(x, alphas, means, icf);
      gradient = () -> gmm.gradient(x, alphas, means, icf, dalphas, dmeans, dicf);
    } else {
      throw new IllegalArgumentException("no generated class for d = " + d);
    }
  }

  @Benchmark
  public double objective() {
    return objective.getAsDouble();
  }

  @Benchmark
  public double gradient(Blackhole bh) {
    double f = gradient.getAsDouble();
    bh.consume(dicf);
    return f;
  }
}
