package org.symdiff.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symdiff.testing.Differentiated;

class GradientCheckTest {

  @Test
  void anOrdinaryPointIsSmoothAndPasses() {
    Differentiated model = Differentiated.of("v * exp(s)");
    GradientCheck.Report report = GradientCheck.at(model.gradient(), model.point(1, 2));
    assertThat(report.smooth()).isTrue();
    assertThat(report.passed()).isTrue();
  }

  /**
   * Next to 1e20 a step of 1e-3 in v is lost in rounding, so both estimates of df/dv are 0 and
   * agree: that is not smoothness, and --check reported a mismatch for the correct gradient 1.
   */
  @Test
  void aPointWhereRoundingSwampsTheStepIsNotSmooth() {
    Differentiated model = Differentiated.of("v + 1e20");
    GradientCheck.Report report = GradientCheck.at(model.gradient(), model.point(1));
    assertThat(report.entries()).singleElement().satisfies(e -> assertThat(e.numeric()).isZero());
    assertThat(report.smooth()).isFalse();
  }

  @Test
  void aLargeOutputWithAGradientToMatchIsStillChecked() {
    Differentiated model = Differentiated.of("exp(s)");
    GradientCheck.Report report = GradientCheck.at(model.gradient(), Map.of(model.inputs().get(0), new double[] {30}));
    assertThat(report.smooth()).isTrue();
    assertThat(report.passed()).isTrue();
  }
}
