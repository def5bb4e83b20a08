package org.symdiff.ast;

import java.util.List;

/**
 * A named piece of text the user gave us: a file, the command-line expression, a --at value.
 * Line breaks are normalised to {@code \n} on the way in (CRLF and a lone CR, as old Mac files
 * have, alike), so that the lexer, the JSON reader and {@link #line} count lines the same way;
 * columns do not move, since a CR only ever ends a line.
 */
public record Source(String name, String text) {

  public Source {
    if (text.indexOf('\r') >= 0) text = text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** The text of a 1-based line, without its line terminator ("" past the end). */
  public String line(int line) {
    List<String> lines = text.lines().toList();
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }
}
