package org.symdiff.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.symdiff.parse.ProgramParser;
import org.symdiff.testing.ExprPrinter;
import org.symdiff.testing.RandomExpressions;

/** The text error messages quote must read back as the expression that was written. */
class ExprTextTest {

  private static Expr parse(String text) {
    return ((Statement.Evaluate) ProgramParser.parse(new Source("<test>", text)).statements().get(0)).value();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      (-A)^2         | (-A) ^ 2
      -A^2           | -(A ^ 2)
      (-2)^x         | (-2) ^ x
      2^-x           | 2 ^ -x
      x^y^z          | x ^ (y ^ z)
      (x^y)^z        | (x ^ y) ^ z
      -(-x)          | --x
      (-a) * b       | -a * b
      a - -b         | a - -b
      -(a + b) @ W   | -(a + b) @ W
      a - (b - c)    | a - (b - c)
      """)
  void parenthesisesWherePrecedenceNeedsIt(String written, String quoted) {
    assertThat(ExprText.of(parse(written))).isEqualTo(quoted);
    assertThat(ExprPrinter.print(parse(quoted))).isEqualTo(ExprPrinter.print(parse(written)));
  }

  @Test
  void randomExpressionsReadBackAsTheSameTree() {
    RandomExpressions expressions = new RandomExpressions(new Random(5));
    for (int i = 0; i < 300; i++) {
      String text = expressions.next();
      assertThat(ExprPrinter.print(parse(ExprText.of(parse(text))))).as(text).isEqualTo(text);
    }
  }
}
