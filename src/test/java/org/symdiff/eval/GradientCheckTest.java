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

  /** At relu(0) both central stencils give 1/2 and agree; the one-sided differences do not. */
  @Test
  void aKinkRightAtThePointIsNotSmooth() {
    for (String kinked : new String[] {"relu(v)", "abs(v)", "max(v, 0)", "step(v) * v + v"}) {
      Differentiated model = Differentiated.of(kinked);
      assertThat(GradientCheck.at(model.gradient(), model.point(0)).smooth()).as(kinked).isFalse();
    }
    for (String smooth : new String[] {"v ^ 2", "exp(10 * v)", "relu(v + 1)", "sin(v) / (1 + v ^ 2)"}) {
      Differentiated model = Differentiated.of(smooth);
      assertThat(GradientCheck.at(model.gradient(), model.point(0)).smooth()).as(smooth).isTrue();
    }
  }
}
