package org.symdiff.eval;

import java.util.Arrays;
import java.util.Map;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * A scalar function's {@link Evaluator#plan plan} as flat arrays, for {@code --check}'s dozens of
 * evaluations at moved points: each gate is an op and the slots of its arguments, and every value
 * is one double of {@link #slots}. It computes what {@link Evaluator#valueAt} does, with the same
 * {@link Op#apply} in the same order, so the numbers are the same to the bit; a million gates took
 * about 50 ns each there (an owner check and a holder lookup per argument) and take a few here.
 */
final class ScalarTape {
  private final Op[] ops;
  /** Per gate, its arguments' slots; an absent argument reads slot 0, which holds 0 as the {@link Evaluator} passes. */
  private final int[] first;
  private final int[] second;
  private final int[] third;
  /** Per gate, its own slot; a variable's slot comes before the first gate that reads it. */
  private final int[] result;
  private final double[] slots;
  private final int outputSlot;
  /** Slot by node id; -1 for a node the output does not read. */
  private final int[] slotOf;

  private ScalarTape(Node[] gates, int[] slotOf, double[] slots, int outputSlot) {
    int n = gates.length;
    this.ops = new Op[n];
    this.first = new int[n];
    this.second = new int[n];
    this.third = new int[n];
    this.result = new int[n];
    this.slotOf = slotOf;
    this.slots = slots;
    this.outputSlot = outputSlot;
    for (int i = 0; i < n; i++) {
      Node g = gates[i];
      ops[i] = g.op();
      int arity = g.args().size();
      first[i] = slotOf[g.arg(0).id()];
      second[i] = arity > 1 ? slotOf[g.arg(1).id()] : 0;
      third[i] = arity > 2 ? slotOf[g.arg(2).id()] : 0;
      result[i] = slotOf[g.id()];
    }
  }

  /**
   * The tape of {@code output}, whose plan is {@code plan}, reading the variables' values from
   * {@code point}; null when the plan has a node that is not a scalar constant or a scalar
   * elementwise gate (arrays, adjoints, tangents), which only the {@link Evaluator} runs, or
   * when the output is itself a variable or a constant.
   */
  static ScalarTape of(Node output, Node[] plan, Map<Node, double[]> point) {
    if (plan.length == 0 || plan[plan.length - 1] != output || output.isConstant()) return null;
    int[] slotOf = new int[output.id() + 1];
    Arrays.fill(slotOf, -1);
    int slotCount = 1;
    int gateCount = 0;
    for (Node n : plan) {
      if (!n.shape().isScalar() || !(n.isConstant() || n.op().isElementwise())) return null;
      for (Node arg : n.args()) {
        if (arg.op() == Op.VARIABLE && slotOf[arg.id()] < 0) slotOf[arg.id()] = slotCount++;
      }
      slotOf[n.id()] = slotCount++;
      if (!n.isConstant()) gateCount++;
    }
    double[] slots = new double[slotCount];
    Node[] gates = new Node[gateCount];
    int g = 0;
    for (Node n : plan) {
      if (n.isConstant()) slots[slotOf[n.id()]] = n.value();
      else gates[g++] = n;
      for (Node arg : n.args()) {
        if (arg.op() == Op.VARIABLE) slots[slotOf[arg.id()]] = point.get(arg)[0];
      }
    }
    return new ScalarTape(gates, slotOf, slots, slotOf[output.id()]);
  }

  /** The slot of a variable's value, for {@link #set}; -1 for a variable the output does not read. */
  int slot(Node variable) {
    return variable.id() < slotOf.length ? slotOf[variable.id()] : -1;
  }

  /** Sets the value in a variable's {@link #slot}; slot -1 is ignored. */
  void set(int slot, double value) {
    if (slot >= 0) slots[slot] = value;
  }

  /** The output at the variables' current values. */
  double run() {
    double[] s = slots;
    for (int i = 0; i < ops.length; i++) s[result[i]] = ops[i].apply(s[first[i]], s[second[i]], s[third[i]]);
    return s[outputSlot];
  }
}
