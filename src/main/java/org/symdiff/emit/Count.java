package org.symdiff.emit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Shape;

/**
 * How many times something happens per call: a whole number, or, when a loop runs over runtime
 * dimensions, a polynomial in their sizes with whole coefficients ({@code 100352·N + 10}).
 * Immutable; each term is keyed by its monomial, the dimension names in order ("" for a number).
 */
public final class Count {
  public static final Count ZERO = new Count(Map.of());
  public static final Count ONE = of(1);

  private final Map<String, Long> terms;

  private Count(Map<String, Long> terms) {
    this.terms = Collections.unmodifiableMap(new TreeMap<>(terms));
  }

  public static Count of(long n) {
    return n == 0 ? ZERO : new Count(Map.of("", n));
  }

  /** One per element of {@code shape}. */
  static Count elements(Shape shape) {
    Count c = ONE;
    for (Dim d : shape.dims()) c = c.times(d);
    return c;
  }

  Count times(Dim d) {
    if (d.isFixed()) return times(d.size());
    Map<String, Long> out = new TreeMap<>();
    terms.forEach((m, k) -> out.merge(monomial(m, d.name()), k, Long::sum));
    return new Count(out);
  }

  Count times(long k) {
    if (k == 0) return ZERO;
    Map<String, Long> out = new TreeMap<>();
    terms.forEach((m, c) -> out.put(m, Math.multiplyExact(c, k)));
    return new Count(out);
  }

  Count plus(Count other) {
    Map<String, Long> out = new TreeMap<>(terms);
    other.terms.forEach((m, k) -> out.merge(m, k, Math::addExact));
    out.values().removeIf(k -> k == 0);
    return new Count(out);
  }

  public boolean isZero() {
    return terms.isEmpty();
  }

  /** The value at the given sizes of the runtime dimensions. */
  public long at(Map<String, Integer> sizes) {
    long total = 0;
    for (Map.Entry<String, Long> t : terms.entrySet()) {
      long term = t.getValue();
      for (String dim : names(t.getKey())) term = Math.multiplyExact(term, (long) sizes.get(dim));
      total = Math.addExact(total, term);
    }
    return total;
  }

  /** The highest degree of any term (0 for a number). */
  int degree() {
    return terms.keySet().stream().mapToInt(m -> names(m).size()).max().orElse(0);
  }

  /** The sum of the coefficients of the terms of degree {@code d}: how the count grows when every size does. */
  long leading(int d) {
    return terms.entrySet().stream().filter(t -> names(t.getKey()).size() == d).mapToLong(Map.Entry::getValue).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Count c && c.terms.equals(terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  /** {@code 0}, {@code 1,250}, {@code 100,352·N + 10}: the highest degree first. */
  @Override
  public String toString() {
    if (terms.isEmpty()) return "0";
    List<Map.Entry<String, Long>> ordered = new ArrayList<>(terms.entrySet());
    ordered.sort((a, b) -> Integer.compare(names(b.getKey()).size(), names(a.getKey()).size()));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> t : ordered) {
      String m = t.getKey();
      long k = t.getValue();
      parts.add(m.isEmpty() ? String.format("%,d", k) : (k == 1 ? "" : String.format("%,d·", k)) + m);
    }
    return String.join(" + ", parts);
  }

  private static String monomial(String m, String dim) {
    List<String> names = new ArrayList<>(names(m));
    names.add(dim);
    Collections.sort(names);
    return String.join("·", names);
  }

  private static List<String> names(String m) {
    return m.isEmpty() ? List.of() : Arrays.asList(m.split("·"));
  }
}
