package org.symdiff.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The natural order of names, x, x2, x10, y: an expression's free names are its inputs in this
 * order. A name is split into runs of letters and of digits, compared run by run, digit runs by
 * value. Each name is split once: splitting inside the comparator redid the work n log n times,
 * the largest cost of lowering a program with 60,000 inputs.
 */
final class NaturalOrder {
  private NaturalOrder() {}

  /** {@code nodes} sorted by name in natural order; equal names keep their order. */
  static List<Node> byName(List<Node> nodes) {
    List<Keyed> keyed = new ArrayList<>(nodes.size());
    for (Node n : nodes) keyed.add(new Keyed(Key.of(n.name()), n));
    keyed.sort(Comparator.comparing(Keyed::key));
    List<Node> sorted = new ArrayList<>(nodes.size());
    for (Keyed k : keyed) sorted.add(k.node());
    return sorted;
  }

  private record Keyed(Key key, Node node) {}

  private record Key(String[] parts) implements Comparable<Key> {
    static Key of(String name) {
      List<String> parts = new ArrayList<>(2);
      int start = 0;
      for (int i = 1; i <= name.length(); i++) {
        if (i == name.length() || isDigit(name.charAt(i)) != isDigit(name.charAt(i - 1))) {
          parts.add(name.substring(start, i));
          start = i;
        }
      }
      return new Key(parts.toArray(String[]::new));
    }

    @Override
    public int compareTo(Key o) {
      for (int i = 0; i < Math.min(parts.length, o.parts.length); i++) {
        boolean numeric = isDigit(parts[i].charAt(0)) && isDigit(o.parts[i].charAt(0));
        int c = numeric ? compareValues(parts[i], o.parts[i]) : parts[i].compareTo(o.parts[i]);
        if (c != 0) return c;
      }
      return Integer.compare(parts.length, o.parts.length);
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Two runs of digits by the numbers they write, of any length: without leading zeros, the longer is larger. */
  private static int compareValues(String a, String b) {
    String x = withoutLeadingZeros(a);
    String y = withoutLeadingZeros(b);
    return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
  }

  private static String withoutLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
    return digits.substring(i);
  }
}
