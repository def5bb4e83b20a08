package org.symdiff.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An expression may start with '-' ({@code "-h + x"}, {@code "-f*g"}), but picocli reads any word
 * starting with a short option's letter as that option, with the rest attached. So before parsing,
 * such a word is marked as a positional argument (a NUL in front, which no real argument can
 * contain) and unmarked when read. Exactly {@code -h}, {@code -f FILE}, and {@code -f=FILE} stay
 * options.
 */
final class DashExpressions {
  private static final char MARK = '\0';

  private DashExpressions() {}

  static String[] mark(String[] args, CommandSpec spec) {
    String[] marked = args.clone();
    for (int i = 0; i < marked.length && !marked[i].equals("--"); i++) {
      OptionSpec option = marked[i].startsWith("-") ? spec.findOption(marked[i]) : null;
      if (option != null) {
        if (option.arity().max() > 0) i++; // its value is the next word, whatever it looks like
      } else if (isExpression(marked[i], spec)) {
        marked[i] = MARK + marked[i];
      }
    }
    return marked;
  }

  /** The word as the user typed it. */
  static String unmark(String arg) {
    return arg != null && !arg.isEmpty() && arg.charAt(0) == MARK ? arg.substring(1) : arg;
  }

  private static boolean isExpression(String arg, CommandSpec spec) {
    if (arg.length() <= 2 || arg.charAt(0) != '-' || arg.charAt(1) == '-') return false;
    OptionSpec option = spec.findOption(arg.substring(0, 2));
    return option != null && !(arg.charAt(2) == '=' && option.arity().max() > 0);
  }
}
