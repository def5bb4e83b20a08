package org.symdiff.ast;

import java.util.Arrays;

/**
 * A source's lines by number, found once: for callers that look up a line per statement, where
 * {@link Source#line} (which scans the text each time) would make the work quadratic.
 */
public final class Lines {
  private final String text;
  /** Where each line starts; one more entry, the end of the text plus one, closes the last line. */
  private final int[] starts;
  private final int count;

  public Lines(Source source) {
    this.text = source.text();
    int[] found = new int[16];
    int n = 0;
    found[n++] = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n == found.length) found = Arrays.copyOf(found, 2 * n);
      found[n++] = i + 1;
    }
    // as String.lines() counts: no empty line after a final line break, none in an empty text
    this.count = text.isEmpty() || text.endsWith("\n") ? n - 1 : n;
    if (n == found.length) found = Arrays.copyOf(found, n + 1);
    found[n] = text.length() + 1;
    this.starts = found;
  }

  /** The text of a 1-based line, without its line terminator ("" past the end), as {@link Source#line}. */
  public String line(int line) {
    if (line < 1 || line > count) return "";
    return text.substring(starts[line - 1], starts[line] - 1);
  }
}
