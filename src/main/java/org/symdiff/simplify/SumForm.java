package org.symdiff.simplify;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * A scalar sum seen as {@code constant + c1 * t1 + c2 * t2 ...}, as SymPy's {@code Add.flatten}
 * sees it: sums, differences and negations of unnamed scalar gates are flattened, each term is a
 * {@link ProductForm} whose factors identify it (so {@code a*b} and {@code b*a} are like terms),
 * coefficients of like terms are added and constants folded. A number times a sum joins the sum
 * it is in: {@code 2*(x + y) - 2*x} is {@code 2*y}. All of it is exact for reals (up to rounding).
 */
final class SumForm {
  /** A term: its factors, its total coefficient, and the node it was first seen as. */
  static final class Term {
    final List<Factor> factors;
    final Node seen;
    /** The seen node's own coefficient: its value is {@code seenCoefficient * factors}. */
    final double seenCoefficient;
    final int seenOps;
    double total;
    boolean merged;

    Term(List<Factor> factors, Node seen, double seenCoefficient, int seenOps, double total) {
      this.factors = factors;
      this.seen = seen;
      this.seenCoefficient = seenCoefficient;
      this.seenOps = seenOps;
      this.total = total;
    }

    /** Whether the term is the seen node, added (1), subtracted (-1), or neither (0). */
    int asSeen() {
      if (merged || seen == null) return 0;
      return total == seenCoefficient ? 1 : total == -seenCoefficient ? -1 : 0;
    }
  }

  private final Graph g;
  private final Budget budget;
  private double constant;
  private int constants;
  /** The terms in the order first seen; a budget's few at most, so a list searched in order. */
  private final List<Term> terms = new ArrayList<>();
  /**
   * What the gate as built costs, over the bases of its terms, forward and backward: an addition
   * costs one (its adjoint passes through as it is), a subtraction of a gate or a negation two (the
   * backward pass negates the adjoint), and so does each operation of a term (each has a partial).
   */
  private int builtCost = 1;
  /** Inside a sum a number multiplies, whose operations are paid for where that sum was made. */
  private int paid;
  private final Set<Rewrite> events = EnumSet.noneOf(Rewrite.class);

  private SumForm(Graph g, Budget budget) {
    this.g = g;
    this.budget = budget;
  }

  /** The form of {@code op(args)} about to be built (a sum, a difference or a negation), or null when too large. */
  static SumForm ofGate(Graph g, Op op, List<Node> args, Budget budget) {
    SumForm s = new SumForm(g, budget);
    switch (op) {
      case ADD -> {
        s.add(args.get(0), 1);
        s.add(args.get(1), 1);
      }
      case SUBTRACT -> {
        s.add(args.get(0), 1);
        s.add(args.get(1), -1);
        if (!args.get(1).isConstant()) s.builtCost++;
      }
      case NEGATE -> {
        s.add(args.get(0), -1);
        s.builtCost++;
      }
      default -> throw new IllegalArgumentException(op + " is not a sum");
    }
    if (s.constants >= 2) s.events.add(Rewrite.FOLD_TERM_CONSTANTS);
    return budget.stopped() ? null : s;
  }

  Set<Rewrite> events() {
    return events;
  }

  double constant() {
    return constant;
  }

  private void add(Node n, double c) {
    if (!budget.spend()) return;
    if (n.isConstant()) {
      if (!Double.isFinite(n.value())) budget.stop();
      constant += c * n.value();
      constants++;
      return;
    }
    switch (n.shape().isScalar() ? Simplifier.opOf(g, n) : Op.VARIABLE) {
      case ADD -> {
        pay(n, 1);
        add(n.arg(0), c);
        add(n.arg(1), c);
      }
      case SUBTRACT -> {
        pay(n, n.arg(1).isConstant() ? 1 : 2);
        add(n.arg(0), c);
        add(n.arg(1), -c);
      }
      case NEGATE -> {
        pay(n, 2);
        add(n.arg(0), -c);
      }
      default -> term(n, c);
    }
  }

