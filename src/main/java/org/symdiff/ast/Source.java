package org.symdiff.ast;

import java.util.List;

/** A named piece of text the user gave us: a file, the command-line expression, a --at value. */
public record Source(String name, String text) {

  /** The text of a 1-based line, without its line terminator ("" past the end). */
  public String line(int line) {
    List<String> lines = text.lines().toList();
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }
}
