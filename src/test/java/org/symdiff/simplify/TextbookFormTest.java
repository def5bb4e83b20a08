package org.symdiff.simplify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.symdiff.testing.DerivativeCorpus;

/** The derivatives of issue 9's table print as a textbook writes them ({@code --emit expr --wrt VARIABLE}). */
class TextbookFormTest {

  @ParameterizedTest(name = "d/d{1} {0}  =  {2}")
  @CsvSource(delimiter = '|', value = {
      "x*x*x                                     | x | 3 * x ^ 2",
      "exp(-x^2/2)                               | x | -x * exp(-x ^ 2 / 2)",
      "sqrt(x^2+y^2)                             | x | x / sqrt(x ^ 2 + y ^ 2)",
      "sin(x)^2 + cos(x)^2 + 2*y                 | x | 0",
      "(x+y)^2 - x^2 - y^2 - 2*x*y + 4*x         | x | 4",
      "x*y/y + z                                 | y | 0",
      "log(x) + log(x*y)                         | x | 2 / x",
      "x*x*x*x*x*x*x*x*x*x*x*x                   | x | 12 * x ^ 11",
      "x*exp(x)                                  | x | exp(x) * (x + 1)",
      "x/(1 + x)                                 | x | 1 / (1 + x) ^ 2",
      "1/exp(x^2)                                | x | -2 * x / exp(x ^ 2)",
      "a*x - 2*x*y                               | x | a - 2 * y",
  })
  void derivativesPrintAsATextbookWritesThem(String expression, String variable, String expected) {
    assertThat(DerivativeCorpus.printed(expression, variable)).isEqualTo(expected);
  }
}
