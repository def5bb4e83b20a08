package org.symdiff.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Node;
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

  @Test
  void aGradientOfMoreThanAHundredNumbersIsComparedAlongRandomDirections() {
    Differentiated model = Differentiated.of("param v[101], w; L = sum(w * v ^ 2) + sum(sin(v))");
    Map<Node, double[]> point = model.randomValues(new Random(1));
    GradientCheck.Report report = GradientCheck.at(model.gradient(), point);
    assertThat(report.alongDirections()).isTrue();
    assertThat(report.entries()).extracting(GradientCheck.Entry::variable).containsExactly("u1", "u2", "u3", "u4");
    assertThat(report.smooth()).isTrue();
    assertThat(report.passed()).isTrue();

    Differentiated small = Differentiated.of("param v[99], w; L = sum(w * v ^ 2)");
    GradientCheck.Report entries = GradientCheck.at(small.gradient(), small.randomValues(new Random(1)));
    assertThat(entries.alongDirections()).isFalse();
    assertThat(entries.entries()).hasSize(100).first().extracting(GradientCheck.Entry::variable).isEqualTo("v[0]");
  }

  /**
   * Along a direction that moves all 200 entries, exp(50 v) curves so fast that the stencils at
   * h = 1e-3 and h/2 part by 2e-7 (truncation, falling 16-fold per halving): ADBench's GMM at
   * d = 10 was "unreliable" at every point for that. A smaller step checks it.
   */
  @Test
  void aStronglyCurvedDirectionIsCheckedWithASmallerStep() {
    Differentiated model = Differentiated.of("param v[200]; L = sum(exp(50 * v))");
    GradientCheck.Report report = GradientCheck.at(model.gradient(), Map.of(model.inputs().get(0), new double[200]));
    assertThat(report.alongDirections()).isTrue();
    assertThat(report.smooth()).isTrue();
    assertThat(report.passed()).isTrue();
  }

  /** 100 partials of a 20,000-gate function entry by entry took 6,000 evaluations of it over 5 points. */
  @Test
  void aFewPartialsOfALargeFunctionAreComparedAlongRandomDirectionsToo() {
    String sum = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "x" + i % 100 + " * x" + i / 100)
        .collect(java.util.stream.Collectors.joining(" + "));
    Differentiated model = org.symdiff.Symdiff.onDeepStack(() -> Differentiated.of(sum));
    assertThat(model.inputs()).hasSize(100);
    GradientCheck.Report report = GradientCheck.at(model.gradient(), model.randomValues(new Random(3)));
    assertThat(report.alongDirections()).isTrue();
    assertThat(report.passed()).isTrue();
  }

  /** Rounding in a long sum is noise of many ulps: it must not read as a kink, or no random point is accepted. */
  @Test
  void theRoundingNoiseOfALongSumIsNotAKink() {
    String sum = java.util.stream.IntStream.range(0, 30_000).mapToObj(i -> "x" + i)
        .collect(java.util.stream.Collectors.joining(" + "));
    Differentiated model = org.symdiff.Symdiff.onDeepStack(() -> Differentiated.of(sum));
    List<GradientCheck.Report> reports = GradientCheck.atRandomPoints(model.gradient(), model.inputs(), 3, 5);
    assertThat(reports).hasSize(3).allSatisfy(r -> assertThat(r.passed()).isTrue());
    assertThat(GradientCheck.at(model.gradient(), model.randomValues(new Random(4))).smooth()).isTrue();
  }

  /** A gradient one contribution of which is 0.1 % off: every random direction sees it. */
  @Test
  void randomDirectionsCatchAWrongGradient() {
    Differentiated model = Differentiated.of("param v[500]; L = sum(v ^ 3)");
    Gradient right = model.gradient();
    List<Gradient.Step> steps = right.steps().stream().map(step -> new Gradient.Step(step.gate(),
        step.contributions().stream().map(c -> c.target() != right.wrt().get(0) ? c
            : new Gradient.Contribution(c.target(), model.model().graph().mul(model.model().graph().constant(1.001), c.expression())))
            .toList())).toList();
    Gradient wrong = new Gradient(right.output(), right.wrt(), right.forward(), steps);
    Map<Node, double[]> point = model.randomValues(new Random(2));
    assertThat(GradientCheck.at(right, point).passed()).isTrue();
    GradientCheck.Report report = GradientCheck.at(wrong, point);
    assertThat(report.smooth()).isTrue();
    assertThat(report.entries()).allSatisfy(e -> assertThat(e.error()).isGreaterThan(GradientCheck.TOLERANCE));
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
