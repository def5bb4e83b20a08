package org.symdiff.bench;

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

/**
 * The cost of one gradient of seed 004's f(x, y) = (x + sigmoid(y)) / (sigmoid(x) + (x + y)^2),
 * computed five ways in one run so their ratios are comparable. {@link GeneratedSeed004} is
 * symdiff's output, checked in; regenerate it with
 * {@code java -jar target/symdiff-0.1.0-SNAPSHOT-cli.jar "(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)"
 * --class GeneratedSeed004 --package org.symdiff.bench -o src/jmh/java}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Seed004Gradients {
  // Fields, not constants, so the JIT cannot fold the work away.
  public double x = 0.7;
  public double y = -1.3;
  private final double[] grad = new double[2];

  /** Every way must give the same gradient, or comparing their speed means nothing. */
  @Setup
  public void agree() {
    double[] expected = new double[2];
    HandWrittenSeed004.gradient(x, y, expected);
    check("generated", GeneratedSeed004.gradient(x, y, grad), expected, 1e-14);
    check("forward mode", ForwardModeSeed004.gradient(x, y, grad), expected, 1e-14);
    check("finite differences", FiniteDifferenceSeed004.gradient(x, y, grad), expected, 1e-8);
  }

  private void check(String way, double value, double[] expected, double tolerance) {
    double f = HandWrittenSeed004.value(x, y);
    for (int i = 0; i < 2; i++) {
      if (Math.abs(grad[i] - expected[i]) > tolerance * Math.max(1, Math.abs(expected[i]))
          || Math.abs(value - f) > 1e-14) {
        throw new IllegalStateException(way + " disagrees with the hand-written gradient at " + i);
      }
    }
  }

  @Benchmark
  public double valueOnly() {
    return HandWrittenSeed004.value(x, y);
  }

  @Benchmark
  public double handWritten(Blackhole bh) {
    return consume(bh, HandWrittenSeed004.gradient(x, y, grad));
  }

  @Benchmark
  public double symdiffGenerated(Blackhole bh) {
    return consume(bh, GeneratedSeed004.gradient(x, y, grad));
  }

  @Benchmark
  public double forwardModeHipparchus(Blackhole bh) {
    return consume(bh, ForwardModeSeed004.gradient(x, y, grad));
  }

  @Benchmark
  public double centralDifferences(Blackhole bh) {
    return consume(bh, FiniteDifferenceSeed004.gradient(x, y, grad));
  }

  private double consume(Blackhole bh, double value) {
    bh.consume(grad[0]);
    bh.consume(grad[1]);
    return value;
  }
}
