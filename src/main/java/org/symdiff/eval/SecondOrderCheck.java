package org.symdiff.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.Jacobian;
import org.symdiff.diff.Tangents;
import org.symdiff.graph.Node;

/**
 * What {@code --check} compares beyond the gradient: a Jacobian column by column against central
 * differences of the outputs, a Hessian-vector product against central differences of the
 * gradient along random directions, and a Hessian's columns the same way plus its symmetry. Each
 * estimate is the five-point stencil at h = 1e-3 max(1, |x|), taken again at h/2: where the two
 * disagree (a kink or a pole near the point) the report is not {@code smooth} and says nothing.
 * Errors are relative as in {@link GradientCheck}: |analytic - numeric| / max(1, |analytic|, |numeric|).
 */
public final class SecondOrderCheck {
  private SecondOrderCheck() {}

  /** One compared number: {@code what} names it ({@code dr/da[3]}, {@code (H u1)[0]}, {@code H[0,1] - H[1,0]}). */
  public record Entry(String what, double analytic, double numeric, double error) {}

  public record Report(Map<Node, double[]> point, List<Entry> entries, boolean smooth) {
    public Entry worst() {
      return entries.stream().max((a, b) -> Double.compare(a.error, b.error)).orElse(null);
    }

    public boolean passed() {
      return entries.stream().allMatch(e -> e.error <= GradientCheck.TOLERANCE);
    }
  }

  /** Every column of the Jacobian against the stencil of the outputs along that input element. */
  public static Report jacobian(Jacobian jacobian, Map<Node, double[]> point, List<String> rowNames) {
    HigherDerivatives.JacobianResult result = HigherDerivatives.jacobian(jacobian, point);
    List<Entry> entries = new ArrayList<>();
    Smoothness smooth = new Smoothness();
    List<String> columns = elementNames(jacobian.wrt());
    List<Map<Node, double[]>> units = HigherDerivatives.unitDirections(jacobian.wrt());
    for (int j = 0; j < units.size(); j++) {
      double[] numeric = smooth.stencil(point, units.get(j), p -> outputs(jacobian, p));
      for (int i = 0; i < numeric.length; i++) {
        double analytic = result.rows()[i][j];
        entries.add(new Entry("d" + rowNames.get(i) + "/d" + columns.get(j), analytic, numeric[i], error(analytic, numeric[i])));
      }
    }
    return new Report(point, entries, smooth.smooth);
  }

  /** H u along {@code directions} random directions (entries uniform in [-1, 1]) against the stencil of the gradient. */
  public static Report hvp(Gradient gradient, Tangents tangents, Map<Node, double[]> point, int directions, long seed) {
    Evaluator run = new Evaluator(point);
    run.value(gradient.output());
    run.backward(gradient);
    Random random = new Random(seed);
    List<Entry> entries = new ArrayList<>();
    Smoothness smooth = new Smoothness();
    List<String> names = elementNames(gradient.wrt());
    for (int d = 1; d <= directions; d++) {
      Map<Node, double[]> u = new LinkedHashMap<>();
      for (Node v : gradient.wrt()) u.put(v, random.doubles(v.shape().size(), -1, 1).toArray());
      compare(entries, "(H u" + d + ")", names, HigherDerivatives.hvp(run.fork(), gradient, tangents, u),
          smooth.stencil(point, u, p -> flatGradient(gradient, p)));
    }
    return new Report(point, entries, smooth.smooth);
  }

  /** Each column of the Hessian against the stencil of the gradient, and H[i,j] against H[j,i]. */
  public static Report hessian(Gradient gradient, Tangents tangents, Map<Node, double[]> point) {
    double[][] h = HigherDerivatives.hessian(gradient, tangents, point);
    List<Entry> entries = new ArrayList<>();
    List<String> names = elementNames(gradient.wrt());
    List<Map<Node, double[]>> units = HigherDerivatives.unitDirections(gradient.wrt());
    Smoothness smooth = new Smoothness();
    for (int j = 0; j < units.size(); j++) {
      double[] column = new double[h.length];
      for (int i = 0; i < h.length; i++) column[i] = h[i][j];
      double[] numeric = smooth.stencil(point, units.get(j), p -> flatGradient(gradient, p));
      for (int i = 0; i < h.length; i++) {
        entries.add(new Entry("H[" + names.get(i) + ", " + names.get(j) + "]", column[i], numeric[i], error(column[i], numeric[i])));
      }
      for (int i = 0; i < j; i++) {
        entries.add(new Entry("H[" + names.get(i) + ", " + names.get(j) + "] - H[" + names.get(j) + ", " + names.get(i) + "]",
            h[i][j], h[j][i], error(h[i][j], h[j][i])));
      }
    }
    return new Report(point, entries, smooth.smooth);
  }

