package org.symdiff.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.symdiff.ast.SourceError;

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
  void anInlineProgramShrinksByInliningItsNamedValues() {
    Shrinker.Result result = Shrinker.shrink("q = x * y; r = exp(q); f = r + q", e -> e.contains("exp") ? "exp" : null);
    assertThat(result.shrunk()).isEqualTo("f = exp(1)");
  }

  /** Candidates that do not load (an operand of the wrong shape) pass the check, so they are never kept. */
  @Test
  void aProgramShrinksItsStatementsDeclarationsAndDims() {
    String program = """
        dim M = 3
        dim N = 4
        input X[M,N], v[N], s
        param W[N,M]
        H = relu(X @ W) * s
        L = sum(softmax(H) @ X + v)""";
    Shrinker.Result result = Shrinker.shrink(program, e -> {
      try {
        Differentiated.of(e);
        return e.contains("softmax(") && e.contains(" @ ") ? "softmax and @" : null;
      } catch (SourceError invalid) {
        return null;
      }
    });
    assertThat(result.shrunk()).isEqualTo("""
        dim M = 1
        dim N = 1
        input X[M,N]
        param W[N,M]
        L = sum(softmax(W) @ X)""");
  }

  @Test
  void refusesAnExpressionThatPasses() {
    assertThatThrownBy(() -> Shrinker.shrink("x", e -> null)).isInstanceOf(IllegalArgumentException.class);
  }
}