  private void term(Node n, double c) {
    ProductForm p = ProductForm.of(g, n, budget);
    List<Factor> factors = p == null ? null : p.factors();
    if (factors == null) return;
    events.addAll(p.events());
    double k = c * p.coefficient();
    if (factors.size() == 1 && factors.get(0).exponent() == 1 && isSum(factors.get(0).base())) {
      // 2 * (x + y) is computed anyway where it was made: only collecting its terms can pay for spreading it
      events.add(Rewrite.DISTRIBUTE_COEFFICIENT);
      paid++;
      add(factors.get(0).base(), k);
      paid--;
      return;
    }
    pay(n, 2 * p.builtOps());
    if (factors.isEmpty()) {
      constant += k;
      constants++;
      return;
    }
    Term t = null;
    for (int i = 0; i < terms.size() && t == null; i++) if (terms.get(i).factors.equals(factors)) t = terms.get(i);
    if (t == null) {
      terms.add(new Term(factors, n, p.coefficient(), paid == 0 ? 2 * p.builtOps() : 0, k));
    } else {
      events.add(Rewrite.LIKE_TERMS);
      t.total += k;
      t.merged = true;
    }
  }

  /** Adds what {@code n}'s gate costs, unless it is computed anyway (see {@link Budget#paid}). */
  private void pay(Node n, int cost) {
    if (paid == 0 && !budget.paid(n)) builtCost += cost;
  }

  private boolean isSum(Node n) {
    Op op = Simplifier.opOf(g, n);
    return op == Op.ADD || op == Op.SUBTRACT;
  }

  /** The terms that did not cancel, in canonical order; null (budget stopped) when a cancelled one reads a NaN or infinite constant. */
  List<Term> live() {
    List<Term> live = new ArrayList<>();
    for (Term t : terms) {
      if (!Double.isFinite(t.total)) budget.stop();
      if (t.total != 0) live.add(t);
      else if (t.factors.stream().anyMatch(f -> f.base().readsNonFinite())) budget.stop();
    }
    live.sort((a, b) -> CanonicalOrder.TERMS.compare(a.factors, b.factors));
    return budget.stopped() ? null : live;
  }

  /**
   * The canonical sum if it is smaller than the gate as built, or as small and something was
   * collected; else null, and the gate is kept as built, so a sum nothing collects keeps its
   * operands and their order (and the code generated from it stays as it was). When it is smaller
   * still, a factor every term shares is taken out: {@code exp(x) + x * exp(x)} is
   * {@code exp(x) * (1 + x)}, and a shared denominator makes one quotient,
   * {@code 1 / (1 + x) - x / (1 + x) ^ 2 = ((1 + x) - x) / (1 + x) ^ 2 = 1 / (1 + x) ^ 2}.
   */
  Node canonical() {
    List<Term> live = live();
    if (live == null) return null;
    int flat = cost(live, constant);
    List<Factor> common = common(live);
    List<Term> inner = common.isEmpty() ? null : divide(live, common);
    boolean numerator = common.stream().anyMatch(f -> f.exponent() > 0);
    int factored = inner == null ? Integer.MAX_VALUE
        : cost(inner, 0) + 2 * (ProductForm.ops(1, common) + (numerator ? 1 : 0)) + (constant != 0 ? 1 : 0);
    // a common factor that is a gate prints once instead of in every term, so it is worth taking out at the same
    // cost; powers of names alone are not, beside a constant (x ^ 2 * (12 * x - 6) + 1 is no textbook's form)
    boolean gate = common.stream().anyMatch(f -> !f.base().op().isLeaf());
    boolean factor = gate ? factored <= flat : factored < flat && constant == 0;
    int cost = Math.min(flat, factored);
    boolean collected = factor || events.stream().anyMatch(Rewrite::collects);
    if (cost > builtCost || (cost == builtCost && !collected)) return null;
    if (!factor) return build(live, constant);
    events.add(Rewrite.COMMON_FACTOR);
    Node sum = build(inner, 0);
    Node whole = wholeFactor(live.get(0).seen, common);
    List<Factor> factors = new ArrayList<>(whole != null ? List.of(new Factor(whole, 1)) : common);
    if (!sum.isConstant()) factors.add(new Factor(sum, 1));
    factors.sort(CanonicalOrder.FACTORS);
    Node product = ProductForm.build(g, sum.isConstant() ? sum.value() : 1, factors);
    if (constant == 0) return product;
    return constant > 0 ? g.add(product, g.constant(constant)) : g.sub(product, g.constant(-constant));
  }

  /** Added terms first, then the subtracted ones, then the constant (first when only subtracted terms follow). */
  private static List<Term> order(List<Term> terms) {
    List<Term> order = new ArrayList<>();
    terms.stream().filter(t -> t.total > 0).forEach(order::add);
    terms.stream().filter(t -> t.total < 0).forEach(order::add);
    return order;
  }

  private static boolean constantFirst(List<Term> order, double constant) {
    return constant > 0 && (order.isEmpty() || order.get(0).total < 0);
  }

