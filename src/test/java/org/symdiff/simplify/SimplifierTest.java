package org.symdiff.simplify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.emit.Syntax;
import org.symdiff.graph.Model;

/** Classic simplifications come out in their smallest form (and the simplifier terminates on them). */
class SimplifierTest {

  @ParameterizedTest(name = "{0}  ->  {1}")
  @CsvSource(delimiter = '|', value = {
      "x * 1           | x",
      "1 * x           | x",
      "x + 0           | x",
      "0 + x           | x",
      "x - 0           | x",
      "0 - x           | -x",
      "-(-x)           | x",
      "x - x           | 0",
      "x ^ 1           | x",
      "x ^ 0           | 1",
      "1 ^ x           | 1",
      "2 * (3 * x)     | 6 * x",
      "x * 2 * 3       | 6 * x",
      "x + x           | 2 * x",
      "x * x           | x ^ 2",
      "x / x           | 1",
      "x / 1           | x",
      "0 / x           | 0",
      "0 * sin(x)      | 0",
      "-1 * x          | -x",
      "x + -y          | x - y",
      "-x + y          | y - x",
      "x - -y          | x + y",
      "-(x - y)        | y - x",
      "-x * y          | -x * y",
      "-x / y          | -x / y",
      "-(2 * x)        | -2 * x",
      "-(2 / x)        | -2 / x",
      "y * (1 / x)     | y / x",
      "x * (y * z)     | x * y * z",
      "log(exp(x))     | x",
      "3 + 4 * 2       | 11",
      "a = x - y; f = -a | -(x - y)",
      "x + 0/0         | x + 0 / 0",
      "x * (0/0)       | 0 / 0 * x",
      "0 * (x + 1/0)   | 0 * (x + 1 / 0)",
      "x - 1/0 - (x - 1/0) | x - 1 / 0 - (x - 1 / 0)",
      "(x - 1/0) / (x - 1/0) | (x - 1 / 0) / (x - 1 / 0)",
      "0 / (x * (0/0)) | 0 / (0 / 0 * x)",
      "1 ^ (x + 0/0)   | 1 ^ (x + 0 / 0)",
      "-1/0 * x        | -1 / 0 * x",
      "softmax(x)      | 1",
      "logsumexp(x) + y | x + y",
  })
  void simplifiesToItsSmallestForm(String expression, String expected) {
    Model model = Symdiff.load(new Source("<test>", expression));
    assertThat(new Syntax(Syntax.Dialect.LANGUAGE, n -> null).print(model.output())).isEqualTo(expected);
  }
}
