package org.symdiff.emit;

/** Javadoc prose for generated code: JavaPoet keeps a Javadoc's lines as given, so long ones are wrapped here. */
final class Docs {
  /** Text columns of a Javadoc line, leaving room for the indentation and {@code " * "} before it. */
  private static final int WIDTH = 96;

  private Docs() {}

  /** {@code text} (one paragraph per line) with each line longer than the width broken at spaces. */
  static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (out.length() > 0) out.append('\n');
      int start = 0;
      while (line.length() - start > WIDTH) {
        int cut = line.lastIndexOf(' ', start + WIDTH);
        if (cut <= start) cut = line.indexOf(' ', start + WIDTH);
        if (cut < 0) break;
        out.append(line, start, cut).append('\n');
        start = cut + 1;
      }
      out.append(line, start, line.length());
    }
    return out.toString();
  }
}
