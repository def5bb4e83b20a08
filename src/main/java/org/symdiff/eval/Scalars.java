package org.symdiff.eval;

import org.symdiff.graph.Op;

/**
 * What each elementwise op computes on doubles. The Java emitter writes the same formulas, so the
 * interpreter and generated code agree to the last bit.
 */
public final class Scalars {
  private Scalars() {}

  public static double apply(Op op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case POWER -> b == 2 ? a * a : Math.pow(a, b);
      case MAX -> Math.max(a, b);
      case MIN -> Math.min(a, b);
      case XLOGY -> a == 0.0 && !Double.isNaN(b) ? 0.0 : a * Math.log(b);
      case NEGATE -> -a;
      case EXP -> Math.exp(a);
      case LOG -> Math.log(a);
      case SQRT -> Math.sqrt(a);
      case SIN -> Math.sin(a);
      case COS -> Math.cos(a);
      case TAN -> Math.tan(a);
      case TANH -> Math.tanh(a);
      case ATAN -> Math.atan(a);
      case SIGMOID -> 1.0 / (1.0 + Math.exp(-a));
      case RELU -> Math.max(0.0, a);
      case ABS -> Math.abs(a);
      case SOFTPLUS -> Math.max(a, 0.0) + Math.log1p(Math.exp(-Math.abs(a)));
      case LOG1P -> Math.log1p(a);
      case EXPM1 -> Math.expm1(a);
      case SIGN -> Math.signum(a);
      case STEP -> a > 0.0 ? 1.0 : 0.0;
      case BROADCAST -> a;
      default -> throw new IllegalArgumentException(op + " is not elementwise");
    };
  }
}
