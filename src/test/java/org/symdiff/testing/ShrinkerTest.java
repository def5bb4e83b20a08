package org.symdiff.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShrinkerTest {

  @Test
  void keepsTheSmallestExpressionThatStillFails() {
    Shrinker.Result result = Shrinker.shrink("exp(x) + sin(y * z) / 2",
        e -> e.contains("sin") ? "mentions sin" : null);
    assertThat(result.shrunk()).isEqualTo("sin(1)");
    assertThat(result.shrunkFailure()).isEqualTo("mentions sin");
    assertThat(result.original()).isEqualTo("exp(x) + sin(y * z) / 2");
  }

  @Test
  void shrinksBySemanticsNotJustText() {
    Shrinker.Check twoInputs = e -> Differentiated.of(e).inputs().size() >= 2 ? "two inputs" : null;
    Shrinker.Result result = Shrinker.shrink("sin(x) * exp(-(y + 3)) - z ^ 2", twoInputs);
    assertThat(result.shrunk()).matches("[xyz] [-+*/^] [xyz]");
  }

  @Test
  void anExceptionIsAFailure() {
    Shrinker.Result result = Shrinker.shrink("1 + log(2 * x) * y", e -> {
      if (e.contains("log")) throw new IllegalStateException("no logs");
      return null;
    });
    assertThat(result.shrunk()).isEqualTo("log(1)");
    assertThat(result.shrunkFailure()).contains("IllegalStateException: no logs");
  }

  @Test
  void programsAreReportedAsTheyAre() {
    Shrinker.Result result = Shrinker.shrink("q = x * y; f = q", e -> "always");
    assertThat(result.shrunk()).isEqualTo("q = x * y; f = q");
  }

  @Test
  void refusesAnExpressionThatPasses() {
    assertThatThrownBy(() -> Shrinker.shrink("x", e -> null)).isInstanceOf(IllegalArgumentException.class);
  }
}
