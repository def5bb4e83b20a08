package org.symdiff.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a generated class costs per call: the operations its forward section ({@code value}) and its
 * backward section (the rest of {@code gradient}) do, counted on the code as written, and the
 * cheap-gradient ratio. Baur and Strassen (1983) showed a gradient costs at most 3 times the
 * function's multiplications and divisions; with functions such as exp and sin among the
 * operations, each call counts as one operation too (Griewank's unit cost for elementary
 * functions), and the ratio is that of multiplications, divisions and calls.
 */
public record OpCertificate(OpCounts forward, OpCounts backward, boolean fused) {
  /** A class whose {@code gradient} runs the forward section, then the backward one. */
  public OpCertificate(OpCounts forward, OpCounts backward) {
    this(forward, backward, false);
  }

  /**
   * What {@code gradient} does: the forward section and the backward one, or the backward section
   * alone when it is {@code fused} (its first loop computes the forward's loop too).
   */
  public OpCounts gradient() {
    return fused ? backward : forward.plus(backward);
  }

  /** Which sections {@code value} and {@code gradient} run, for the table's heading. */
  String sections() {
    return fused ? "value runs the forward section; gradient the backward one, whose first loop computes the value too"
        : "value runs the forward section, gradient both";
  }

  /** The ratio's numerator and denominator: multiplications, divisions and calls. */
  static Count work(OpCounts counts) {
    Count work = counts.mulDiv();
    for (var call : counts.calls().entrySet()) {
      if (!PIECEWISE_LINEAR.contains(call.getKey())) work = work.plus(call.getValue());
    }
    return work;
  }

  /** Functions that only compare or flip a sign: free, as additions and comparisons are in Baur and Strassen's count. */
  private static final java.util.Set<String> PIECEWISE_LINEAR = java.util.Set.of("max", "min", "abs", "signum");

  /** The gradient's work / the forward section's work, as every runtime size grows; NaN when the forward does none. */
  public double ratio() {
    Count value = work(forward);
    Count gradient = work(gradient());
    int degree = gradient.degree();
    if (value.degree() < degree || value.leading(degree) == 0) return value.isZero() && gradient.isZero() ? 1 : Double.NaN;
    return gradient.leading(degree) / (double) value.leading(degree);
  }

  /** The table, one row per section, a column per kind: what {@code --stats} prints and the Javadoc shows. */
  public String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "mul/div", "add/sub", "compare", "calls"});
    rows.add(row("forward", forward));
    rows.add(row("backward", backward));
    rows.add(row("gradient", gradient()));
    int[] widths = new int[5];
    for (String[] r : rows) for (int c = 0; c < 5; c++) widths[c] = Math.max(widths[c], r[c].length());
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(pad(r[0], widths[0], false));
      for (int c = 1; c < 4; c++) line.append("  ").append(pad(r[c], widths[c], true));
      line.append("  ").append(r[4]);
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** What {@code --stats} prints: a heading, the table and the ratio. */
  public String report(String output) {
    return "Operations per call of the Java class for " + output + " (" + sections() + "):\n"
        + table() + summary() + "\n";
  }

  /** One sentence on the ratio. */
  public String summary() {
    double r = ratio();
    String growing = work(gradient()).degree() > 0 ? " as the runtime sizes grow" : "";
    if (Double.isNaN(r)) {
      return "The forward section does no multiplication, division or call, so there is no cost ratio.";
    }
    return String.format("gradient / value = %.2f%s, in multiplications, divisions and calls"
        + " (the cheap-gradient bound of Baur and Strassen is 3).", r, growing);
  }

  private static String[] row(String name, OpCounts counts) {
    String calls = counts.calls().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return new String[] {name, counts.mulDiv().toString(), counts.addSub().toString(), counts.compares().toString(),
        calls.isEmpty() ? "-" : calls};
  }

  private static String pad(String s, int width, boolean right) {
    String space = " ".repeat(width - s.length());
    return right ? space + s : s + space;
  }
}
