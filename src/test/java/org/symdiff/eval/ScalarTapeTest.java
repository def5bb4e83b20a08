package org.symdiff.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.symdiff.graph.Node;
import org.symdiff.testing.Differentiated;

class ScalarTapeTest {

  /** What --check computes with the tape must be what the evaluator computes, to the bit, at every moved point. */
  @Test
  void theTapeComputesWhatTheEvaluatorDoesToTheBit() {
    List<String> functions = List.of("(x + y) * z", "sin(x) / (1 + exp(-y)) - x ^ y ^ 0.5",
        "where(x > y, tanh(x * z), log(1 + y * y)) + relu(z - x)", "x * x * x + 3 * x - 0 / z",
        "a = x * y; b = a + sin(a); c = b * b - a; c / (1 + x * x)", "abs(x) + sqrt(y * y + 1) + max(x, z)");
    Random random = new Random(7);
    for (String function : functions) {
      Differentiated model = Differentiated.of(function);
      Node output = model.gradient().output();
      Node[] plan = Evaluator.plan(output);
      Map<Node, double[]> point = model.randomValues(random);
      ScalarTape tape = ScalarTape.of(output, plan, point);
      assertThat(tape).as(function).isNotNull();
      for (int moved = 0; moved < 20; moved++) {
        Map<Node, double[]> at = model.randomValues(random);
        at.forEach((v, value) -> tape.set(tape.slot(v), value[0]));
        double expected = Evaluator.reading(at, output).valueAt(output, plan);
        assertThat(Double.doubleToRawLongBits(tape.run())).as(function + " at " + at).isEqualTo(Double.doubleToRawLongBits(expected));
      }
    }
  }

  /** Arrays, and an output that is a variable or a constant, are left to the evaluator. */
  @Test
  void whatIsNotAllScalarGatesHasNoTape() {
    for (String function : List.of("param v[3]; L = sum(v * v)", "x", "input x; f = 2")) {
      Differentiated model = Differentiated.of(function);
      Node output = model.gradient().output();
      assertThat(ScalarTape.of(output, Evaluator.plan(output), model.randomValues(new Random(1)))).as(function).isNull();
    }
  }
}
