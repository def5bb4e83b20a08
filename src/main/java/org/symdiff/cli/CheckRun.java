package org.symdiff.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.symdiff.cli.Main.UsageError;
import org.symdiff.diff.Gradient;
import org.symdiff.eval.Footprint;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * {@code --check}: the gradient against finite differences at {@code --at} or at random points,
 * the report printed to {@code out}; and the point {@code --at} gives, which {@code --emit json}
 * evaluates too.
 */
final class CheckRun {
  /** The size random points give each runtime dimension: more than 1, so broadcasting shows. */
  private static final int RANDOM_POINT_SIZE = 3;
  /** Random points --check tries, and above how many gates it tries only one (each costs about 50 evaluations). */
  private static final int RANDOM_POINTS = 5;
  private static final int LARGE_GATES = 100_000;

  private final String at;
  private final PrintStream out;
  /** The gradient with respect to --wrt, or to the model's default variables. */
  private final Function<Model, Gradient> differentiate;

  /** {@code at} is --at as given, or null. */
  CheckRun(String at, PrintStream out, Function<Model, Gradient> differentiate) {
    this.at = at;
    this.out = out;
    this.differentiate = differentiate;
  }

  /** The point --at gives, and the gradient of the model it binds (runtime dimensions fixed). */
  record Evaluation(Model model, Gradient gradient, Map<Node, double[]> values) {}

  /** Reads --at; refuses first, naming the sizes, what could not be evaluated in this heap. */
  Evaluation evaluation(Model model, Gradient gradient, boolean check) {
    if (model.runtimeDims().isEmpty()) {
      // measured before the point is read: a point that large would take long to read
      Footprint.requireFits(model, gradient, check);
      return new Evaluation(model, gradient, Point.parse(at, model).values());
    }
    Point.Bound point = Point.parse(at, model);
    Gradient instanceGradient = differentiate.apply(point.model());
    Footprint.requireFits(point.model(), instanceGradient, check);
    return new Evaluation(point.model(), instanceGradient, point.values());
  }

  /** Checks the gradient, and second derivatives if asked; 0 when everything agrees, 1 on a mismatch. */
  int check(Model model, Gradient gradient, HigherOrder higher) {
    if (gradient.wrt().isEmpty()) throw new UsageError("nothing to check: no variable to differentiate");
    if (!model.hasScalarOutput()) return checkJacobian(model, higher);
    List<GradientCheck.Report> reports;
    Model instance = model;
    Gradient checked = gradient;
    if (at != null) {
      Evaluation point = evaluation(model, gradient, true);
      instance = point.model();
      checked = point.gradient();
      reports = List.of(GradientCheck.at(point.gradient(), point.values()));
    } else {
      instance = randomInstance(model);
      // without runtime dimensions the instance is the model itself, already differentiated
      Gradient instanceGradient = instance == model ? gradient : differentiate.apply(instance);
      checked = instanceGradient;
      Footprint.requireFits(instance, instanceGradient, true);
      reports = GradientCheck.atRandomPoints(instanceGradient, instance.inputs(),
          instanceGradient.forward().size() > LARGE_GATES ? 1 : RANDOM_POINTS, 20261124L);
    }
    if (reports.isEmpty()) {
      throw new UsageError("found no random point where " + model.outputName()
          + " is finite and smooth; give one with --at");
    }
    GradientCheck.Entry worst = CheckReport.print(reports, model.outputName(), out);
    if (!reports.get(0).smooth()) {
      throw new UsageError("finite differences cannot check the gradient at this point: a kink or pole lies"
          + " within the step, or rounding swamps it (the analytic value follows the kink conventions of"
          + " the README); try another --at");
    }
    boolean passed = reports.stream().allMatch(GradientCheck.Report::passed);
    out.printf("worst relative error %.2e (d%s/d%s; tolerance %.0e): %s%n", worst.error(), model.outputName(),
        worst.variable(), GradientCheck.TOLERANCE, passed ? "ok" : "MISMATCH");
    if (higher.applies(model)) {
      passed &= higher.check(instance, checked, reports.stream().map(GradientCheck.Report::point).toList(), out);
    }
    return passed ? 0 : 1;
  }

  /** --check of a Jacobian: column by column at --at, or at random points. */
  private int checkJacobian(Model model, HigherOrder higher) {
    Model instance;
    List<Map<Node, double[]>> points;
    if (at != null) {
      Point.Bound point = Point.parse(at, model);
      instance = point.model();
      points = List.of(point.values());
    } else {
      instance = randomInstance(model);
      points = HigherOrder.randomPoints(instance, 2, 20261124L);
      if (points.isEmpty()) throw new UsageError("found no random point where the outputs are finite; give one with --at");
    }
    for (Map<Node, double[]> p : points) out.println("at " + CheckReport.describe(p));
    return higher.check(instance, differentiate.apply(instance), points, out) ? 0 : 1;
  }

  /** The model with each runtime dimension at {@link #RANDOM_POINT_SIZE}, which the report says first. */
  private Model randomInstance(Model model) {
    Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
    model.runtimeDims().forEach(d -> sizes.put(d, RANDOM_POINT_SIZE));
    if (!sizes.isEmpty()) out.println("runtime dimensions at the random points: " + CheckReport.describeSizes(sizes));
    return model.instantiate(sizes);
  }
}
