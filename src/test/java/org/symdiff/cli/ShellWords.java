package org.symdiff.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into words the way a POSIX shell would, without expansions: blanks separate words,
 * {@code '...'} is literal, {@code "..."} allows {@code \"} {@code \\} {@code \$} and {@code \`},
 * a backslash outside quotes escapes the next character, adjacent pieces join into one word.
 */
final class ShellWords {
  private ShellWords() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        if (inWord) words.add(word.toString());
        word.setLength(0);
        inWord = false;
        continue;
      }
      inWord = true;
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) throw new IllegalArgumentException("unclosed ' in: " + line);
        word.append(line, i + 1, end);
        i = end;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word);
      } else if (c == '\\') {
        if (++i == line.length()) throw new IllegalArgumentException("\\ at the end of: " + line);
        word.append(line.charAt(i));
      } else {
        word.append(c);
      }
    }
    if (inWord) words.add(word.toString());
    return words;
  }

  /** Appends a double-quoted piece starting after its opening quote; returns the closing quote's index. */
  private static int doubleQuoted(String line, int from, StringBuilder word) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') return i;
      if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) c = line.charAt(++i);
      word.append(c);
    }
    throw new IllegalArgumentException("unclosed \" in: " + line);
  }
}
