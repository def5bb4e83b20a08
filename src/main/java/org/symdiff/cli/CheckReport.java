package org.symdiff.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Node;

/** What {@code --check} prints: each point, its partials (all, or the worst three), and the points' sizes. */
final class CheckReport {
  /** Up to this many partials per point, --check shows them all; beyond, the worst three. */
  private static final int SHOWN_ENTRIES = 12;
  private static final int SHOWN_VARIABLES = 8;

  private CheckReport() {}

  /** Prints every report of the gradient of {@code output}; returns the worst entry of all. */
  static GradientCheck.Entry print(List<GradientCheck.Report> reports, String output, PrintStream out) {
    GradientCheck.Entry worst = null;
    for (GradientCheck.Report report : reports) {
      out.println("at " + describe(report.point()) + (report.smooth() ? ""
          : "  (finite differences unreliable here: a kink or pole within h, or rounding of a large value)"));
      List<GradientCheck.Entry> entries = report.entries().stream()
          .sorted((a, b) -> Double.compare(b.error(), a.error())).toList();
      boolean all = entries.size() <= SHOWN_ENTRIES;
      if (report.alongDirections()) {
        out.printf("  along %d random directions u (entries uniform in [-1, 1]): d%s/du = gradient . u,"
            + " against finite differences of t -> %s(point + t u)%n", entries.size(), output, output);
      }
      for (GradientCheck.Entry e : all ? report.entries() : entries.subList(0, 3)) {
        out.printf("  d%s/d%-8s analytic %-24s numeric %-24s error %.2e%n", output, e.variable(),
            e.analytic(), e.numeric(), e.error());
      }
      if (!all) out.printf("  ... and %d more partials with smaller errors%n", entries.size() - 3);
      if (worst == null || report.worst().error() > worst.error()) worst = report.worst();
    }
    return worst;
  }

  /** The runtime dimensions of the random points: {@code N = 3, B = 3}. */
  static String describeSizes(Map<String, Integer> sizes) {
    return sizes.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /**
   * A point as its values, or (when large) its variables' shapes: at most {@link #SHOWN_VARIABLES}
   * of them, so a million scalar inputs are not a line of ten megabytes.
   */
  static String describe(Map<Node, double[]> point) {
    int numbers = point.values().stream().mapToInt(v -> v.length).sum();
    if (numbers > SHOWN_ENTRIES) {
      List<Node> variables = List.copyOf(point.keySet());
      boolean shortened = variables.size() > SHOWN_VARIABLES + 1;
      String shapes = variables.stream().limit(shortened ? SHOWN_VARIABLES : variables.size()).map(CheckReport::withShape)
          .collect(Collectors.joining(", "));
      if (shortened) {
        shapes += ", ... " + withShape(variables.get(variables.size() - 1)) + "; " + variables.size() + " variables";
      }
      return "a point of " + numbers + " numbers (" + shapes + ")";
    }
    StringBuilder s = new StringBuilder();
    point.forEach((v, values) -> {
      if (s.length() > 0) s.append(", ");
      s.append(v.name()).append('=').append(values.length == 1 ? Double.toString(values[0]) : java.util.Arrays.toString(values));
    });
    return s.toString();
  }

  /** A variable's name, and its shape unless it is a scalar. */
  private static String withShape(Node v) {
    return v.shape().isScalar() ? v.name() : v.name() + " " + v.shape();
  }
}