  /** What {@link #build}'s result costs, over the bases, as {@link #builtCost} counts. */
  static int cost(List<Term> terms, double constant) {
    List<Term> order = order(terms);
    boolean constantFirst = constantFirst(order, constant);
    int cost = Math.max(0, order.size() + (constant != 0 ? 1 : 0) - 1);
    for (int i = 0; i < order.size(); i++) {
      Term t = order.get(i);
      boolean leading = i == 0 && !constantFirst;
      int asSeen = t.asSeen();
      if (asSeen > 0) cost += t.seenOps;
      else if (asSeen < 0) cost += t.seenOps + (leading ? 2 : 1);
      else if (leading || Math.abs(t.total) != 1) cost += 2 * ProductForm.ops(t.total, t.factors);
      else cost += 2 * ProductForm.ops(1, t.factors) + (t.total < 0 ? 1 : 0);
    }
    return cost;
  }

  Node build(List<Term> terms, double constant) {
    List<Term> order = order(terms);
    boolean constantFirst = constantFirst(order, constant);
    Node sum = constantFirst ? g.constant(constant) : null;
    for (Term t : order) sum = plus(sum, t);
    if (constant != 0 && !constantFirst) {
      Node c = g.constant(Math.abs(constant));
      sum = sum == null ? g.constant(constant) : constant > 0 ? g.add(sum, c) : g.sub(sum, c);
    }
    return sum == null ? g.zero() : sum;
  }

  /**
   * {@code sum} plus the term ({@code sum} is null before the first), reusing the node it was seen
   * as; a coefficient other than 1 or -1 carries the term's sign ({@code a + (-2 * y)}, which prints
   * {@code a - 2 * y}), so only a term of coefficient -1 is subtracted.
   */
  private Node plus(Node sum, Term t) {
    int asSeen = t.asSeen();
    if (sum == null) return asSeen > 0 ? t.seen : asSeen < 0 ? g.neg(t.seen) : ProductForm.build(g, t.total, t.factors);
    if (asSeen != 0) return asSeen > 0 ? g.add(sum, t.seen) : g.sub(sum, t.seen);
    if (Math.abs(t.total) != 1) return g.add(sum, ProductForm.build(g, t.total, t.factors));
    Node term = ProductForm.build(g, 1, t.factors);
    return t.total > 0 ? g.add(sum, term) : g.sub(sum, term);
  }

  /**
   * An operand of the product {@code seen} that is exactly the product of {@code common}, or null:
   * taken out whole, it stays the one node it was ({@code A * P - B * P = P * (A - B)} with the
   * same {@code P}) instead of being multiplied out again, and a chain of such sums stays linear.
   */
  private Node wholeFactor(Node seen, List<Factor> common) {
    if (seen == null || Simplifier.opOf(g, seen) != Op.MULTIPLY) return null;
    for (Node operand : seen.args()) {
      ProductForm p = ProductForm.of(g, operand, new Budget());
      if (p != null && p.coefficient() == 1 && common.equals(p.factors())) return operand;
    }
    return null;
  }

  /** The bases every term has, each to its smallest exponent there, in canonical order. */
  private static List<Factor> common(List<Term> terms) {
    if (terms.size() < 2) return List.of();
    Map<Node, Double> smallest = new LinkedHashMap<>();
    Map<Node, Integer> seen = new LinkedHashMap<>();
    for (Term t : terms) {
      for (Factor f : t.factors) {
        smallest.merge(f.base(), f.exponent(), Math::min);
        seen.merge(f.base(), 1, Integer::sum);
      }
    }
    List<Factor> common = new ArrayList<>();
    smallest.forEach((base, e) -> {
      if (seen.get(base) == terms.size()) common.add(new Factor(base, e));
    });
    common.sort(CanonicalOrder.FACTORS);
    return common;
  }

  /** The terms with {@code common} divided out. */
  private static List<Term> divide(List<Term> terms, List<Factor> common) {
    Map<Node, Double> out = new LinkedHashMap<>();
    common.forEach(f -> out.put(f.base(), f.exponent()));
    List<Term> divided = new ArrayList<>();
    for (Term t : terms) {
      List<Factor> rest = new ArrayList<>();
      for (Factor f : t.factors) {
        double e = f.exponent() - out.getOrDefault(f.base(), 0.0);
        if (e != 0) rest.add(new Factor(f.base(), e));
      }
      divided.add(new Term(rest, null, Double.NaN, 0, t.total));
    }
    return divided;
  }
}
