package org.symdiff.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The companion of {@link LargeScalarGradients} for a shared machine, where one benchmark's speed
 * drifts between seconds: generated and hand-written gradients, each warmed up for 4 s, timed in
 * alternating blocks of about 50 ms in one JVM, the ratio taken per round, and the median and range of the ratios
 * reported. Run with {@code mvn -B -P bench verify -DskipTests -Dbench.main=org.symdiff.bench.LargeScalarInterleaved};
 * arguments: rounds (default 21), then the functions, comma-separated (default all three).
 */
public final class LargeScalarInterleaved {
  private static double sink;

  private LargeScalarInterleaved() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    System.out.println("| function | n | generated ns | loop ns | ratio (median) | ratio range |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    List<String> functions = args.length > 1 ? List.of(args[1].split(",")) : List.of("rosenbrock", "neuron", "vectorized");
    for (String function : functions) {
      for (int n : new int[] {10, 100, 1000}) {
        double[] in = LargeScalarFunctions.point(function, n);
        double[] grad = new double[in.length];
        ScalarGradient generated = LargeScalarFunctions.generated(function, n);
        ScalarGradient loop = LargeScalarFunctions.handWritten(function);
        // 4 s of warm-up each, so both are JIT-compiled (a large class has many methods), then
        // blocks of about 50 ms
        warmUp(generated, in, grad);
        warmUp(loop, in, grad);
        long calls = Math.max(1, (long) (50e6 / time(generated, in, grad, 1000)));
        List<Double> ratios = new ArrayList<>();
        List<Double> gen = new ArrayList<>();
        List<Double> hand = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          double g = time(generated, in, grad, calls);
          double h = time(loop, in, grad, calls);
          gen.add(g);
          hand.add(h);
          ratios.add(g / h);
        }
        Collections.sort(ratios);
        Collections.sort(gen);
        Collections.sort(hand);
        System.out.printf("| %s | %d | %.1f | %.1f | %.2f | %.2f - %.2f |%n", function, n, median(gen), median(hand),
            median(ratios), ratios.get(0), ratios.get(ratios.size() - 1));
      }
    }
    if (sink == 42) System.out.println();
  }

  private static void warmUp(ScalarGradient f, double[] in, double[] grad) {
    long end = System.nanoTime() + 4_000_000_000L;
    while (System.nanoTime() < end) time(f, in, grad, 1000);
  }

  /** Nanoseconds per call over {@code calls} calls. */
  private static double time(ScalarGradient f, double[] in, double[] grad, long calls) {
    long start = System.nanoTime();
    double s = 0;
    for (long i = 0; i < calls; i++) s += f.gradient(in, grad);
    long elapsed = System.nanoTime() - start;
    sink += s + grad[0];
    return (double) elapsed / calls;
  }

  private static double median(List<Double> sorted) {
    return sorted.get(sorted.size() / 2);
  }
}
