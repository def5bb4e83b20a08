package org.symdiff.emit;

import org.symdiff.graph.Shape;

/**
 * Where a value lives in generated code: a {@code double} (local or field), or a {@code double[]}
 * (a scalar held in an array, such as the gradient of a scalar param, is element 0).
 */
record Slot(String name, Shape shape, boolean array) {
  /** The element at {@code index}, a Java int expression. */
  String at(String index) {
    return array ? name + "[" + (shape.isScalar() ? "0" : index) + "]" : name;
  }

  /** How a statement writes a slot: declaring a local, assigning, or adding a path's share. */
  enum Mode {
    DECLARE, ASSIGN, ACCUMULATE;

    String statement(String target, String value) {
      return switch (this) {
        case DECLARE -> "double " + target + " = " + value;
        case ASSIGN -> target + " = " + value;
        case ACCUMULATE -> target + " += " + value;
      };
    }
  }
}
