package org.symdiff.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;
import org.symdiff.bench.generated.GeneratedGmm;

/**
 * ADBench's GMM objective (d = 2, k = 5, n = 100; {@code generated-samples/gmm/gmm.sd}, generated
 * during this build): the objective and its gradient, whose time ratio ADBench reports for every
 * tool (Manual about 2-7x, Tapenade about 4-15x). Run with
 * {@code mvn -B -P bench verify -DskipTests -Djmh.args="GmmGradients"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
@State(Scope.Thread)
public class GmmGradients {
  private final GeneratedGmm gmm = new GeneratedGmm();
  private double[] x;
  private double[] alphas;
  private double[] means;
  private double[] icf;
  private final double[] dalphas = new double[5];
  private final double[] dmeans = new double[10];
  private final double[] dicf = new double[15];

  @Setup
  public void point() {
    Random random = new Random(2026);
    x = random.doubles(200, -1, 1).toArray();
    alphas = random.doubles(5, -1, 1).toArray();
    means = random.doubles(10, 0, 1).toArray();
    icf = random.doubles(15, -0.5, 0.5).toArray();
  }

  @Benchmark
  public double objective() {
    return gmm.value(x, alphas, means, icf);
  }

  @Benchmark
  public double gradient(Blackhole bh) {
    double f = gmm.gradient(x, alphas, means, icf, dalphas, dmeans, dicf);
    bh.consume(dicf);
    return f;
  }
}
