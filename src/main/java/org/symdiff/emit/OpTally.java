package org.symdiff.emit;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts operations as the code doing them is written: an emitter adds each operator it prints,
 * times how often the surrounding loops run it ({@link #within}), so the count is of the code as
 * generated, fused loops, kernels and common subexpressions included.
 */
final class OpTally {
  static final String MUL_DIV = "mul/div";
  static final String ADD_SUB = "add/sub";
  static final String COMPARE = "compare";

  private final Map<String, Count> counts = new TreeMap<>();
  private Count times = Count.ONE;

  void add(String kind) {
    add(kind, 1);
  }

  void add(String kind, long n) {
    if (n != 0) counts.merge(kind, times.times(n), Count::plus);
  }

  /** A call of {@code Math.function} (or an operation of the same name in a kernel). */
  void call(String function) {
    add(function, 1);
  }

  /** Sets how often the code written next runs, until the returned count is set back. */
  Count within(Count runs) {
    Count before = times;
    times = runs;
    return before;
  }

  Count runs() {
    return times;
  }

  OpCounts counts() {
    return new OpCounts(counts);
  }
}
