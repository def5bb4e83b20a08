package org.symdiff.second;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.Jacobian;
import org.symdiff.diff.Tangents;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.emit.SecondOrder;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.HigherDerivatives;
import org.symdiff.eval.SecondOrderCheck;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.testing.InMemoryJavaCompiler;

/**
 * The generated second-order and Jacobian methods of array classes, compiled and called: a
 * network's loss gets an HVP equal to the interpreter's (which finite differences of the gradient
 * confirm), a least-squares residual gets its Jacobian, several scalar outputs get theirs.
 */
class ArraySecondOrderTest {
  private static final Random RANDOM = new Random(20261202L);

  @Test
  void aNetworksLossGetsItsHessianVectorProduct() throws Exception {
    Model model = Symdiff.load(new Source("circle_net.sd", Files.readString(Path.of("generated-samples/seed001/circle_net.sd"))));
    Gradient gradient = Symdiff.differentiate(model);
    Object instance = compile(JavaEmitter.emit(model, gradient, new SecondOrder(true, false), "generated", "CircleHvp"));
    Model instanceModel = model.instantiate(Map.of("N", 5));
    Gradient instanceGradient = Symdiff.differentiate(instanceModel);
    Map<Node, double[]> point = randomPoint(instanceModel.inputs());
    Map<Node, double[]> direction = randomPoint(instanceGradient.wrt());
    Map<Node, double[]> expected = Evaluator.hvp(instanceGradient, Tangents.overGradient(instanceModel.graph(), instanceGradient),
        point, direction);
    List<Object> args = new ArrayList<>(point.values());
    args.addAll(direction.values());
    List<double[]> results = new ArrayList<>();
    for (Node v : instanceGradient.wrt()) results.add(new double[v.shape().size()]);
    args.addAll(results);
    double value = (double) method(instance, "hvp").invoke(instance, args.toArray());
    assertThat(value).isCloseTo(new Evaluator(point).value(instanceModel.output())[0], within(1e-12));
    int k = 0;
    for (double[] e : expected.values()) {
      double[] actual = results.get(k++);
      for (int i = 0; i < e.length; i++) assertThat(actual[i]).isCloseTo(e[i], within(1e-10 * (1 + Math.abs(e[i]))));
    }
    SecondOrderCheck.Report numeric = SecondOrderCheck.hvp(instanceGradient,
        Tangents.overGradient(instanceModel.graph(), instanceGradient), point, 2, 7L);
    assertThat(numeric.passed()).as(numeric.entries().toString()).isTrue();
  }

  @Test
  void aLeastSquaresResidualGetsItsJacobian() throws Exception {
    Model model = Symdiff.load(new Source("lsq.sd", "param a, b, c\ninput t[20], y[20]\nr = a * exp(-b * t) + c - y\noutput r\n"));
    Object instance = compile(JavaEmitter.emit(model, carrier(model), SecondOrder.NONE, "generated", "Residual"));
    assertJacobianMatches(model, instance);
  }

  @Test
  void severalScalarOutputsAndAVectorOutputOfMatricesGetTheirJacobians() throws Exception {
    Model scalars = Symdiff.load(new Source("fg.sd", "input a, b\nf = a * b + sin(a)\ng = exp(a - b)\nh = f / g\noutput f, g, h\n"));
    Class<?> type = InMemoryJavaCompiler.forGeneratedCode().compile(
        JavaEmitter.emit(scalars, carrier(scalars), SecondOrder.NONE, "generated", "Fgh"));
    double[] jacobian = new double[6];
    type.getMethod("jacobian", double.class, double.class, double[].class).invoke(null, 0.4, -1.1, jacobian);
    Map<Node, double[]> point = new LinkedHashMap<>();
    point.put(scalars.input("a"), new double[] {0.4});
    point.put(scalars.input("b"), new double[] {-1.1});
    double[][] rows = HigherDerivatives.jacobian(Symdiff.jacobian(scalars, scalars.defaultWrt()), point).rows();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) assertThat(jacobian[i * 2 + j]).isCloseTo(rows[i][j], within(1e-12 * (1 + Math.abs(rows[i][j]))));
    }
    Model matrices = Symdiff.load(new Source("net.sd", "input x[3]\nparam W[2,3], b[2]\nr = tanh(W @ x + b)\noutput r\n"));
    assertJacobianMatches(matrices, compile(JavaEmitter.emit(matrices, carrier(matrices), SecondOrder.NONE, "generated", "Layer")));
  }

  @Test
  void theHessianOfAQuadraticFormIsAPlusItsTranspose() throws Exception {
    Model model = Symdiff.load(new Source("quadratic.sd", "param x[3]\ninput A[3,3]\nL = x @ A @ x\n"));
    Object instance = compile(JavaEmitter.emit(model, Symdiff.differentiate(model), new SecondOrder(false, true), "generated", "Quadratic"));
    double[] x = RANDOM.doubles(3, -1, 1).toArray();
    double[] a = RANDOM.doubles(9, -1, 1).toArray();
    double[] h = new double[9];
    method(instance, "hessian").invoke(instance, x, a, h);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) assertThat(h[i * 3 + j]).isCloseTo(a[i * 3 + j] + a[j * 3 + i], within(1e-15));
    }
  }

  /** The compiled jacobian against the interpreter's and against central differences of the outputs. */
  private static void assertJacobianMatches(Model model, Object instance) throws Exception {
    Jacobian jacobian = Symdiff.jacobian(model, model.defaultWrt());
    Map<Node, double[]> point = randomPoint(model.inputs());
    List<Object> args = new ArrayList<>();
    for (Node input : model.inputs()) args.add(input.shape().isScalar() ? (Object) point.get(input)[0] : point.get(input));
    double[] actual = new double[jacobian.rows() * jacobian.columns()];
    args.add(actual);
    method(instance, "jacobian").invoke(instance, args.toArray());
    double[][] rows = HigherDerivatives.jacobian(jacobian, point).rows();
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        assertThat(actual[i * rows[i].length + j]).as("J[" + i + "," + j + "]").isCloseTo(rows[i][j], within(1e-12 * (1 + Math.abs(rows[i][j]))));
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < jacobian.rows(); i++) names.add("r[" + i + "]");
    SecondOrderCheck.Report numeric = SecondOrderCheck.jacobian(jacobian, point, names);
    assertThat(numeric.passed()).as(numeric.entries().toString()).isTrue();
  }

  /** What the command line passes for a Jacobian's class: a gradient of the first output carrying the wrt list. */
  private static Gradient carrier(Model model) {
    return org.symdiff.diff.ReverseSweep.differentiate(model.graph(), model.output(), model.defaultWrt());
  }

  private static Object compile(String source) throws Exception {
    return InMemoryJavaCompiler.forGeneratedCode().compile(source).getConstructor().newInstance();
  }

  private static Method method(Object instance, String name) {
    return Arrays.stream(instance.getClass().getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Map<Node, double[]> randomPoint(List<Node> variables) {
    Map<Node, double[]> point = new LinkedHashMap<>();
    for (Node v : variables) point.put(v, RANDOM.doubles(v.shape().size(), -1, 1).toArray());
    return point;
  }
}
