package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;

/** Generated-code bugs the property tests found, each kept as the smallest case that showed it. */
class GeneratedJavaRegressionTest {

  /** The array form forwarded to {@code gradient(, grad)} when the expression had no inputs. */
  @Test
  void expressionWithoutInputsCompiles() {
    CompiledGradient compiled = CompiledGradient.compile(Differentiated.of("sin(1)"));
    assertThat(compiled.gradient(new double[0], new double[0])).isEqualTo(Math.sin(1));
    assertThat(compiled.value()).isEqualTo(Math.sin(1));
  }
}
