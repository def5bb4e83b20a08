package org.symdiff.simplify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;
import org.symdiff.graph.ShapeException;
import org.symdiff.testing.PropertyRun;

/**
 * Every {@link Rewrite} keeps values. Graphs are built twice, in a simplifying graph and in
 * {@link Graph#unsimplified()}, and every gate is compared at random points: for one example per
 * rewrite (which must make that rewrite fire, so a rewrite without an example fails), and for
 * random graphs over scalars, vectors and matrices, where rewrites meet each other.
 */
class SimplifierPropertyTest {
  private static final PropertyRun RUN = PropertyRun.of(SimplifierPropertyTest.class, 9_009_009L, 1000);
  private static final int GATES = 16;
  private static final int POINTS = 3;
  /** Rewrites re-associate products and fold constants: values agree up to rounding. */
  private static final double TOLERANCE = 1e-9;
  private static final double[] CONSTANTS = {0, 1, 1, -1, 2, 0.5, 3};
  /** With NaN and the infinities as well, as {@code 0/0} and {@code 1/0} fold to them. */
  private static final double[] NON_FINITE_CONSTANTS =
      {0, 1, -1, 2, 0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
  private static final Map<String, Shape> VARIABLES = new LinkedHashMap<>();
  private static final List<Shape> SHAPES = List.of(Shape.SCALAR, Shape.of(3), Shape.of(2), Shape.of(2, 3),
      Shape.of(3, 2), Shape.of(2, 1), Shape.of(1, 3));
  /** The ops most rewrites match: half of all picks, so that their patterns arise often. */
  private static final List<Op> ALGEBRA = List.of(Op.ADD, Op.SUBTRACT, Op.MULTIPLY, Op.DIVIDE, Op.NEGATE, Op.POWER);
  /** Every gate but the windowed ones (slices and pads), which need a window as well as a shape. */
  private static final List<Op> GATE_OPS = Arrays.stream(Op.values()).filter(op -> !op.isLeaf() && !op.isWindowed()).toList();

  static {
    for (String scalar : List.of("x", "y", "z")) VARIABLES.put(scalar, Shape.SCALAR);
    VARIABLES.put("u", Shape.of(3));
    VARIABLES.put("v", Shape.of(3));
    VARIABLES.put("A", Shape.of(2, 3));
    VARIABLES.put("B", Shape.of(3, 2));
  }

  /** Builds one expression with a graph's builders, so it can be built in both graphs alike. */
  @FunctionalInterface
  private interface Recipe {
    Node build(Graph g);
  }

  private static Node v(Graph g, String name) {
    return g.variable(name, VARIABLES.get(name));
  }

  private static Node c(Graph g, double value) {
    return g.constant(value);
  }

  /** One example per rewrite, small enough that nothing else gets in its way. */
  private static final Map<Rewrite, Recipe> EXAMPLES = new EnumMap<>(Rewrite.class);

  static {
    EXAMPLES.put(Rewrite.FOLD_CONSTANTS, g -> g.mul(g.add(c(g, 2), c(g, 3)), v(g, "x")));
    EXAMPLES.put(Rewrite.ADD_ZERO, g -> g.add(v(g, "x"), g.zero()));
    EXAMPLES.put(Rewrite.ADD_NEGATED, g -> g.add(v(g, "x"), g.neg(v(g, "y"))));
    EXAMPLES.put(Rewrite.ADD_SAME, g -> g.add(g.apply(Op.SIN, v(g, "x")), g.apply(Op.SIN, v(g, "x"))));
    EXAMPLES.put(Rewrite.SUBTRACT_ZERO, g -> g.sub(g.zero(), v(g, "x")));
    EXAMPLES.put(Rewrite.SUBTRACT_SAME, g -> g.sub(g.mul(v(g, "x"), v(g, "y")), g.mul(v(g, "x"), v(g, "y"))));
    EXAMPLES.put(Rewrite.SUBTRACT_NEGATED, g -> g.sub(v(g, "x"), g.neg(v(g, "y"))));
    EXAMPLES.put(Rewrite.MULTIPLY_ZERO, g -> g.mul(g.apply(Op.EXP, v(g, "x")), g.zero()));
    EXAMPLES.put(Rewrite.MULTIPLY_ONE, g -> g.mul(g.one(), v(g, "x")));
    EXAMPLES.put(Rewrite.MULTIPLY_MINUS_ONE, g -> g.mul(c(g, -1), v(g, "x")));
    EXAMPLES.put(Rewrite.CONSTANT_FIRST, g -> g.mul(v(g, "x"), c(g, 3)));
    EXAMPLES.put(Rewrite.COLLECT_CONSTANTS, g -> g.mul(c(g, 2), g.mul(c(g, 3), v(g, "x"))));
    EXAMPLES.put(Rewrite.MULTIPLY_NEGATED, g -> g.mul(g.neg(v(g, "x")), v(g, "y")));
    EXAMPLES.put(Rewrite.MULTIPLY_SAME, g -> g.mul(g.add(v(g, "x"), v(g, "y")), g.add(v(g, "x"), v(g, "y"))));
    EXAMPLES.put(Rewrite.MULTIPLY_RECIPROCAL, g -> g.mul(g.div(g.one(), v(g, "y")), v(g, "x")));
    EXAMPLES.put(Rewrite.DIVIDE_ONE, g -> g.div(v(g, "x"), g.one()));
    EXAMPLES.put(Rewrite.DIVIDE_ZERO, g -> g.div(g.zero(), v(g, "x")));
    EXAMPLES.put(Rewrite.DIVIDE_SAME, g -> g.div(g.apply(Op.COS, v(g, "x")), g.apply(Op.COS, v(g, "x"))));
    EXAMPLES.put(Rewrite.DIVIDE_NEGATED, g -> g.div(g.neg(v(g, "x")), v(g, "y")));
    EXAMPLES.put(Rewrite.NEGATE_NEGATED, g -> g.neg(g.neg(v(g, "x"))));
    EXAMPLES.put(Rewrite.NEGATE_SUBTRACT, g -> g.neg(g.sub(v(g, "x"), v(g, "y"))));
    EXAMPLES.put(Rewrite.NEGATE_QUOTIENT, g -> g.neg(g.div(c(g, 2), v(g, "x"))));
    EXAMPLES.put(Rewrite.NEGATE_PRODUCT, g -> g.neg(g.mul(c(g, 2), v(g, "x"))));
    EXAMPLES.put(Rewrite.POWER_ONE, g -> g.pow(v(g, "x"), g.one()));
    EXAMPLES.put(Rewrite.POWER_ZERO, g -> g.pow(v(g, "x"), g.zero()));
    EXAMPLES.put(Rewrite.ONE_TO_POWER, g -> g.pow(g.one(), v(g, "x")));
    EXAMPLES.put(Rewrite.LOG_EXP, g -> g.apply(Op.LOG, g.apply(Op.EXP, v(g, "x"))));
    EXAMPLES.put(Rewrite.EXP_LOG, g -> g.apply(Op.EXP, g.mul(c(g, 2), g.apply(Op.LOG, g.add(g.one(), g.square(v(g, "x")))))));
    EXAMPLES.put(Rewrite.LOG_SOFTMAX, g -> g.apply(Op.LOG, g.apply(Op.SOFTMAX, v(g, "A"))));
    EXAMPLES.put(Rewrite.LOG_SIGMOID, g -> g.apply(Op.LOG, g.apply(Op.SIGMOID, v(g, "u"))));
    EXAMPLES.put(Rewrite.LOG_ONE_MINUS_SIGMOID, g -> g.apply(Op.LOG, g.sub(g.one(), g.apply(Op.SIGMOID, v(g, "x")))));
    EXAMPLES.put(Rewrite.SOFTMAX_OF_ONE, g -> g.mul(v(g, "u"), g.apply(Op.SOFTMAX, v(g, "x"))));
    EXAMPLES.put(Rewrite.LOGSUMEXP_OF_ONE, g -> g.add(g.apply(Op.LOGSUMEXP, g.apply(Op.SIN, v(g, "x"))), v(g, "y")));
    EXAMPLES.put(Rewrite.TRANSPOSE_VECTOR, g -> g.transpose(v(g, "u")));
    EXAMPLES.put(Rewrite.TRANSPOSE_TWICE, g -> g.transpose(g.transpose(v(g, "A"))));
    EXAMPLES.put(Rewrite.WHERE_SAME, g -> g.where(g.apply(Op.LESS, v(g, "x"), v(g, "y")), v(g, "x"), v(g, "x")));
    EXAMPLES.put(Rewrite.WHERE_KNOWN, g -> g.where(c(g, 0), v(g, "x"), g.apply(Op.SIN, v(g, "y"))));
    EXAMPLES.put(Rewrite.RESHAPE_SAME, g -> g.sumTo(g.broadcast(v(g, "u"), Shape.of(3)), Shape.of(3)));
    // canonical sums and products
    EXAMPLES.put(Rewrite.CANONICAL_SUM, g -> g.sub(g.add(g.mul(c(g, 3), v(g, "x")), v(g, "y")), g.mul(c(g, 2), v(g, "x"))));
    EXAMPLES.put(Rewrite.LIKE_TERMS, g -> g.sub(g.mul(v(g, "x"), v(g, "y")), g.mul(v(g, "y"), v(g, "x"))));
    EXAMPLES.put(Rewrite.FOLD_TERM_CONSTANTS, g -> g.sub(g.add(v(g, "x"), c(g, 2)), c(g, 3)));
    EXAMPLES.put(Rewrite.COMMON_FACTOR, g -> g.sub(g.div(g.one(), g.add(g.one(), v(g, "x"))),
        g.div(v(g, "x"), g.square(g.add(g.one(), v(g, "x"))))));
    EXAMPLES.put(Rewrite.DISTRIBUTE_COEFFICIENT,
        g -> g.sub(g.mul(c(g, 2), g.add(v(g, "x"), v(g, "y"))), g.mul(c(g, 2), v(g, "x"))));
    EXAMPLES.put(Rewrite.CANONICAL_PRODUCT, g -> g.neg(g.mul(g.mul(c(g, 2), v(g, "x")), v(g, "y"))));
    EXAMPLES.put(Rewrite.DISTRIBUTE_PRODUCT, g -> g.neg(g.mul(g.mul(c(g, 2), v(g, "x")),
        g.add(g.div(c(g, 2), v(g, "y")), g.div(c(g, 0.5), v(g, "z"))))));
    EXAMPLES.put(Rewrite.LIKE_FACTORS, g -> g.mul(v(g, "x"), g.square(v(g, "x"))));
    EXAMPLES.put(Rewrite.FOLD_COEFFICIENTS, g -> g.mul(g.mul(c(g, 2), v(g, "x")), g.div(c(g, 0.5), v(g, "y"))));
    EXAMPLES.put(Rewrite.QUOTIENT_OF_QUOTIENT, g -> g.div(v(g, "x"), g.div(g.one(), v(g, "z"))));
    EXAMPLES.put(Rewrite.POWER_OF_PRODUCT, g -> g.div(g.square(g.mul(v(g, "x"), v(g, "y"))), g.square(v(g, "y"))));
    EXAMPLES.put(Rewrite.POWER_OF_POWER, g -> g.pow(g.pow(v(g, "x"), c(g, 3)), c(g, 2)));
    EXAMPLES.put(Rewrite.ROOT_OF_SQUARE, g -> g.apply(Op.SQRT, g.square(v(g, "x"))));
    EXAMPLES.put(Rewrite.SQUARE_OF_ROOT, g -> g.square(g.apply(Op.SQRT, g.apply(Op.EXP, v(g, "x")))));
    EXAMPLES.put(Rewrite.EVEN_POWER_OF_ABS, g -> g.square(g.apply(Op.ABS, v(g, "x"))));
  }

  /** One gate as built in both graphs. */
  private record Pair(Node simplified, Node raw) {}

  @TestFactory
  Stream<DynamicTest> everyRewriteHasAnExampleThatKeepsValues() {
    return Arrays.stream(Rewrite.values()).map(rewrite -> DynamicTest.dynamicTest(rewrite.name(), () -> {
      assertThat(EXAMPLES).as("an example for " + rewrite + " (" + rewrite.description + ")").containsKey(rewrite);
      Graph simplified = Simplifier.graph();
      Graph raw = Graph.unsimplified();
      Pair example = new Pair(EXAMPLES.get(rewrite).build(simplified), EXAMPLES.get(rewrite).build(raw));
      assertThat(((Simplifier) simplified.simplifier()).fired()).as("rewrites the example fired").containsKey(rewrite);
      assertThat(compare(simplified, raw, List.of(example), new Random(rewrite.ordinal()), SimplifierPropertyTest::finiteAllTheWay)).isNull();
    }));
  }

  @Test
  void rewritesKeepValuesInRandomGraphs() {
    Map<Rewrite, Integer> fired = new EnumMap<>(Rewrite.class);
    for (int i = 0; i < RUN.cases(); i++) {
      long seed = RUN.caseSeed(i);
      Graph simplified = Simplifier.graph();
      Graph raw = Graph.unsimplified();
      List<Pair> gates = build(simplified, raw, PropertyRun.random(seed), CONSTANTS);
      String failure = compare(simplified, raw, gates, PropertyRun.random(~seed), SimplifierPropertyTest::finiteAllTheWay);
      if (failure != null) {
        throw new AssertionError(RUN.test() + " failed for seed " + seed + ": " + failure + "\n  replay:   " + RUN.replay(seed));
      }
      ((Simplifier) simplified.simplifier()).fired().forEach((rewrite, n) -> fired.merge(rewrite, n, Integer::sum));
    }
    System.out.println(RUN.test() + ": " + RUN.cases() + " random graphs; rewrites fired " + fired);
  }

  /**
   * Constant folding keeps IEEE results and no rewrite drops an operand that reads a NaN or
   * infinite constant: {@code x + 0/0} is NaN, {@code 0 * (x + 1/0)} is NaN. Compared are the gates
   * whose non-finite values all come from such constants (0 * log(x) at x = -1 follows the symbolic
   * convention instead), and NaN must match NaN, an infinity the same infinity.
   */
  @Test
  void rewritesKeepNaNAndInfiniteConstants() {
    for (int i = 0; i < RUN.cases(); i++) {
      long seed = RUN.caseSeed(i);
      Graph simplified = Simplifier.graph();
      Graph raw = Graph.unsimplified();
      List<Pair> gates = build(simplified, raw, PropertyRun.random(seed), NON_FINITE_CONSTANTS);
      String failure = compare(simplified, raw, gates, PropertyRun.random(~seed), SimplifierPropertyTest::nonFiniteOnlyFromConstants);
      if (failure != null) {
        throw new AssertionError(RUN.test() + " failed for seed " + seed + ": " + failure + "\n  replay:   " + RUN.replay(seed));
      }
    }
  }

  /**
   * {@link #GATES} random gates over the variables and {@code constants}, each applied to both
   * graphs; arguments whose shapes do not fit are drawn again. Arguments favour the newest gate
   * and reuse older ones, so {@code a - a} and {@code log(exp(a))} arise.
   */
  private static List<Pair> build(Graph simplified, Graph raw, Random random, double[] constants) {
    List<Pair> pool = new ArrayList<>();
    VARIABLES.keySet().forEach(name -> pool.add(new Pair(v(simplified, name), v(raw, name))));
    List<Pair> gates = new ArrayList<>();
    while (gates.size() < GATES) {
      List<Op> ops = random.nextBoolean() ? ALGEBRA : GATE_OPS;
      Op op = ops.get(random.nextInt(ops.size()));
      Shape target = op.isShaped() ? SHAPES.get(random.nextInt(SHAPES.size())) : null;
      List<Node> sArgs = new ArrayList<>();
      List<Node> rArgs = new ArrayList<>();
      for (int a = 0; a < op.arity(); a++) {
        Pair arg;
        if (random.nextInt(3) == 0) {
          double value = constants[random.nextInt(constants.length)];
          arg = new Pair(simplified.constant(value), raw.constant(value));
        } else {
          arg = pool.get(random.nextBoolean() ? pool.size() - 1 : random.nextInt(pool.size()));
        }
        sArgs.add(arg.simplified);
        rArgs.add(arg.raw);
      }
      try {
        Node r = raw.apply(op, target, rArgs);
        Pair gate = new Pair(simplified.apply(op, target, sArgs), r);
        pool.add(gate);
        gates.add(gate);
      } catch (ShapeException shapesDoNotFit) {
        // draw again
      }
    }
    return gates;
  }

  /** Which raw nodes (by id) to compare at a point, given their values there. */
  @FunctionalInterface
  private interface Compared {
    boolean[] select(Graph raw, Evaluator values);
  }

  /** The first compared gate whose simplified value differs from its raw value at a random point, or null. */
  private static String compare(Graph simplified, Graph raw, List<Pair> gates, Random random, Compared comparable) {
    for (int p = 0; p < POINTS; p++) {
      Map<String, double[]> point = new LinkedHashMap<>();
      VARIABLES.forEach((name, shape) -> {
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) values[i] = Math.round((random.nextDouble() * 4 - 2) * 1e3) / 1e3;
        point.put(name, values);
      });
      Evaluator s = evaluator(simplified, point);
      Evaluator r = evaluator(raw, point);
      boolean[] compared = comparable.select(raw, r);
      for (Pair gate : gates) {
        double[] expected = r.value(gate.raw);
        double[] actual = s.value(gate.simplified);
        for (int i = 0; compared[gate.raw.id()] && i < expected.length; i++) {
          if (!same(actual[i], expected[i])) {
            return gate.raw + " simplified to " + gate.simplified + " is " + Arrays.toString(actual)
                + ", not " + Arrays.toString(expected) + ", at " + describe(point)
                + "; rewrites fired " + ((Simplifier) simplified.simplifier()).fired();
          }
        }
      }
    }
    return null;
  }

