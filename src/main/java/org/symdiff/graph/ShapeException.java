package org.symdiff.graph;

/** Thrown by {@link Graph} when an operation's arguments have shapes it cannot combine. */
public final class ShapeException extends IllegalArgumentException {
  public ShapeException(String message) {
    super(message);
  }
}
