package org.symdiff.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.Jacobian;
import org.symdiff.diff.Tangents;
import org.symdiff.emit.JsonEmitter;
import org.symdiff.emit.SecondOrderExpr;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.eval.HigherDerivatives;
import org.symdiff.eval.SecondOrderCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * What the command does for more than a gradient: the Jacobian of several outputs (or a vector
 * output), and with {@code --hvp} or {@code --hessian} the second derivatives of a scalar one, in
 * the formats that have them (java, json, expr, --check).
 */
final class HigherOrder {
  private final boolean hvp;
  private final boolean hessian;

  HigherOrder(boolean hvp, boolean hessian) {
    this.hvp = hvp;
    this.hessian = hessian;
  }

  /** Whether this run is about a Jacobian or second derivatives rather than a gradient alone. */
  boolean applies(Model model) {
    return !model.hasScalarOutput() || hvp || hessian;
  }

  /** Refuses, naming what would work, a format or option that has no Jacobian or second derivative. */
  void requireSupported(Model model, Main.Format emit, boolean check, boolean explain, boolean stats) {
    String asked = hessian ? "--hessian" : "--hvp";
    if ((hvp || hessian) && !model.hasScalarOutput()) {
      throw new Main.UsageError(asked + " is for a scalar output; " + outputs(model) + " has a Jacobian (java, json, expr, --check)");
    }
    if (!applies(model)) return;
    String what = model.hasScalarOutput() ? asked : outputs(model) + " (a Jacobian)";
    if (explain || stats) throw new Main.UsageError((explain ? "--explain" : "--stats") + " is for the gradient of one scalar output, not " + what);
    if (check) return;
    boolean supported = switch (emit) {
      case java -> true;
      case expr -> true;
      case json -> !hvp || hessian || !model.hasScalarOutput();
      case markdown, latex, dot, svg, junit -> false;
    };
    if (!supported) {
      throw new Main.UsageError("--emit " + emit + " does not show " + what
          + (emit == Main.Format.json ? "; --hessian prints the whole matrix (H v is H @ v)" : "; use --emit java, json or expr, or --check"));
    }
  }

  private static String outputs(Model model) {
    if (model.outputs().size() == 1) return "the output '" + model.outputName() + "' " + model.output().shape();
    return "the outputs " + String.join(", ", model.outputs().stream().map(Model.Output::name).toList());
  }

  String expr(Model model, Gradient gradient) {
    if (!model.hasScalarOutput()) return SecondOrderExpr.jacobian(model, gradient.wrt());
    return (hvp ? SecondOrderExpr.hvp(model, gradient) : "") + (hessian ? SecondOrderExpr.hessian(model, gradient) : "");
  }

  /** The JSON object: value and Jacobian, or value, gradient and Hessian. */
  String json(Model instance, Gradient gradient, Map<Node, double[]> point) {
    if (!instance.hasScalarOutput()) {
      HigherDerivatives.JacobianResult r = HigherDerivatives.jacobian(jacobian(instance, gradient), point);
      return JsonEmitter.jacobian(instance.outputs().size() == 1 ? instance.output().shape() : null, r);
    }
    double[][] h = HigherDerivatives.hessian(gradient, tangents(instance, gradient), point);
    return JsonEmitter.withHessian(Evaluator.gradient(gradient, point), h);
  }

  /** The checks asked for at each point; prints them and returns whether all passed. */
  boolean check(Model instance, Gradient gradient, List<Map<Node, double[]>> points, PrintStream out) {
    List<SecondOrderCheck.Report> reports = new ArrayList<>();
    for (Map<Node, double[]> point : points) {
      if (!instance.hasScalarOutput()) {
        reports.add(SecondOrderCheck.jacobian(jacobian(instance, gradient), point, rowNames(instance)));
      } else {
        Tangents tangents = tangents(instance, gradient);
        if (hvp) reports.add(SecondOrderCheck.hvp(gradient, tangents, point, GradientCheck.DIRECTIONS, 20261124L));
        if (hessian) reports.add(SecondOrderCheck.hessian(gradient, tangents, point));
      }
    }
    String kind = !instance.hasScalarOutput() ? "the Jacobian, column by column, against central differences of the outputs"
        : (hvp ? "H u along random directions u" : "") + (hvp && hessian ? ", and " : "")
            + (hessian ? "the Hessian column by column and its symmetry" : "") + ", against central differences of the gradient";
    out.println("checking " + kind);
    SecondOrderCheck.Entry worst = null;
    for (SecondOrderCheck.Report report : reports) {
      List<SecondOrderCheck.Entry> sorted = report.entries().stream().sorted((a, b) -> Double.compare(b.error(), a.error())).toList();
      boolean all = sorted.size() <= 12;
      for (SecondOrderCheck.Entry e : all ? report.entries() : sorted.subList(0, 3)) {
        out.printf("  %-16s analytic %-24s numeric %-24s error %.2e%n", e.what(), e.analytic(), e.numeric(), e.error());
      }
      if (!all) out.printf("  ... and %d more with smaller errors%n", sorted.size() - 3);
      SecondOrderCheck.Entry w = report.worst();
      if (w != null && (worst == null || w.error() > worst.error())) worst = w;
    }
    if (reports.stream().anyMatch(r -> !r.smooth())) {
      out.println("  (finite differences unreliable at some point: a kink or pole within h; those errors say little)");
    }
    boolean passed = reports.stream().allMatch(SecondOrderCheck.Report::passed);
    if (worst != null) {
      out.printf("worst relative error %.2e (%s; tolerance %.0e): %s%n", worst.error(), worst.what(),
          GradientCheck.TOLERANCE, passed ? "ok" : "MISMATCH");
    }
    return passed;
  }

  /** Up to {@code count} random points with inputs in [-2, 2] where every output is finite. */
  static List<Map<Node, double[]>> randomPoints(Model instance, int count, long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<Map<Node, double[]>> points = new ArrayList<>();
    for (int attempt = 0; attempt < 50 * count && points.size() < count; attempt++) {
      Map<Node, double[]> point = new java.util.LinkedHashMap<>();
      for (Node input : instance.inputs()) {
        point.put(input, random.doubles(input.shape().size(), -2, 2).map(v -> Math.round(v * 1e4) / 1e4).toArray());
      }
      Evaluator e = new Evaluator(point);
      boolean finite = instance.outputs().stream()
          .allMatch(o -> java.util.Arrays.stream(e.value(o.value())).allMatch(Double::isFinite));
      if (finite) points.add(point);
    }
    return points;
  }

  static Jacobian jacobian(Model instance, Gradient gradient) {
    return Jacobian.of(instance.graph(), instance.outputs().stream().map(Model.Output::value).toList(), gradient.wrt());
  }

  static Tangents tangents(Model instance, Gradient gradient) {
    return Tangents.overGradient(instance.graph(), gradient);
  }

  /** r[0], r[1], ... for a vector output; f, g for several scalars. */
  private static List<String> rowNames(Model model) {
    List<String> names = new ArrayList<>();
    for (Model.Output o : model.outputs()) names.addAll(SecondOrderCheck.elementNames(o.name(), o.value().shape()));
    return names;
  }
}
