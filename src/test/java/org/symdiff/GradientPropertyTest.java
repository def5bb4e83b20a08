package org.symdiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.symdiff.ast.Expr;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Coverage;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.ExprPrinter;
import org.symdiff.testing.PropertyRun;
import org.symdiff.testing.RandomExpressions;
import org.symdiff.testing.Shrinker;

/**
 * For random expressions, three gradients agree at random points: the generated Java (compiled in
 * memory), the interpreter (what {@code --emit json} prints) and five-point finite differences,
 * with respect to every input or, in every other case, to a random {@code --wrt} subset.
 * The generated {@code value} equals the interpreter's value (they use the same formulas).
 */
class GradientPropertyTest {
  private static final PropertyRun RUN = PropertyRun.of(GradientPropertyTest.class, 4_004_004L, 300);
  private static final int POINTS = 4;
  /** Generated code and interpreter evaluate the same formulas in the same order. */
  private static final int MAX_ULPS = 2;

  /** How much of the run finite differences could check (they skip kinks, poles and overflow). */
  private static final class Stats {
    int casesChecked;
    int pointsChecked;
  }

  @Test
  void compiledInterpretedAndNumericGradientsAgree() {
    List<String> expressions = new ArrayList<>();
    Coverage coverage = new Coverage();
    for (int i = 0; i < RUN.cases(); i++) {
      Expr tree = new RandomExpressions(PropertyRun.random(RUN.caseSeed(i))).nextTree();
      coverage.count(tree);
      expressions.add(ExprPrinter.print(tree));
    }
    List<CompiledGradient> compiled = compileAll(expressions);
    Stats stats = new Stats();
    for (int i = 0; i < RUN.cases(); i++) {
      long seed = RUN.caseSeed(i);
      int before = stats.pointsChecked;
      if (check(compiled.get(i), seed, stats) != null) throw shrunk(expressions.get(i), seed);
      if (stats.pointsChecked > before) stats.casesChecked++;
    }
    System.out.printf("%s: %d expressions, %d checked against finite differences at %d points; %s%n",
        RUN.test(), RUN.cases(), stats.casesChecked, stats.pointsChecked, coverage);
    assertThat(stats.casesChecked).as("expressions with a point smooth enough for finite differences")
        .isGreaterThanOrEqualTo(RUN.cases() * 3 / 4);
    if (RUN.cases() >= 100) {
      assertThat(coverage.missing()).as("operators and functions never generated").isEmpty();
    }
  }

  /** All cases in one javac run; if that fails, the first case that fails on its own is shrunk. */
  private static List<CompiledGradient> compileAll(List<String> expressions) {
    List<Differentiated> models = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      try {
        models.add(load(expressions.get(i), RUN.caseSeed(i)));
      } catch (RuntimeException e) {
        throw shrunk(expressions.get(i), RUN.caseSeed(i));
      }
    }
    try {
      return CompiledGradient.compileAll(models);
    } catch (AssertionError batchFailed) {
      for (int i = 0; i < expressions.size(); i++) {
        long seed = RUN.caseSeed(i);
        if (Shrinker.failureOf(e -> checkAlone(e, seed), expressions.get(i)) != null) throw shrunk(expressions.get(i), seed);
      }
      throw batchFailed;
    }
  }

  private static AssertionError shrunk(String expression, long seed) {
    return RUN.failure(seed, Shrinker.shrink(expression, e -> checkAlone(e, seed)));
  }

  private static String checkAlone(String expression, long seed) {
    return check(CompiledGradient.compile(load(expression, seed)), seed, new Stats());
  }

  /** The expression differentiated with respect to all its inputs, or (every other case) some of them. */
  private static Differentiated load(String expression, long seed) {
    return Differentiated.of(expression).withRandomWrt(PropertyRun.random(seed + 1));
  }

  /** How the three gradients disagree at the case's random points, or null when they agree. */
  private static String check(CompiledGradient compiled, long seed, Stats stats) {
    Differentiated model = compiled.model();
    Random random = PropertyRun.random(~seed);
    for (int p = 0; p < POINTS; p++) {
      double[] in = model.randomPoint(random);
      String at = " at " + Arrays.toString(in) + " (inputs " + model.inputs() + ")";
      Evaluator.Result interpreted = model.interpret(in);
      double[] expected = model.interpretedGradient(interpreted);
      double[] grad = new double[expected.length];
      Arrays.fill(grad, Double.NaN);
      double returned = compiled.gradient(in, grad);
      double value = compiled.value(in);
      if (!same(value, interpreted.value()) || !same(returned, interpreted.value())) {
        return "compiled value " + value + " and gradient(...) return " + returned
            + " differ from the interpreter's " + interpreted.value() + at + "\n" + compiled.source();
      }
      for (int i = 0; i < grad.length; i++) {
        if (!same(grad[i], expected[i])) {
          return "compiled gradient " + Arrays.toString(grad) + " differs from the interpreter's "
              + Arrays.toString(expected) + at + "\n" + compiled.source();
        }
      }
      if (!model.inDomain(in)) continue;
      GradientCheck.Report report = GradientCheck.at(model.gradient(), model.point(in));
      if (!report.smooth()) continue;
      stats.pointsChecked++;
      if (!report.passed()) return "finite differences disagree" + at + ": " + report.entries();
    }
    return null;
  }

  private static boolean same(double a, double b) {
    if (Double.compare(a, b) == 0 || (Double.isNaN(a) && Double.isNaN(b)) || a == b) return true;
    return Math.abs(a - b) <= MAX_ULPS * Math.ulp(Math.max(Math.abs(a), Math.abs(b)));
  }
}
