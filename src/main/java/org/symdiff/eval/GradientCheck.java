package org.symdiff.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Node;

/**
 * Compares the reverse-mode gradient with finite differences. Each partial is estimated with the
 * five-point central stencil (error O(h^4)) at h = 1e-3 max(1, |v|), and again at h/2: where the
 * two estimates disagree, the function is not smooth near the point (a kink or a pole) and the
 * point says nothing about the gradient; likewise where forward and backward differences part by
 * a jump rather than by O(h) (a kink right at the point, which central differences average away),
 * and where the output is so large that rounding it moves an estimate by more than the tolerance. Errors are relative, with a floor of 1 on the scale:
 * |analytic - numeric| / max(1, |analytic|, |numeric|).
 */
public final class GradientCheck {
  public static final double TOLERANCE = 1e-6;

  private GradientCheck() {}

  /** One partial derivative compared. */
  public record Entry(String variable, double analytic, double numeric, double error) {}

  /** The comparison at one point; {@code smooth} is false where finite differences are unreliable. */
  public record Report(Map<Node, double[]> point, List<Entry> entries, boolean smooth) {
    public Entry worst() {
      return entries.stream().max((a, b) -> Double.compare(a.error, b.error)).orElse(null);
    }

    public boolean passed() {
      Entry worst = worst();
      return worst == null || worst.error <= TOLERANCE;
    }
  }

  public static Report at(Gradient gradient, Map<Node, double[]> point) {
    Evaluator.Result result = Evaluator.gradient(gradient, point);
    List<Entry> entries = new ArrayList<>();
    boolean smooth = Double.isFinite(result.value());
    for (Node v : gradient.wrt()) {
      double[] analytic = result.gradient().get(v);
      for (int i = 0; i < analytic.length; i++) {
        double h = 1e-3 * Math.max(1, Math.abs(point.get(v)[i]));
        double numeric = derivative(gradient.output(), point, v, i, h);
        double refined = derivative(gradient.output(), point, v, i, h / 2);
        // the stencil at h/2 turns one rounding step of the output into about 3 ulp(f) / h
        double rounding = 3 * Math.ulp(result.value()) / h;
        smooth &= Double.isFinite(numeric) && error(numeric, refined) <= TOLERANCE / 10
            && rounding <= TOLERANCE / 10 * Math.max(1, Math.abs(refined))
            && !kinked(gradient.output(), point, v, i, h, result.value());
        String name = analytic.length == 1 ? v.name() : v.name() + "[" + i + "]";
        entries.add(new Entry(name, analytic[i], refined, error(analytic[i], refined)));
      }
    }
    return new Report(point, entries, smooth);
  }

  /**
   * Checks at up to {@code count} random points with inputs in [-2, 2], skipping points where the
   * value is not finite or finite differences are unreliable; empty if no such point was found.
   */
  public static List<Report> atRandomPoints(Gradient gradient, List<Node> inputs, int count, long seed) {
    Random random = new Random(seed);
    List<Report> reports = new ArrayList<>();
    for (int attempt = 0; attempt < 50 * count && reports.size() < count; attempt++) {
      Map<Node, double[]> point = new LinkedHashMap<>();
      for (Node input : inputs) {
        double[] values = new double[input.shape().size()];
        for (int i = 0; i < values.length; i++) values[i] = Math.round((random.nextDouble() * 4 - 2) * 1e4) / 1e4;
        point.put(input, values);
      }
      if (!Double.isFinite(new Evaluator(point).value(gradient.output())[0])) continue;
      Report report = at(gradient, point);
      if (report.smooth()) reports.add(report);
    }
    return reports;
  }

  public static double error(double a, double b) {
    if (a == b) return 0;
    if (!Double.isFinite(a) || !Double.isFinite(b)) return Double.POSITIVE_INFINITY;
    return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  /**
   * Whether {@code f} has a kink at the point along this coordinate, where central differences
   * cannot tell (at relu(0) both stencils give 1/2). On a smooth function the forward and backward
   * differences part by about h f'', halving with h; across a kink they part by the jump, whatever h.
   */
  private static boolean kinked(Node output, Map<Node, double[]> point, Node v, int i, double h, double f) {
    double x = point.get(v)[i];
    double gap = valueWith(output, point, v, i, x + h) - 2 * f + valueWith(output, point, v, i, x - h);
    double halfGap = valueWith(output, point, v, i, x + h / 2) - 2 * f + valueWith(output, point, v, i, x - h / 2);
    double noise = 64 * Math.ulp(Math.max(Math.abs(f), 1));
    // gaps divided by their steps: forward minus backward difference at h and at h/2
    double spread = Math.abs(gap) / h;
    double halfSpread = Math.abs(halfGap) / (h / 2);
    return Math.abs(halfGap) > noise && halfSpread > 0.75 * spread;
  }

  private static double derivative(Node output, Map<Node, double[]> point, Node v, int i, double h) {
    double x = point.get(v)[i];
    double f2 = valueWith(output, point, v, i, x + 2 * h);
    double f1 = valueWith(output, point, v, i, x + h);
    double m1 = valueWith(output, point, v, i, x - h);
    double m2 = valueWith(output, point, v, i, x - 2 * h);
    return (m2 - 8 * m1 + 8 * f1 - f2) / (12 * h);
  }

  private static double valueWith(Node output, Map<Node, double[]> point, Node v, int i, double x) {
    Map<Node, double[]> moved = new LinkedHashMap<>(point);
    double[] values = point.get(v).clone();
    values[i] = x;
    moved.put(v, values);
    return new Evaluator(moved).value(output)[0];
  }
}
