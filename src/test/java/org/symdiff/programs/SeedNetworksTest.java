package org.symdiff.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.diff.Gradient;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/** The numbers the seeds print, reproduced; and where the notes slip, the correct values pinned. */
class SeedNetworksTest {

  private static Model load(String path) throws Exception {
    return Symdiff.load(new Source(path, Files.readString(Path.of(path))));
  }

  private static Node named(Model model, String name) {
    return model.names().entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
  }

  /** Seed 002's network at the notes' weights and data (zero biases). */
  private static Map<Node, double[]> seed002Point(Model model) {
    Map<Node, double[]> point = new LinkedHashMap<>();
    point.put(model.input("x"), new double[] {2, 5, 3, 3});
    point.put(model.input("y"), new double[] {1, 0});
    point.put(model.input("W1"), new double[] {0.1, 0.3, 0.8, -0.4, -0.3, -0.2, 0.5, 0.5, -0.3, 0, 0.5, 0.4, 0.2, 0.5, -0.9, 0.7});
    point.put(model.input("b1"), new double[4]);
    point.put(model.input("W2"), new double[] {0.5, 0.8, 0.2, 0.4, 0.5, 0.2, 0.3, -0.5});
    point.put(model.input("b2"), new double[2]);
    return point;
  }

  @Test
  void seed002ForwardValuesAreTheNotes() throws Exception {
    Model model = load("generated-samples/seed002/padhai.sd");
    Evaluator e = new Evaluator(seed002Point(model));
    assertThat(e.value(named(model, "a1"))).containsExactly(new double[] {2.9, 1.4, 2.1, 2.3}, within(1e-12));
    assertThat(e.value(named(model, "h1"))).containsExactly(new double[] {0.95, 0.80, 0.89, 0.91}, within(0.005));
    assertThat(e.value(named(model, "a2"))).containsExactly(new double[] {1.66, 0.45}, within(0.005));
    assertThat(e.value(named(model, "yhat"))).containsExactly(new double[] {0.77, 0.23}, within(0.005));
  }

  @Test
  void seed002GradientsAreCorrectWhereTheNotesSlip() throws Exception {
    Model model = load("generated-samples/seed002/padhai.sd");
    Gradient gradient = Symdiff.differentiate(model);
    Map<Node, double[]> point = seed002Point(model);
    Evaluator.Result result = Evaluator.gradient(gradient, point);
    // w212 = W2[0][1] (to output 1 from hidden 2); the notes print -0.029 and then use -0.065
    assertThat(result.gradient().get(model.input("W2"))[1]).isCloseTo(-0.1303767, within(1e-7));
    // w131 = W1[2][0] (to hidden 3 from input 1); the notes print -6.4e-3
    assertThat(result.gradient().get(model.input("W1"))[8]).isCloseTo(0.0031594, within(1e-7));
    assertThat(GradientCheck.at(gradient, point).passed()).isTrue();
  }

  @Test
  void seed003ScalarExampleGivesTheNotesGradient() throws Exception {
    Model model = Symdiff.load(new Source("<expr>", "(x+y)*z"));
    Map<Node, double[]> point = Map.of(model.input("x"), new double[] {-2}, model.input("y"), new double[] {5},
        model.input("z"), new double[] {-4});
    Evaluator.Result result = Evaluator.gradient(Symdiff.differentiate(model), point);
    assertThat(result.value()).isEqualTo(-12);
    assertThat(result.gradient().values()).containsExactly(new double[] {-4}, new double[] {-4}, new double[] {3});
  }

  @Test
  void softmaxCrossEntropyAdjointIsPredictionMinusTarget() throws Exception {
    Model network = load("generated-samples/seed000/simple_dnn2.sd");
    assertThat(org.symdiff.emit.ExprEmitter.emit(network, Symdiff.differentiate(network)))
        .startsWith("dz2 = yhat * sum(y) - y\n");
    Model model = Symdiff.load(new Source("<test>", "input z[3], y[3]\nparam w\nL = cross_entropy(y, softmax(z))"));
    Gradient gradient = Symdiff.differentiate(model, new Source("--wrt", "z"));
    Map<Node, double[]> point = new LinkedHashMap<>();
    point.put(model.input("z"), new double[] {0.5, -1, 2});
    point.put(model.input("y"), new double[] {0, 1, 0});
    point.put(model.input("w"), new double[] {0});
    double[] yhat = new Evaluator(point).value(model.graph().apply(org.symdiff.graph.Op.SOFTMAX, model.input("z")));
    double[] dz = Evaluator.gradient(gradient, point).gradient().get(model.input("z"));
    assertThat(dz).containsExactly(new double[] {yhat[0], yhat[1] - 1, yhat[2]}, within(1e-15));
  }

  @Test
  void logitsOfAThousandGiveFiniteLossAndGradients() throws Exception {
    for (String program : new String[] {
        "input z[3], y[3]\nL = cross_entropy(y, softmax(z))",
        "input z[2,3]\nL = sum(logsumexp(z))",
        "input z, t\nyhat = sigmoid(z)\nL = -(t * log(yhat) + (1 - t) * log(1 - yhat))"}) {
      Model model = Symdiff.load(new Source("<test>", program));
      Gradient gradient = org.symdiff.diff.ReverseSweep.differentiate(model.graph(), model.output(), model.inputs());
      for (double logit : new double[] {1000, -1000}) {
        Map<Node, double[]> point = new LinkedHashMap<>();
        for (Node input : model.inputs()) {
          double[] values = new double[input.shape().size()];
          for (int i = 0; i < values.length; i++) values[i] = i % 2 == 0 ? logit : -logit / 2;
          point.put(input, values);
        }
        point.computeIfPresent(model.input("y"), (k, v) -> new double[] {0, 1, 0});
        point.computeIfPresent(model.input("t"), (k, v) -> new double[] {1});
        Evaluator.Result result = Evaluator.gradient(gradient, point);
        assertThat(result.value()).as(program).isFinite();
        result.gradient().values().forEach(g -> assertThat(java.util.Arrays.stream(g).allMatch(Double::isFinite)).as(program).isTrue());
      }
    }
  }
}
