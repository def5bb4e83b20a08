package org.symdiff.reports;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.symdiff.testing.DerivativeCorpus;

/**
 * A report, not a test (Surefire runs no {@code *Report} by default): the size of each derivative
 * of the corpus as {@code --emit expr} prints it against SymPy's {@code simplify(diff(...))}, both
 * counted by {@link DerivativeCorpus#operations} on the text. Prints the entries where ours is
 * larger, the share of the corpus where it is at most SymPy's, and the geometric mean of the
 * ratio (ours + 1) / (SymPy's + 1) (one more than the operations, so a constant or a name, which
 * has none, counts one). Run with {@code bin/corpus-report}.
 */
class CorpusReport {
  @Test
  void report() {
    List<DerivativeCorpus.Entry> entries = DerivativeCorpus.entries();
    int atMost = 0;
    int smaller = 0;
    double logRatios = 0;
    StringBuilder larger = new StringBuilder();
    for (DerivativeCorpus.Entry e : entries) {
      int ours = DerivativeCorpus.operations(e.printed());
      int sympy = DerivativeCorpus.operations(e.reference());
      if (ours <= sympy) atMost++;
      if (ours < sympy) smaller++;
      logRatios += Math.log((ours + 1.0) / (sympy + 1.0));
      if (ours > sympy) {
        larger.append(String.format("  %3d > %3d  d/d%s %s%n             symdiff: %s%n             SymPy:   %s%n",
            ours, sympy, e.variable(), e.expression(), e.printed(), e.reference()));
      }
    }
    System.out.printf("Derivative corpus (%s): %d derivatives.%nLarger than SymPy's simplify(diff(...)):%n%s", DerivativeCorpus.FILE,
        entries.size(), larger);
    System.out.printf("operations of --emit expr at most SymPy's: %d of %d (%.1f%%), fewer: %d; geometric mean of"
        + " (ours + 1) / (SymPy's + 1): %.3f%n", atMost, entries.size(), 100.0 * atMost / entries.size(), smaller,
        Math.exp(logRatios / entries.size()));
  }
}
