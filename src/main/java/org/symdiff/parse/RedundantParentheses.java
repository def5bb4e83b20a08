package org.symdiff.parse;

/**
 * Blanks parentheses that directly wrap another parenthesized group, {@code ((e))} to
 * {@code ( e )}, before the text is lexed. They change nothing, but each pair costs the ANTLR
 * parser six nested rule calls and the AST builder more, and a million of them nested made a
 * stack of millions of frames that every garbage collection walks (23 s). Spaces keep every
 * other character in its column, so spans are unchanged. Text with a comment or an unbalanced
 * parenthesis, and pairs with a separator inside or nothing but blanks, are left alone; and the
 * parser reads text with a syntax error again as written, for the exact message.
 */
final class RedundantParentheses {
  private RedundantParentheses() {}

  static String blank(String text) {
    if (text.indexOf("((") < 0 && !text.contains("( (") || text.indexOf('#') >= 0) return text;
    int n = text.length();
    int[] match = new int[n];
    int[] stack = new int[n];
    int depth = 0;
    // separators[i] and solid[i]: how many ';' or new lines, and how many non-blank characters, come before i
    int[] separators = new int[n + 1];
    int[] solid = new int[n + 1];
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      separators[i + 1] = separators[i] + (c == ';' || c == '\n' ? 1 : 0);
      solid[i + 1] = solid[i] + (isBlank(c) ? 0 : 1);
      if (c == '(') {
        stack[depth++] = i;
      } else if (c == ')') {
        if (depth == 0) return text;
        int open = stack[--depth];
        match[open] = i;
        match[i] = open;
      }
    }
    if (depth != 0) return text;
    char[] out = text.toCharArray();
    for (int open = 0; open < n; open++) {
      if (text.charAt(open) != '(') continue;
      int inner = nextSolid(text, open + 1);
      if (inner >= n || text.charAt(inner) != '(') continue;
      int close = match[open];
      int innerClose = match[inner];
      boolean wrapsExactly = nextSolid(text, innerClose + 1) == close;
      boolean plain = separators[close] == separators[open] && solid[innerClose] - solid[inner + 1] > 0;
      if (wrapsExactly && plain) {
        out[inner] = ' ';
        out[innerClose] = ' ';
      }
    }
    return new String(out);
  }

  private static int nextSolid(String text, int from) {
    int i = from;
    while (i < text.length() && isBlank(text.charAt(i))) i++;
    return i;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }
}
