package org.symdiff.simplify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * A product with a sum among its factors, multiplied out when that costs less (as {@link SumForm}
 * counts): {@code 2 * x * (2 / y + 0.5 / s) = 4 * x / y + x / s}, and in a denominator
 * {@code y / (x ^ 5 * (1 + y / x ^ 4)) = y / (x ^ 5 + x * y)}. The inverse of taking out a common
 * factor, which {@link SumForm} does when that costs no more, so the two never undo each other.
 */
final class Distribution {
  private Distribution() {}

  /** The product {@code coefficient * factors} multiplied out, or null when that would cost as much or more. */
  static Node of(Graph g, double coefficient, List<Factor> factors, int productOps, Budget budget) {
    Factor sum = null;
    for (Factor f : factors) {
      if (Math.abs(f.exponent()) != 1 || !isSum(g, f.base()) || budget.paid(f.base())) continue;
      if (sum != null) return null;
      sum = f;
    }
    if (sum == null) return null;
    boolean numerator = sum.exponent() > 0;
    List<Factor> monomial = new ArrayList<>();
    List<Factor> rest = new ArrayList<>();
    for (Factor f : factors) {
      if (f != sum) (f.exponent() > 0 == numerator ? monomial : rest).add(f);
    }
    double scale = numerator ? coefficient : 1;
    if (monomial.isEmpty() && scale == 1) return null;
    SumForm s = SumForm.ofGate(g, Simplifier.opOf(g, sum.base()), sum.base().args(), new Budget());
    List<SumForm.Term> terms = s == null ? null : s.live();
    if (terms == null) return null;
    List<SumForm.Term> multiplied = new ArrayList<>();
    for (SumForm.Term t : terms) multiplied.add(times(t.factors, t.total * scale, monomial, numerator));
    if (s.constant() != 0) multiplied.add(times(List.of(), s.constant() * scale, monomial, numerator));
    double left = numerator ? 1 : coefficient;
    List<Factor> after = new ArrayList<>(rest);
    after.add(sum);
    int before = 2 * productOps + SumForm.cost(terms, s.constant());
    if (2 * ProductForm.ops(left, after) + SumForm.cost(multiplied, 0) >= before) return null;
    after.set(after.size() - 1, new Factor(s.build(multiplied, 0), sum.exponent()));
    after.sort(CanonicalOrder.FACTORS);
    return ProductForm.build(g, left, after);
  }

  /** A term's factors times the monomial (whose exponents a denominator negates), as a term of a new sum. */
  private static SumForm.Term times(List<Factor> factors, double total, List<Factor> monomial, boolean numerator) {
    Map<Node, Double> exponents = new LinkedHashMap<>();
    factors.forEach(f -> exponents.merge(f.base(), f.exponent(), Double::sum));
    monomial.forEach(f -> exponents.merge(f.base(), numerator ? f.exponent() : -f.exponent(), Double::sum));
    List<Factor> product = new ArrayList<>();
    exponents.forEach((base, e) -> {
      if (e != 0) product.add(new Factor(base, e));
    });
    product.sort(CanonicalOrder.FACTORS);
    return new SumForm.Term(product, null, Double.NaN, 0, total);
  }

  private static boolean isSum(Graph g, Node n) {
    Op op = n.shape().isScalar() ? Simplifier.opOf(g, n) : Op.VARIABLE;
    return op == Op.ADD || op == Op.SUBTRACT;
  }
}
