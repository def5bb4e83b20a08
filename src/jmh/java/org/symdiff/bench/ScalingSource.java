package org.symdiff.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random programs of about {@code gates} distinct gates, as source text, for the scaling
 * benchmark. Shape: {@code gates/16} inputs, {@code gates/16} shared statements {@code h<i>} (each
 * read by several later lines, so adjoints gather contributions over many paths) and a final
 * {@code f} that sums random terms as a balanced tree. Balanced on purpose: nesting stays near
 * log2(gates), so the recursive AST builder and lowering measure their algorithms, not stack depth.
 */
final class ScalingSource {
  private final SplittableRandom random;
  private final int inputs;
  private final int shared;

  private ScalingSource(int gates, long seed) {
    this.random = new SplittableRandom(seed);
    this.inputs = Math.max(4, gates / 16);
    this.shared = Math.max(2, gates / 16);
  }

  /** The program text; the same {@code gates} and {@code seed} always give the same text. */
  static String program(int gates, long seed) {
    return new ScalingSource(gates, seed).text(gates);
  }

  private String text(int gates) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < shared; i++) out.append('h').append(i).append(" = ").append(sharedLine(i)).append('\n');
    // A shared line is 3 gates; a term averages 2.6 plus the "+" that joins it into the sum.
    int terms = Math.max(2, (int) ((gates - 3L * shared) / 3.6));
    List<String> parts = new ArrayList<>(terms);
    for (int t = 0; t < terms; t++) parts.add(term());
    out.append("f = ");
    balancedSum(parts, 0, parts.size(), out);
    return out.append('\n').toString();
  }

  /** Three gates; half the lines also read an earlier shared line, which makes a deeper DAG. */
  private String sharedLine(int i) {
    if (i > 0 && random.nextBoolean()) return "tanh(" + h(i) + " * " + x() + " + " + x() + ")";
    return "sigmoid(" + x() + " * " + x() + " - " + x() + ")";
  }

  private String term() {
    int all = shared;
    return switch (random.nextInt(5)) {
      case 0 -> x() + " * " + h(all);
      case 1 -> "sigmoid(" + x() + " + " + h(all) + ") * " + x();
      case 2 -> h(all) + " * " + h(all) + " / (1 + " + x() + "^2)";
      case 3 -> "exp(-" + x() + ") * " + h(all);
      default -> "tanh(" + x() + " * " + x() + ") - " + h(all);
    };
  }

  private void balancedSum(List<String> parts, int from, int to, StringBuilder out) {
    if (to - from == 1) {
      out.append(parts.get(from));
      return;
    }
    int middle = (from + to) >>> 1;
    out.append('(');
    balancedSum(parts, from, middle, out);
    out.append(") + (");
    balancedSum(parts, middle, to, out);
    out.append(')');
  }

  private String x() {
    return "x" + random.nextInt(inputs);
  }

  /** A shared line below {@code bound}. */
  private String h(int bound) {
    return "h" + random.nextInt(bound);
  }
}
