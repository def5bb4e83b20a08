package org.symdiff.emit;

/**
 * Which second-order methods a generated class gets besides value and gradient: {@code hvp}, the
 * Hessian-vector product, and {@code hessian}, the full symmetric matrix (both forward over reverse).
 */
public record SecondOrder(boolean hvp, boolean hessian) {
  public static final SecondOrder NONE = new SecondOrder(false, false);

  public boolean any() {
    return hvp || hessian;
  }
}
