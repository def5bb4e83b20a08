package org.symdiff.cli;

import java.util.regex.Pattern;

/**
 * Numbers in {@code --at}: a number of our language ({@code 2}, {@code 0.5}, {@code .5}, {@code 1e-3};
 * JSON's numbers are among them) with an optional '-', and finite. Double.parseDouble alone would
 * also take {@code NaN}, {@code Infinity}, {@code 1d}, {@code 0x1p3}, and {@code 1e400} as infinity.
 */
final class Numbers {
  private static final Pattern NUMBER = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private Numbers() {}

  /**
   * The number {@code text} spells; otherwise a NumberFormatException whose message is the error to
   * show ({@code forWhat} completes "expected a number", e.g. " for 'x'").
   */
  static double parse(String text, String forWhat) {
    if (!NUMBER.matcher(text).matches()) throw new NumberFormatException("expected a number" + forWhat);
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) throw new NumberFormatException("number " + text + " is too large for a double");
    return value;
  }
}
