package org.symdiff.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Node;

/**
 * Compares the reverse-mode gradient with finite differences. Each partial is estimated with the
 * five-point central stencil (error O(h^4)) at h = 1e-3 max(1, |v|), and again at h/2: where the
 * two estimates disagree, the function is not smooth near the point (a kink or a pole) and the
 * point says nothing about the gradient; likewise where forward and backward differences part by
 * a jump rather than by O(h) (a kink right at the point, which central differences average away),
 * and where the output is so large that rounding it moves an estimate by more than the tolerance.
 * Errors are relative, with a floor of 1 on the scale: |analytic - numeric| / max(1, |analytic|, |numeric|).
 *
 * <p>A gradient of more than {@link #MAX_PARTIALS} numbers, or one whose entries would cost more
 * than {@link #MAX_ENTRY_WORK} gate evaluations per stencil point (partials times gates), is
 * compared along {@link #DIRECTIONS} random directions u instead, as JAX's {@code check_vjp} does: the analytic directional
 * derivative (gradient . u) against the stencil of t -> f(p + t u). Each estimate evaluates f
 * a fixed number of times, so the check costs a few dozen evaluations whatever the size; entry by
 * entry it cost that many per entry, quadratic time for {@code sum(v^2)} over a long {@code v}.
 */
public final class GradientCheck {
  public static final double TOLERANCE = 1e-6;
  /** Up to this many numbers a gradient is compared entry by entry. */
  public static final int MAX_PARTIALS = 100;
  /** How many random directions compare a larger gradient. */
  public static final int DIRECTIONS = 4;
  /** Up to this many gate evaluations per stencil point (partials times gates), a gradient is compared entry by entry. */
  public static final long MAX_ENTRY_WORK = 1_000_000;
  /** How many times a step may be halved while the stencils at h and h/2 disagree: curvature, not a kink. */
  private static final int MAX_HALVINGS = 3;

  private GradientCheck() {}

  /** One partial derivative, or one directional derivative ({@code u1}, {@code u2}, ...), compared. */
  public record Entry(String variable, double analytic, double numeric, double error) {}

  /**
   * The comparison at one point; {@code smooth} is false where finite differences are unreliable,
   * {@code alongDirections} true where the entries are random directions rather than partials.
   */
  public record Report(Map<Node, double[]> point, List<Entry> entries, boolean smooth, boolean alongDirections) {
    public Entry worst() {
      return entries.stream().max((a, b) -> Double.compare(a.error, b.error)).orElse(null);
    }

    public boolean passed() {
      Entry worst = worst();
      return worst == null || worst.error <= TOLERANCE;
    }
  }

  /**
   * A direction to move the point in: one entry of one variable (an axis), or every entry of
   * every {@code wrt} variable at once ({@code dense[i]} for {@code variables.get(i)}). Arrays, not
   * a map per direction: a million scalar inputs made millions of small objects per direction,
   * and collecting them was half of a check's time.
   */
  private record Direction(String name, Node variable, int index, List<Node> variables, double[][] dense) {
    double dot(Map<Node, double[]> gradient) {
      if (dense == null) return gradient.get(variable)[index];
      double sum = 0;
      for (int i = 0; i < dense.length; i++) {
        double[] g = gradient.get(variables.get(i));
        double[] u = dense[i];
        for (int k = 0; k < u.length; k++) sum += g[k] * u[k];
      }
      return sum;
    }

    /** The largest magnitude among the entries this direction moves, for the step size. */
    double scale(Map<Node, double[]> point) {
      if (dense == null) return Math.abs(point.get(variable)[index]);
      double max = 0;
      for (Node v : variables) for (double x : point.get(v)) max = Math.max(max, Math.abs(x));
      return max;
    }

    List<Node> moves() {
      return dense == null ? List.of(variable) : variables;
    }
  }

  /**
   * The point with fresh arrays for {@code variables}, to be refilled for each step; in the point's
   * order, which evaluation walks (in a hash map's order, a million inputs are stored at random ids).
   */
  private static Map<Node, double[]> movable(Map<Node, double[]> point, List<Node> variables) {
    Map<Node, double[]> moved = new LinkedHashMap<>(point);
    for (Node v : variables) moved.put(v, point.get(v).clone());
    return moved;
  }

