package org.symdiff.emit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The operations one section of generated code does per call, by kind: mul/div, add/sub, compare, and each function. */
public record OpCounts(Map<String, Count> byKind) {
  public static final OpCounts NONE = new OpCounts(Map.of());

  public OpCounts {
    byKind = Collections.unmodifiableMap(new TreeMap<>(byKind));
  }

  public Count of(String kind) {
    return byKind.getOrDefault(kind, Count.ZERO);
  }

  public Count mulDiv() {
    return of(OpTally.MUL_DIV);
  }

  public Count addSub() {
    return of(OpTally.ADD_SUB);
  }

  public Count compares() {
    return of(OpTally.COMPARE);
  }

  /** Calls of each function, by name. */
  public Map<String, Count> calls() {
    Map<String, Count> calls = new TreeMap<>(byKind);
    calls.keySet().removeAll(java.util.List.of(OpTally.MUL_DIV, OpTally.ADD_SUB, OpTally.COMPARE));
    return calls;
  }

  public OpCounts plus(OpCounts other) {
    Map<String, Count> sum = new TreeMap<>(byKind);
    other.byKind.forEach((k, c) -> sum.merge(k, c, Count::plus));
    return new OpCounts(sum);
  }
}