  /**
   * For each raw node (by id), whether it and everything it is computed from is finite. Only
   * those are compared: the simplifier ignores 0 * inf, inf - inf and 0 / 0 (see Simplifier),
   * and a NaN can vanish further up: raw step((0 * NaN) ^ z) is 0, simplified step(0 ^ z) is 1.
   */
  private static boolean[] finiteAllTheWay(Graph raw, Evaluator values) {
    boolean[] finite = new boolean[raw.nodes().size()];
    for (Node n : raw.nodes()) {
      finite[n.id()] = Arrays.stream(values.value(n)).allMatch(Double::isFinite);
      for (Node arg : n.args()) finite[n.id()] &= finite[arg.id()];
    }
    return finite;
  }

  /**
   * For each raw node (by id), whether every node it is computed from is finite at this point or
   * non-finite because a NaN or infinite constant is, or an argument already was. Left to the
   * symbolic convention are non-finite values made at run time (-0.0 / -0.0) and those an operand
   * that is zero at run time takes part in: the simplifier does not keep the sign of zero
   * (B * 0 -> +0 for negative B), which decides the sign of -1/0 / (B * 0).
   */
  private static boolean[] nonFiniteOnlyFromConstants(Graph raw, Evaluator values) {
    boolean[] fromConstants = new boolean[raw.nodes().size()];
    boolean[] clean = new boolean[raw.nodes().size()];
    for (Node n : raw.nodes()) {
      boolean finite = Arrays.stream(values.value(n)).allMatch(Double::isFinite);
      boolean readsRuntimeZero = n.args().stream()
          .anyMatch(a -> !a.isConstant() && Arrays.stream(values.value(a)).anyMatch(v -> v == 0));
      fromConstants[n.id()] = !finite && (n.isConstant()
          || (!readsRuntimeZero && n.args().stream().anyMatch(a -> fromConstants[a.id()])));
      clean[n.id()] = finite || fromConstants[n.id()];
      for (Node arg : n.args()) clean[n.id()] &= clean[arg.id()];
    }
    return clean;
  }

  /** Equal up to {@link #TOLERANCE}; NaN matches only NaN, an infinity only the same infinity. */
  private static boolean same(double actual, double expected) {
    if (Double.isNaN(actual) || Double.isNaN(expected)) return Double.isNaN(actual) && Double.isNaN(expected);
    return actual == expected || GradientCheck.error(actual, expected) <= TOLERANCE;
  }

  private static Evaluator evaluator(Graph g, Map<String, double[]> point) {
    Map<Node, double[]> values = new LinkedHashMap<>();
    point.forEach((name, v) -> values.put(v(g, name), v));
    return new Evaluator(values);
  }

  private static String describe(Map<String, double[]> point) {
    StringBuilder s = new StringBuilder();
    point.forEach((name, v) -> s.append(s.length() == 0 ? "" : ", ").append(name).append('=')
        .append(v.length == 1 ? Double.toString(v[0]) : Arrays.toString(v)));
    return s.toString();
  }
}
