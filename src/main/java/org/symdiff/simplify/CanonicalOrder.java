package org.symdiff.simplify;

import java.util.Comparator;
import java.util.List;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * The total order of the operands of canonical sums and products. Bases go in the order they were
 * first made (node ids, so the user's left-to-right order mostly stays: {@code x * sin(y)}), with
 * adjoints last, so a backward product reads {@code partial * dy} as the notes write it. Terms of a
 * sum compare factor by factor, a higher power of the same base first ({@code x ^ 2 + x}).
 */
final class CanonicalOrder {
  private CanonicalOrder() {}

  static final Comparator<Node> BASES = Comparator.<Node>comparingInt(n -> n.op() == Op.ADJOINT ? 1 : 0)
      .thenComparingInt(Node::id);

  static final Comparator<Factor> FACTORS = Comparator.comparing(Factor::base, BASES)
      .thenComparing(Comparator.comparingDouble(Factor::exponent).reversed());

  static final Comparator<List<Factor>> TERMS = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = FACTORS.compare(a.get(i), b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  };
}
