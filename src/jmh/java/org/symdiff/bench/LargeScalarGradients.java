package org.symdiff.bench;

import java.util.concurrent.TimeUnit;
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

/**
 * The gradient of a large scalar function written as an expression (symdiff's generated class,
 * unrolled: one statement per gate) against a hand-written loop, at n = 10, 100 and 1000, in one
 * run so the ratios are comparable. Functions: {@link LargeScalarFunctions}. Run with
 * {@code mvn -B -P bench verify -DskipTests -Djmh.args="LargeScalarGradients"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LargeScalarGradients {
  @Param({"rosenbrock", "neuron", "vectorized"})
  public String function;

  @Param({"10", "100", "1000"})
  public int n;

  private double[] in;
  private double[] grad;
  private ScalarGradient generated;
  private ScalarGradient loop;

  /** Both must give the same value and gradient, or comparing their speed means nothing. */
  @Setup
  public void compileAndAgree() {
    in = LargeScalarFunctions.point(function, n);
    grad = new double[in.length];
    generated = LargeScalarFunctions.generated(function, n);
    loop = LargeScalarFunctions.handWritten(function);
    double[] expected = new double[in.length];
    double f = loop.gradient(in, expected);
    double g = generated.gradient(in, grad);
    if (Math.abs(f - g) > 1e-12 * Math.max(1, Math.abs(f))) throw new IllegalStateException("values differ: " + f + ", " + g);
    for (int i = 0; i < grad.length; i++) {
      if (Math.abs(grad[i] - expected[i]) > 1e-12 * Math.max(1, Math.abs(expected[i]))) {
        throw new IllegalStateException(function + " " + n + ": gradients differ at " + i);
      }
    }
  }

  @Benchmark
  public double generated(Blackhole bh) {
    double f = generated.gradient(in, grad);
    bh.consume(grad);
    return f;
  }

  @Benchmark
  public double handWrittenLoop(Blackhole bh) {
    double f = loop.gradient(in, grad);
    bh.consume(grad);
    return f;
  }
}
