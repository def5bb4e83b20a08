package org.symdiff.emit;

import java.util.List;

/**
 * How much bytecode javac makes of generated statements, estimated from their text and on the
 * large side, so that no generated method reaches HotSpot's limit: a method of more than 8,000
 * bytes of bytecode is never JIT-compiled (-XX:HugeMethodLimit) and runs interpreted, tens of
 * times slower. Every local read or written counts as a wide load or store (4 bytes), every
 * number as a constant-pool load (3), every qualified name as a static call or field (3), every
 * operator as its instruction, a comparison or a {@code ?:} as a compare and a branch.
 */
final class JavaSize {
  /** What a generated method may hold by this estimate; javac's real size is smaller. */
  static final int METHOD_BUDGET = 7_000;

  private JavaSize() {}

  static long bytes(List<JavaEmitter.Line> lines) {
    long total = 0;
    for (JavaEmitter.Line line : lines) total += bytes(line.code());
    return total;
  }

  /** The estimate for one statement (comments excluded). */
  static int bytes(String code) {
    int bytes = 1;
    int n = code.length();
    int i = 0;
    while (i < n) {
      char c = code.charAt(i);
      if (Character.isJavaIdentifierStart(c)) {
        int end = i;
        boolean qualified = false;
        while (end < n && (Character.isJavaIdentifierPart(code.charAt(end)) || code.charAt(end) == '.')) {
          qualified |= code.charAt(end) == '.';
          end++;
        }
        boolean keyword = code.startsWith("double", i) && end - i == 6 || code.startsWith("return", i) && end - i == 6;
        if (!keyword) bytes += qualified ? 3 : 4;
        i = end;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(code.charAt(i + 1)))) {
        i = endOfNumber(code, i);
        bytes += 3;
      } else {
        char next = i + 1 < n ? code.charAt(i + 1) : ' ';
        switch (c) {
          case '+', '-', '*', '/' -> bytes += next == '=' ? 4 : 1;
          case '[' -> bytes += 1;
          case '<', '>', '!', '?' -> bytes += 4;
          case '=' -> bytes += next == '=' ? 4 : 0;
          case '&', '|' -> bytes += 2;
          default -> { }
        }
        i += next == '=' ? 2 : 1;
      }
    }
    return bytes;
  }

  private static int endOfNumber(String code, int start) {
    int i = start;
    while (i < code.length()) {
      char c = code.charAt(i);
      boolean exponentSign = (c == '+' || c == '-') && i > start && (code.charAt(i - 1) == 'E' || code.charAt(i - 1) == 'e');
      if (!Character.isLetterOrDigit(c) && c != '.' && !exponentSign) break;
      i++;
    }
    return i;
  }
}
