package org.symdiff.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Shape;

/**
 * Sizes as Java expressions: a fixed dimension is a number, a runtime one the {@code int} that
 * holds it ({@code N} in a method, {@code capacityN} when sizing the workspace).
 */
final class Sizes {
  private final Function<String, String> runtime;

  /** {@code runtime} maps a runtime dimension's name to the Java expression of its size. */
  Sizes(Function<String, String> runtime) {
    this.runtime = runtime;
  }

  String of(Dim d) {
    return d.isFixed() ? Integer.toString(d.size()) : runtime.apply(d.name());
  }

  /** The element count of {@code shape}: {@code 64}, {@code N * 4}, {@code N * M}. */
  String size(Shape shape) {
    List<String> factors = new ArrayList<>();
    int fixed = 1;
    for (Dim d : shape.dims()) {
      if (d.isFixed()) fixed *= d.size();
      else factors.add(runtime.apply(d.name()));
    }
    if (fixed != 1 || factors.isEmpty()) factors.add(Integer.toString(fixed));
    return String.join(" * ", factors);
  }

  /** {@code a * b} of two such expressions, without a factor 1 and folding two numbers. */
  static String times(String a, String b) {
    if (a.equals("0") || b.equals("0")) return "0";
    if (a.equals("1")) return b;
    if (b.equals("1")) return a;
    if (isNumber(a) && isNumber(b)) return Long.toString(Long.parseLong(a) * Long.parseLong(b));
    return a + " * " + b;
  }

  /** {@code base + offset}, without a term 0 and folding two numbers. */
  static String plus(String base, String offset) {
    if (base.equals("0")) return offset;
    if (offset.equals("0")) return base;
    if (isNumber(base) && isNumber(offset)) return Long.toString(Long.parseLong(base) + Long.parseLong(offset));
    return base + " + " + offset;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}
