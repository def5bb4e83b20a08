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
import org.junit.jupiter.api.Test;
import org.symdiff.ast.Source;
import org.symdiff.ast.Statement;
import org.symdiff.emit.Syntax;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.eval.Scalars;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;
import org.symdiff.parse.ProgramParser;
import org.symdiff.testing.ExprGraphs;
import org.symdiff.testing.PropertyRun;
import org.symdiff.testing.RandomExpressions;
import org.symdiff.testing.Shrinker;

/**
 * Every {@link Rewrite} keeps values: random graphs are built gate by gate in a simplifying graph
 * and, in parallel, in {@link Graph#unsimplified()}, and every pair of nodes is compared at random
 * points. The run must make every rewrite fire, so a new rewrite cannot go untested.
 */
class SimplifierPropertyTest {
  private static final PropertyRun RUN = PropertyRun.of(SimplifierPropertyTest.class, 9_009_009L, 1000);
  private static final int GATES = 16;
  private static final int POINTS = 3;
  /** Rewrites re-associate products and fold constants: values agree up to rounding. */
  private static final double TOLERANCE = 1e-9;
  private static final double[] CONSTANTS = {0, 1, 1, -1, 2, 0.5, 3};
  private static final List<String> VARIABLES = RandomExpressions.VARIABLES;
  /** The ops the rewrites match: three picks in four, so that their patterns arise often. Extend with the rewrites. */
  private static final Set<Op> REWRITTEN =
      EnumSet.of(Op.ADD, Op.SUBTRACT, Op.MULTIPLY, Op.DIVIDE, Op.NEGATE, Op.POWER, Op.LOG, Op.EXP);
  private static final List<Op> GATE_OPS =
      Arrays.stream(Op.values()).filter(op -> !op.isLeaf() && Scalars.isElementwise(op)).toList();

  /** One gate as built in both graphs. */
  private record Pair(Node simplified, Node raw) {}

  @Test
  void everyRewriteKeepsValues() {
    Map<Rewrite, Integer> fired = new EnumMap<>(Rewrite.class);
    for (int i = 0; i < RUN.cases(); i++) {
      long seed = RUN.caseSeed(i);
      Graph simplified = new Graph();
      Graph raw = Graph.unsimplified();
      List<Pair> gates = build(simplified, raw, PropertyRun.random(seed));
      String failure = compare(simplified, raw, gates, PropertyRun.random(~seed));
      if (failure != null) {
        throw new AssertionError(RUN.test() + " failed for seed " + seed + ": " + failure + "\n  replay:   " + RUN.replay(seed));
      }
      simplified.simplifier().fired().forEach((rewrite, n) -> fired.merge(rewrite, n, Integer::sum));
    }
    System.out.println(RUN.test() + ": " + RUN.cases() + " random graphs; rewrites fired " + fired);
    if (RUN.cases() >= 100) {
      Set<Rewrite> neverFired = EnumSet.allOf(Rewrite.class);
      neverFired.removeAll(fired.keySet());
      assertThat(neverFired).as("rewrites that never fired (make the generator reach their pattern)").isEmpty();
    }
  }

  /**
   * {@link #GATES} random gates over x, y, z and small constants, each applied to both graphs.
   * Arguments favour the newest gate and reuse older ones, so {@code a - a} and {@code log(exp(a))} arise.
   */
  private static List<Pair> build(Graph simplified, Graph raw, Random random) {
    List<Pair> pool = new ArrayList<>();
    for (String v : VARIABLES) pool.add(new Pair(simplified.variable(v, Shape.SCALAR), raw.variable(v, Shape.SCALAR)));
    List<Op> rewritten = GATE_OPS.stream().filter(REWRITTEN::contains).toList();
    List<Pair> gates = new ArrayList<>();
    for (int k = 0; k < GATES; k++) {
      List<Op> ops = random.nextInt(4) > 0 ? rewritten : GATE_OPS;
      Op op = ops.get(random.nextInt(ops.size()));
      List<Node> sArgs = new ArrayList<>();
      List<Node> rArgs = new ArrayList<>();
      for (int a = 0; a < op.arity(); a++) {
        Pair arg;
        if (random.nextInt(3) == 0) {
          double c = CONSTANTS[random.nextInt(CONSTANTS.length)];
          arg = new Pair(simplified.constant(c), raw.constant(c));
        } else {
          arg = pool.get(random.nextBoolean() ? pool.size() - 1 : random.nextInt(pool.size()));
        }
        sArgs.add(arg.simplified);
        rArgs.add(arg.raw);
      }
      Pair gate = new Pair(simplified.apply(op, sArgs), raw.apply(op, rArgs));
      pool.add(gate);
      gates.add(gate);
    }
    return gates;
  }