  private static void compare(List<Entry> entries, String what, List<String> names, double[] analytic, double[] numeric) {
    for (int i = 0; i < analytic.length; i++) {
      entries.add(new Entry(what + "[" + names.get(i) + "]", analytic[i], numeric[i], error(analytic[i], numeric[i])));
    }
  }

  /** Stencils at h and h/2; {@code smooth} stays true while each pair agrees. */
  private static final class Smoothness {
    boolean smooth = true;

    /** The estimate at h/2, after comparing it with the one at h. */
    double[] stencil(Map<Node, double[]> point, Map<Node, double[]> u, Function<Map<Node, double[]>, double[]> f) {
      double scale = 0;
      for (Node v : u.keySet()) for (double x : point.get(v)) scale = Math.max(scale, Math.abs(x));
      double h = 1e-3 * Math.max(1, scale);
      double[] coarse = SecondOrderCheck.stencil(point, u, f, h);
      double[] fine = SecondOrderCheck.stencil(point, u, f, h / 2);
      for (int i = 0; i < fine.length; i++) {
        smooth &= Double.isFinite(fine[i]) && error(coarse[i], fine[i]) <= GradientCheck.TOLERANCE / 10;
      }
      return fine;
    }
  }

  /** The five-point central difference of {@code f} at {@code point} along {@code u}, step h. */
  private static double[] stencil(Map<Node, double[]> point, Map<Node, double[]> u, Function<Map<Node, double[]>, double[]> f,
      double h) {
    double[] p1 = f.apply(moved(point, u, h));
    double[] m1 = f.apply(moved(point, u, -h));
    double[] p2 = f.apply(moved(point, u, 2 * h));
    double[] m2 = f.apply(moved(point, u, -2 * h));
    double[] d = new double[p1.length];
    for (int i = 0; i < d.length; i++) d[i] = (8 * (p1[i] - m1[i]) - (p2[i] - m2[i])) / (12 * h);
    return d;
  }

  private static Map<Node, double[]> moved(Map<Node, double[]> point, Map<Node, double[]> u, double t) {
    Map<Node, double[]> moved = new LinkedHashMap<>(point);
    u.forEach((v, du) -> {
      double[] x = point.get(v).clone();
      for (int k = 0; k < x.length; k++) x[k] += t * du[k];
      moved.put(v, x);
    });
    return moved;
  }

  private static double[] outputs(Jacobian jacobian, Map<Node, double[]> point) {
    return HigherDerivatives.outputs(jacobian, new Evaluator(point, false));
  }

  private static double[] flatGradient(Gradient gradient, Map<Node, double[]> point) {
    Evaluator.Result r = Evaluator.gradient(gradient, point);
    return r.gradient().values().stream().flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  /** x, or W[0,1] and v[2] for the elements of arrays. */
  static List<String> elementNames(List<Node> variables) {
    List<String> names = new ArrayList<>();
    for (Node v : variables) names.addAll(elementNames(v.name(), v.shape()));
    return names;
  }

  /** The names of a value's elements, row-major: x for a scalar, v[2], W[0,1]. */
  public static List<String> elementNames(String name, org.symdiff.graph.Shape shape) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < shape.size(); i++) {
      if (shape.isScalar()) names.add(name);
      else if (shape.rank() == 1) names.add(name + "[" + i + "]");
      else names.add(name + "[" + i / shape.length(1) + "," + i % shape.length(1) + "]");
    }
    return names;
  }

  private static double error(double analytic, double numeric) {
    if (Double.isNaN(analytic) != Double.isNaN(numeric)) return Double.POSITIVE_INFINITY;
    if (Double.isNaN(analytic)) return 0;
    return Math.abs(analytic - numeric) / Math.max(1, Math.max(Math.abs(analytic), Math.abs(numeric)));
  }
}
