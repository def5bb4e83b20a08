package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.PropertyRun;
import org.symdiff.testing.RandomExpressions;
import org.symdiff.testing.RandomPrograms;

/**
 * The cheap-gradient principle of Baur and Strassen, checked on what symdiff writes: over random
 * expressions and random programs, the gradient's multiplications, divisions and calls are at most
 * three times the value's, plus a small constant for the seeding, plus what a few functions'
 * derivatives need beyond a product ({@link #EXTRA}).
 */
class CheapGradientTest {
  private static final PropertyRun EXPRESSIONS = PropertyRun.of(CheapGradientTest.class, 3_141_592L, 300);
  /** The seeding and the first adjoint: a few operations however small the function. */
  private static final long SEEDING = 2;
  /**
   * Array programs add a few more: a share whose two arguments broadcast differently is computed
   * in two loops (dy / b for a [1]-shaped numerator and for the denominator's [4]).
   */
  private static final long SEEDING_ARRAYS = 4;
  /**
   * Calls whose derivative needs more than the rule's budget: pow (b a^(b-1) and y log a: two
   * calls and three products), erf (2/sqrt(pi) exp(-x^2): a call and three products), asin and acos
   * (1/sqrt(1 - x^2)), and max and min, which halve dy for each argument on a tie.
   */
  private static final Map<String, Long> EXTRA = Map.of("pow", 4L, "erf", 2L, "asin", 2L, "acos", 2L, "max", 2L, "min", 2L);

  @Test
  void randomExpressionsStayWithinTheBound() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < EXPRESSIONS.cases(); i++) {
      String expression = new RandomExpressions(PropertyRun.random(EXPRESSIONS.caseSeed(i))).next();
      String failure = exceeds(expression, SEEDING);
      if (failure != null) failures.add(failure);
    }
    assertThat(failures).as("functions whose gradient costs more than the bound").isEmpty();
  }

  @Test
  void randomProgramsStayWithinTheBound() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String program = new RandomPrograms(PropertyRun.random(7_000L + i), 3).next();
      String failure = exceeds(program, SEEDING_ARRAYS);
      if (failure != null) failures.add(failure);
    }
    assertThat(failures).as("programs whose gradient costs more than the bound").isEmpty();
  }

  /** Why {@code text}'s gradient breaks the bound at runtime sizes 1, 2, 4, 8 and 16, or null. */
  private static String exceeds(String text, long seeding) {
    Differentiated d = Differentiated.of(text);
    OpCertificate c = JavaEmitter.certificate(d.model(), d.gradient());
    for (int size : new int[] {1, 2, 4, 8, 16}) {
      Map<String, Integer> sizes = new java.util.HashMap<>();
      d.model().runtimeDims().forEach(n -> sizes.put(n, size));
      long value = OpCertificate.work(c.forward()).at(sizes);
      long gradient = OpCertificate.work(c.gradient()).at(sizes);
      long extra = 0;
      for (var call : EXTRA.entrySet()) extra += call.getValue() * c.forward().calls().getOrDefault(call.getKey(), Count.ZERO).at(sizes);
      long bound = 3 * value + extra + seeding;
      if (gradient > bound) {
        return String.format("%d > %d (value %d, allowance %d) at size %d:%n%s%n%s", gradient, bound, value, extra, size,
            text, c.table());
      }
    }
    return null;
  }
}