  public static Report at(Gradient gradient, Map<Node, double[]> point) {
    Evaluator.Result result = Evaluator.gradient(gradient, point);
    List<Entry> entries = new ArrayList<>();
    boolean smooth = Double.isFinite(result.value());
    List<Direction> directions = directions(gradient);
    Node[] plan = Evaluator.plan(gradient.output());
    // every dense direction moves all of wrt, and each step sets all of it: one Moves (its tape or copy) serves them all
    Moves everyWrt = null;
    for (Direction d : directions) {
      double h = 1e-3 * Math.max(1, d.scale(point));
      Along along;
      if (d.dense() == null) {
        double[][] axis = {new double[d.variable().shape().size()]};
        axis[0][d.index()] = 1;
        along = new Along(new Moves(gradient.output(), plan, point, d.moves()), axis);
      } else {
        if (everyWrt == null) everyWrt = new Moves(gradient.output(), plan, point, d.moves());
        along = new Along(everyWrt, d.dense());
      }
      double numeric = derivative(along, h);
      double refined = derivative(along, h / 2);
      // strongly curved along d (a dense direction moves every entry at once, ADBench's GMM along u
      // needs h/4): halve the step while the stencils at h and h/2 part by more than the test allows
      for (int halving = 0; halving < MAX_HALVINGS && error(numeric, refined) > TOLERANCE / 10; halving++) {
        h /= 2;
        numeric = refined;
        refined = derivative(along, h / 2);
      }
      // the stencil at h/2 turns one rounding step of the output into about 3 ulp(f) / h
      double rounding = 3 * Math.ulp(result.value()) / h;
      smooth &= Double.isFinite(numeric) && error(numeric, refined) <= TOLERANCE / 10
          && rounding <= TOLERANCE / 10 * Math.max(1, Math.abs(refined))
          && !kinked(along, h, result.value(), refined);
      double analytic = d.dot(result.gradient());
      entries.add(new Entry(d.name(), analytic, refined, error(analytic, refined)));
    }
    boolean alongDirections = !directions.isEmpty() && directions.get(0).dense() != null;
    return new Report(point, entries, smooth, alongDirections);
  }

  /** Every entry of every {@code wrt} variable, or random directions when there are too many. */
  private static List<Direction> directions(Gradient gradient) {
    long partials = gradient.wrt().stream().mapToLong(v -> v.shape().size()).sum();
    List<Direction> directions = new ArrayList<>();
    long work = partials * Math.max(1, gradient.forward().size());
    if (partials <= DIRECTIONS || (partials <= MAX_PARTIALS && work <= MAX_ENTRY_WORK)) {
      for (Node v : gradient.wrt()) {
        int size = v.shape().size();
        for (int i = 0; i < size; i++) {
          directions.add(new Direction(size == 1 ? v.name() : v.name() + "[" + i + "]", v, i, null, null));
        }
      }
      return directions;
    }
    Random random = new Random(partials);
    List<Node> wrt = gradient.wrt();
    for (int k = 1; k <= DIRECTIONS; k++) {
      double[][] u = new double[wrt.size()][];
      for (int i = 0; i < u.length; i++) {
        u[i] = new double[wrt.get(i).shape().size()];
        // what random.doubles(size, -1, 1) gives, without a stream per variable
        for (int e = 0; e < u[i].length; e++) u[i][e] = random.nextDouble() * 2 - 1;
      }
      directions.add(new Direction("u" + k, null, -1, wrt, u));
    }
    return directions;
  }

  /**
   * Checks at up to {@code count} random points with inputs in [-2, 2], skipping points where the
   * value is not finite or finite differences are unreliable; empty if no such point was found.
   */
  public static List<Report> atRandomPoints(Gradient gradient, List<Node> inputs, int count, long seed) {
    Random random = new Random(seed);
    List<Report> reports = new ArrayList<>();
    for (int attempt = 0; attempt < 50 * count && reports.size() < count; attempt++) {
      Map<Node, double[]> point = new LinkedHashMap<>();
      for (Node input : inputs) {
        double[] values = new double[input.shape().size()];
        for (int i = 0; i < values.length; i++) values[i] = Math.round((random.nextDouble() * 4 - 2) * 1e4) / 1e4;
        point.put(input, values);
      }
      if (!Double.isFinite(new Evaluator(point).value(gradient.output())[0])) continue;
      Report report = at(gradient, point);
      if (report.smooth()) reports.add(report);
    }
    return reports;
  }

