package org.symdiff.second;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.diff.Jacobian;
import org.symdiff.diff.Tangents;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.emit.SecondOrder;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.eval.HigherDerivatives;
import org.symdiff.eval.SecondOrderCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.InMemoryJavaCompiler;
import org.symdiff.testing.PropertyRun;
import org.symdiff.testing.RandomExpressions;

/**
 * Random functions, second derivatives and Jacobians: the generated {@code hvp} along random
 * directions equals the interpreter's H v and, where the function is smooth, central differences
 * of the gradient; the generated {@code hessian} is symmetric and its product with the direction
 * is that H v. Random vector programs {@code r = W @ (expression of x, y, z)} get Jacobians, compiled
 * and interpreted, that agree with each other and with central differences of the outputs.
 */
class SecondOrderPropertyTest {
  private static final PropertyRun RUN = PropertyRun.of(SecondOrderPropertyTest.class, 11_011_011L, 40);
  /** Generated code and interpreter evaluate the same tangent expressions; sums may be grouped differently. */
  private static final double AGREE = 1e-9;

  @Test
  void hessianVectorProductsAlongRandomDirections() throws Exception {
    List<Differentiated> models = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < RUN.cases(); i++) {
      Differentiated model = Differentiated.of(new RandomExpressions(PropertyRun.random(RUN.caseSeed(i))).next());
      models.add(model);
      sources.put("generated.Hvp" + i, JavaEmitter.emit(model.model(), model.gradient(), new SecondOrder(true, true), "generated", "Hvp" + i));
    }
    Map<String, Class<?>> classes = InMemoryJavaCompiler.forGeneratedCode().compile(sources);
    int numeric = 0;
    for (int i = 0; i < RUN.cases(); i++) {
      Differentiated model = models.get(i);
      Class<?> type = classes.get("generated.Hvp" + i);
      Random random = PropertyRun.random(~RUN.caseSeed(i));
      Tangents tangents = Tangents.overGradient(model.model().graph(), model.gradient());
      int n = model.inputs().size();
      for (int p = 0; p < 2; p++) {
        double[] in = model.randomPoint(random);
        if (!model.inDomain(in)) continue;
        Map<Node, double[]> point = model.point(in);
        double[] v = random.doubles(n, -1, 1).toArray();
        Map<Node, double[]> direction = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) direction.put(model.inputs().get(k), new double[] {v[k]});
        double[] hv = new double[n];
        double[] h = new double[n * n];
        invoke(type, "hvp", in, v, hv);
        invoke(type, "hessian", in, h);
        Map<Node, double[]> expected = Evaluator.hvp(model.gradient(), tangents, point, direction);
        String where = RUN.replay(RUN.caseSeed(i)) + " " + model.model().source().text() + " at " + Arrays.toString(in);
        for (int k = 0; k < n; k++) {
          double e = expected.get(model.inputs().get(k))[0];
          if (!Double.isFinite(e)) continue;
          assertThat(close(hv[k], e)).as(where + ": hvp " + Arrays.toString(hv) + " vs " + expected.values().stream().map(Arrays::toString).toList()).isTrue();
          double row = 0;
          for (int j = 0; j < n; j++) {
            row += h[k * n + j] * v[j];
            assertThat(close(h[k * n + j], h[j * n + k])).as(where + ": hessian symmetric " + Arrays.toString(h)).isTrue();
          }
          assertThat(close(row, hv[k])).as(where + ": H v = hvp").isTrue();
        }
        if (!GradientCheck.at(model.gradient(), point).smooth()) continue;
        SecondOrderCheck.Report report = SecondOrderCheck.hvp(model.gradient(), tangents, point, 1, RUN.caseSeed(i));
        if (!report.smooth()) continue;
        assertThat(report.passed()).as(where + ": " + report.entries()).isTrue();
        numeric++;
      }
    }
    assertThat(numeric).as("points checked against differences of the gradient").isGreaterThanOrEqualTo(RUN.cases() / 2);
  }

  @Test
  void jacobiansOfRandomVectorPrograms() throws Exception {
    List<Model> models = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; models.size() < RUN.cases() / 2; i++) {
      String expression = new RandomExpressions(PropertyRun.random(RUN.caseSeed(i) + 7)).next();
      // kinks make central differences meaningless at the points they lie near
      if (expression.matches(".*\\b(relu|abs|max|min|sign|step)\\(.*")) continue;
      Model model = Symdiff.load(new Source("<case " + i + ">",
          "input x[3], y[3], z[3]\nparam W[2,3]\nr = W @ (" + expression + " + x)\noutput r\n"));
      String name = "Jacobian" + models.size();
      models.add(model);
      sources.put("generated." + name, JavaEmitter.emit(model, org.symdiff.diff.ReverseSweep.differentiate(model.graph(),
          model.output(), List.of(model.input("W"), model.input("x"), model.input("y"), model.input("z"))),
          SecondOrder.NONE, "generated", name));
    }
    Map<String, Class<?>> classes = InMemoryJavaCompiler.forGeneratedCode().compile(sources);
    Random random = new Random(RUN.seed());
    int checked = 0;
    for (int c = 0; c < models.size(); c++) {
      Model model = models.get(c);
      Jacobian jacobian = Symdiff.jacobian(model, List.of(model.input("W"), model.input("x"), model.input("y"), model.input("z")));
      Map<Node, double[]> point = new LinkedHashMap<>();
      for (Node input : model.inputs()) point.put(input, random.doubles(input.shape().size(), 0.2, 1.4).toArray());
      double[][] rows = HigherDerivatives.jacobian(jacobian, point).rows();
      if (Arrays.stream(rows).flatMapToDouble(Arrays::stream).anyMatch(x -> !Double.isFinite(x))) continue;
      Object instance = classes.get("generated.Jacobian" + c).getConstructor().newInstance();
      List<Object> args = new ArrayList<>(point.values());
      double[] compiled = new double[jacobian.rows() * jacobian.columns()];
      args.add(compiled);
      Arrays.stream(instance.getClass().getMethods()).filter(m -> m.getName().equals("jacobian")).findFirst().orElseThrow()
          .invoke(instance, args.toArray());
      String where = model.source().text() + " at " + point.values().stream().map(Arrays::toString).toList();
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < rows[i].length; j++) {
          assertThat(close(compiled[i * rows[i].length + j], rows[i][j])).as(where + ": compiled " + Arrays.toString(compiled) + " vs " + Arrays.deepToString(rows)).isTrue();
        }
      }
      SecondOrderCheck.Report report = SecondOrderCheck.jacobian(jacobian, point, List.of("r[0]", "r[1]"));
      if (!report.smooth()) continue;
      checked++;
      assertThat(report.passed()).as(where + ": " + report.worst()).isTrue();
    }
    assertThat(checked).as("programs checked against differences of the outputs").isGreaterThanOrEqualTo(models.size() / 2);
  }

  private static boolean close(double a, double b) {
    return a == b || Math.abs(a - b) <= AGREE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  private static void invoke(Class<?> type, String name, double[] in, double[]... arrays) throws Exception {
    List<Object> args = new ArrayList<>();
    for (double x : in) args.add(x);
    args.addAll(List.of((Object[]) arrays));
    Method method = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name) && m.getParameterCount() == args.size())
        .findFirst().orElseThrow();
    method.invoke(null, args.toArray());
  }
}
