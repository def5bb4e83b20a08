package org.symdiff.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The helpers generated classes copy: erf against a 60-digit Taylor series. */
class SpecialFunctionsTest {
  private static final MathContext DIGITS = new MathContext(60);
  private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494459");

  /** erf(x) = 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)), summed with 60 digits (its terms reach 10^15 at |x| = 6). */
  private static double reference(double x) {
    BigDecimal big = new BigDecimal(x);
    BigDecimal square = big.multiply(big, DIGITS);
    BigDecimal power = big;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal tiny = new BigDecimal("1e-40");
    for (int n = 0; n < 1000; n++) {
      BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), DIGITS);
      sum = n % 2 == 0 ? sum.add(term, DIGITS) : sum.subtract(term, DIGITS);
      power = power.multiply(square, DIGITS).divide(BigDecimal.valueOf(n + 1), DIGITS);
      if (n > 4 && power.abs().compareTo(tiny) < 0) break;
    }
    return sum.multiply(BigDecimal.valueOf(2), DIGITS).divide(PI.sqrt(DIGITS), DIGITS).doubleValue();
  }

  @Test
  void erfIsWithin1e15OfTheTrueValue() {
    Random random = new Random(7);
    double worst = 0;
    for (int i = 0; i < 3000; i++) {
      // evenly over [-6.5, 6.5], where it leaves 1, and tiny arguments where it is 2x/sqrt(pi)
      double x = i < 2000 ? -6.5 + 13.0 * i / 2000 + 1e-4 * random.nextDouble()
          : Math.scalb(random.nextDouble(), -random.nextInt(1000)) * (random.nextBoolean() ? 1 : -1);
      double expected = reference(x);
      double error = Math.abs(SpecialFunctions.erf(x) - expected);
      worst = Math.max(worst, error);
      // within 1e-15, and relatively so where erf is small
      assertThat(error).as("erf(%s) = %s", x, expected).isLessThanOrEqualTo(1e-15 * Math.min(1, Math.abs(expected)));
    }
    assertThat(worst).isPositive();
  }

  @Test
  void erfIsOddAndHasItsLimits() {
    assertThat(SpecialFunctions.erf(0)).isZero();
    assertThat(SpecialFunctions.erf(-0.7)).isEqualTo(-SpecialFunctions.erf(0.7));
    assertThat(SpecialFunctions.erf(Double.POSITIVE_INFINITY)).isEqualTo(1);
    assertThat(SpecialFunctions.erf(-40)).isEqualTo(-1);
    assertThat(SpecialFunctions.erf(Double.NaN)).isNaN();
  }
}
