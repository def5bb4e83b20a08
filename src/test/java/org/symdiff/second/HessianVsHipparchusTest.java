package org.symdiff.second;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.emit.SecondOrder;
import org.symdiff.graph.Node;
import org.symdiff.graph.Nodes;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.InMemoryJavaCompiler;

/**
 * The generated {@code hessian} and {@code hvp} of scalar functions against Hipparchus's
 * {@link DerivativeStructure} at order 2 (forward mode with truncated Taylor series: an
 * independent computation of the same second derivatives).
 */
class HessianVsHipparchusTest {
  private static final List<String> FUNCTIONS = List.of(
      "sigy = sigmoid(y); num = x + sigy; sigx = sigmoid(x); xpy = x + y; xpysqr = xpy^2; den = sigx + xpysqr; invden = 1/den; f = num * invden",
      "x * y^2 + sin(x) * z",
      "exp(x * y) / (1 + z^2)",
      "log(x^2 + y^2 + 1) * tanh(z)",
      "sigmoid(x * y - z) + atan(x / y) + sqrt(x^2 + 1) * cos(z)");
  private static final double[][] POINTS = {{0.7, -1.3, 0.4}, {-0.2, 0.9, 1.6}};

  @Test
  void hessianAndHvpMatchDerivativeStructureOrderTwo() throws Exception {
    for (int c = 0; c < FUNCTIONS.size(); c++) {
      Differentiated model = Differentiated.of(FUNCTIONS.get(c));
      String source = JavaEmitter.emit(model.model(), model.gradient(), new SecondOrder(true, true), "generated", "Second" + c);
      Class<?> type = InMemoryJavaCompiler.forGeneratedCode().compile(source);
      int n = model.inputs().size();
      for (double[] at : POINTS) {
        double[] point = java.util.Arrays.copyOf(at, n);
        DerivativeStructure f = evaluate(model.model().output(), model.inputs(), point);
        double[] h = new double[n * n];
        call(type, "hessian", point, h);
        double[] v = {0.3, -0.8, 0.5};
        double[] hv = new double[n];
        call(type, "hvp", point, java.util.Arrays.copyOf(v, n), hv);
        for (int i = 0; i < n; i++) {
          double hvExpected = 0;
          for (int j = 0; j < n; j++) {
            int[] orders = new int[n];
            orders[i]++;
            orders[j]++;
            double expected = f.getPartialDerivative(orders);
            hvExpected += expected * v[j];
            assertThat(h[i * n + j]).as(FUNCTIONS.get(c) + " H[" + i + "," + j + "]").isCloseTo(expected, within(1e-9 * (1 + Math.abs(expected))));
          }
          assertThat(hv[i]).as(FUNCTIONS.get(c) + " (Hv)[" + i + "]").isCloseTo(hvExpected, within(1e-9 * (1 + Math.abs(hvExpected))));
        }
      }
    }
  }

  private static void call(Class<?> type, String name, double[] point, double[]... arrays) throws Exception {
    List<Object> args = new ArrayList<>();
    for (double x : point) args.add(x);
    args.addAll(List.of((Object[]) arrays));
    Method method = java.util.Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.size()).findFirst().orElseThrow();
    method.invoke(null, args.toArray());
  }

  /** The graph evaluated in Hipparchus's arithmetic: every input a free parameter, derivatives to order 2. */
  private static DerivativeStructure evaluate(Node output, List<Node> inputs, double[] point) {
    DSFactory factory = new DSFactory(inputs.size(), 2);
    Map<Node, DerivativeStructure> values = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) values.put(inputs.get(i), factory.variable(i, point[i]));
    for (Node n : Nodes.reachable(output)) {
      if (values.containsKey(n)) continue;
      DerivativeStructure a = n.args().isEmpty() ? null : values.get(n.arg(0));
      DerivativeStructure b = n.args().size() > 1 ? values.get(n.arg(1)) : null;
      values.put(n, switch (n.op()) {
        case CONSTANT -> factory.constant(n.value());
        case ADD -> a.add(b);
        case SUBTRACT -> a.subtract(b);
        case MULTIPLY -> a.multiply(b);
        case DIVIDE -> a.divide(b);
        case NEGATE -> a.negate();
        case POWER -> n.arg(1).isConstant() ? a.pow(n.arg(1).value()) : a.pow(b);
        case EXP -> a.exp();
        case LOG -> a.log();
        case SIN -> a.sin();
        case COS -> a.cos();
        case TANH -> a.tanh();
        case SQRT -> a.sqrt();
        case ATAN -> a.atan();
        case SIGMOID -> a.negate().exp().add(1).reciprocal();
        default -> throw new IllegalArgumentException("no Hipparchus form for " + n.op());
      });
    }
    return values.get(output);
  }
}