  public static double error(double a, double b) {
    if (a == b) return 0;
    if (!Double.isFinite(a) || !Double.isFinite(b)) return Double.POSITIVE_INFINITY;
    return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  /**
   * Whether {@code f} has a kink at the point along this direction, where central differences
   * cannot tell (at relu(0) both stencils give 1/2). On a smooth function the forward and backward
   * differences part by about h f'', halving with h; across a kink they part by the jump, whatever h.
   * So does rounding noise, which grows with the number of terms f sums: a jump too small to move
   * the derivative by the tolerance is not called a kink (a sum of 10^5 inputs looked kinked
   * everywhere, and --check tried point after point).
   */
  private static boolean kinked(Along f, double h, double value, double derivative) {
    double gap = f.at(h) - 2 * value + f.at(-h);
    double halfGap = f.at(h / 2) - 2 * value + f.at(-h / 2);
    double noise = 64 * Math.ulp(Math.max(Math.abs(value), 1));
    // gaps divided by their steps: forward minus backward difference at h and at h/2
    double spread = Math.abs(gap) / h;
    double halfSpread = Math.abs(halfGap) / (h / 2);
    return Math.abs(halfGap) > noise && halfSpread > 0.75 * spread
        && spread > TOLERANCE * Math.max(1, Math.abs(derivative));
  }

  private static double derivative(Along f, double h) {
    return (f.at(-2 * h) - 8 * f.at(-h) + 8 * f.at(h) - f.at(2 * h)) / (12 * h);
  }

  /** t -> f(point + t u) for one direction u ({@code u[i]} for the i-th moved variable). */
  private static final class Along {
    private final Moves moves;
    private final double[][] u;
    /** With a tape, u's entries in one array, in the order of {@link Moves#slots}. */
    private final double[] flat;

    Along(Moves moves, double[][] u) {
      this.moves = moves;
      this.u = u;
      this.flat = moves.tape == null ? null : moves.flatten(u);
    }

    double at(double t) {
      return flat != null ? moves.onTape(flat, t) : moves.at(u, t);
    }
  }

  /**
   * The variables a direction moves and their values at the point, with what evaluates f: made
   * once for all the dense directions, which move the same variables. An all-scalar f runs on a
   * {@link ScalarTape} whose variables' slots are set directly; any other on the evaluator, over a
   * copy of the point whose moved arrays each step refills.
   */
  private static final class Moves {
    private final Node output;
    private final Node[] plan;
    /** The same function as flat arrays when it is all scalars, which is most of a large one's time; else null. */
    private final ScalarTape tape;
    private final List<Node> variables;
    /** Per variable: its values at the point. */
    private final double[][] from;
    /** With a tape: each entry of each variable in one array, at the point, and its slot on the tape. */
    private final double[] fromFlat;
    private final int[] slots;
    /** Without a tape: the evaluator, and each variable's array in the moved point it reads. */
    private final Evaluator evaluator;
    private final double[][] to;

    Moves(Node output, Node[] plan, Map<Node, double[]> point, List<Node> variables) {
      this.output = output;
      this.plan = plan;
      this.variables = variables;
      this.tape = ScalarTape.of(output, plan, point);
      from = new double[variables.size()][];
      for (int i = 0; i < from.length; i++) from[i] = point.get(variables.get(i));
      if (tape != null) {
        // every variable the output reads is a scalar; an array it is given is not read (slot -1)
        int entries = 0;
        for (double[] f : from) entries += f.length;
        fromFlat = new double[entries];
        slots = new int[entries];
        int e = 0;
        for (int i = 0; i < from.length; i++) {
          int slot = from[i].length == 1 ? tape.slot(variables.get(i)) : -1;
          for (double x : from[i]) {
            fromFlat[e] = x;
            slots[e++] = slot;
          }
        }
        evaluator = null;
        to = null;
      } else {
        Map<Node, double[]> moved = movable(point, variables);
        evaluator = Evaluator.reading(moved, output);
        to = new double[variables.size()][];
        for (int i = 0; i < to.length; i++) to[i] = moved.get(variables.get(i));
        fromFlat = null;
        slots = null;
      }
    }

    /** {@code u}'s entries in one array, in the order of {@link #slots}. */
    double[] flatten(double[][] u) {
      double[] flat = new double[fromFlat.length];
      int e = 0;
      for (double[] part : u) for (double x : part) flat[e++] = x;
      return flat;
    }

    /** f at the point moved by t u, on the tape ({@code u} {@link #flatten flattened}). */
    double onTape(double[] u, double t) {
      for (int e = 0; e < u.length; e++) tape.set(slots[e], u[e] == 0 ? fromFlat[e] : fromFlat[e] + t * u[e]);
      return tape.run();
    }

    /** f at the point moved by t u ({@code u[i]} for the i-th variable), on the evaluator. */
    double at(double[][] u, double t) {
      for (int i = 0; i < to.length; i++) {
        for (int k = 0; k < to[i].length; k++) to[i][k] = u[i][k] == 0 ? from[i][k] : from[i][k] + t * u[i][k];
        evaluator.rebind(variables.get(i), to[i]);
      }
      return evaluator.valueAt(output, plan);
    }
  }
}
