package org.symdiff.simplify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.symdiff.eval.GradientCheck;
import org.symdiff.testing.DerivativeCorpus;

/**
 * Every derivative of the corpus, as {@code --emit expr} prints it and read back by our parser,
 * evaluates to SymPy's reference at the corpus's points; a derivative SymPy finds constant prints
 * as a number. The sizes are compared by {@code CorpusReport}, not here.
 */
class DerivativeCorpusTest {
  private static final double TOLERANCE = 1e-9;
  private static final List<Map<String, Double>> POINTS = DerivativeCorpus.points();

  @Test
  void theCorpusIsLargeEnough() {
    assertThat(DerivativeCorpus.entries()).hasSizeGreaterThanOrEqualTo(150);
    assertThat(POINTS).hasSize(3);
  }

  @TestFactory
  Stream<DynamicTest> printedDerivativesEvaluateToSymPysReference() {
    return DerivativeCorpus.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.toString(), () -> {
      for (int p = 0; p < POINTS.size(); p++) {
        double actual = DerivativeCorpus.evaluate(entry.printed(), POINTS.get(p));
        assertThat(GradientCheck.error(actual, entry.values()[p]))
            .as("%s printed %s = %s at %s; SymPy: %s = %s", entry, entry.printed(), actual, POINTS.get(p),
                entry.reference(), entry.values()[p])
            .isLessThanOrEqualTo(TOLERANCE);
      }
      if (!entry.reference().matches(".*\\b[xyz]\\b.*")) {
        assertThat(entry.printed()).as("%s: its derivative is the constant %s", entry, entry.reference())
            .matches("-?\\d+(\\.\\d+)?(E-?\\d+)?");
        assertThat(GradientCheck.error(Double.parseDouble(entry.printed()), entry.values()[0])).isLessThanOrEqualTo(TOLERANCE);
      }
    }));
  }
}