  /** The first gate whose simplified value differs from its raw value at a random point, or null. */
  private static String compare(Graph simplified, Graph raw, List<Pair> gates, Random random) {
    for (int p = 0; p < POINTS; p++) {
      Map<String, Double> point = new LinkedHashMap<>();
      for (String v : VARIABLES) point.put(v, Math.round((random.nextDouble() * 4 - 2) * 1e3) / 1e3);
      Evaluator s = evaluator(simplified, point);
      Evaluator r = evaluator(raw, point);
      boolean[] finite = finiteAllTheWay(raw, r);
      for (Pair gate : gates) {
        if (finite[gate.raw.id()] && differs(s.value(gate.simplified)[0], r.value(gate.raw)[0])) {
          String text = new Syntax(Syntax.Dialect.LANGUAGE, n -> null).print(gate.raw);
          return describe(text, point);
        }
      }
    }
    return null;
  }

  private static boolean differs(double simplified, double raw) {
    return GradientCheck.error(simplified, raw) > TOLERANCE;
  }

  /**
   * For each raw node (by id), whether it and everything it is computed from is finite. Only
   * those are compared: the simplifier ignores 0 * inf, inf - inf and 0 / 0 (see Simplifier),
   * and a NaN can vanish further up: raw step((0 * NaN) ^ z) is 0, simplified step(0 ^ z) is 1.
   */
  private static boolean[] finiteAllTheWay(Graph raw, Evaluator values) {
    boolean[] finite = new boolean[raw.nodes().size()];
    for (Node n : raw.nodes()) {
      finite[n.id()] = Double.isFinite(values.value(n)[0]);
      for (Node arg : n.args()) finite[n.id()] &= finite[arg.id()];
    }
    return finite;
  }

  private static String describe(String raw, Map<String, Double> point) {
    Shrinker.Check check = e -> differenceAt(e, point);
    if (Shrinker.failureOf(check, raw) == null) return "simplifying changes the value of " + raw + " at " + point;
    Shrinker.Result shrunk = Shrinker.shrink(raw, check);
    return "simplifying changes a value at " + point + "\n  original: " + raw + "\n  shrunk:   " + shrunk.shrunk()
        + "\n  failure:  " + shrunk.shrunkFailure();
  }

  /** How building {@code expression} simplified changes its value at {@code point}, or null. */
  private static String differenceAt(String expression, Map<String, Double> point) {
    Statement.Evaluate statement = (Statement.Evaluate) ProgramParser.parse(new Source("<raw>", expression)).statements().get(0);
    Graph simplified = new Graph();
    Graph raw = Graph.unsimplified();
    Node s = ExprGraphs.build(simplified, statement.value());
    Node r = ExprGraphs.build(raw, statement.value());
    Evaluator rawValues = evaluator(raw, point);
    double sv = evaluator(simplified, point).value(s)[0];
    double rv = rawValues.value(r)[0];
    if (!finiteAllTheWay(raw, rawValues)[r.id()] || !differs(sv, rv)) return null;
    return "simplified to " + new Syntax(Syntax.Dialect.LANGUAGE, n -> null).print(s) + " = " + sv + ", raw value " + rv
        + "; rewrites fired " + simplified.simplifier().fired();
  }

  private static Evaluator evaluator(Graph g, Map<String, Double> point) {
    Map<Node, double[]> values = new LinkedHashMap<>();
    point.forEach((name, v) -> values.put(g.variable(name, Shape.SCALAR), new double[] {v}));
    return new Evaluator(values);
  }
}
