package org.symdiff.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.symdiff.graph.Lowering;
import org.symdiff.graph.Op;

/**
 * The help text's lists of functions, made from the primitive table (and the compositions the
 * lowering defines), so that --help, the README (checked by a test) and the language agree.
 */
final class Help {
  private static final int WIDTH = 78;

  private Help() {}

  /** Elementwise functions of one argument, by name: {@code exp log sqrt ...}. */
  static String unaryFunctions() {
    return functions(true).filter(f -> f.arity() == 1).map(Function::name).collect(Collectors.joining(" "));
  }

  /** Elementwise functions of more arguments, as calls: {@code pow(a,b) max(a,b) ...}. */
  static String otherFunctions() {
    return functions(true).filter(f -> f.arity() > 1).map(Function::signature).collect(Collectors.joining(" "));
  }

  /** Functions of whole arrays, primitives first, then the compositions. */
  static String arrayFunctions() {
    return functions(false).map(Function::name).collect(Collectors.joining(" "));
  }

  /** A function as the help lists it: a primitive's or a composition's name, arity and documentation. */
  private record Function(String name, int arity, String doc) {
    /** The call as its documentation writes it, {@code where(c,a,b)}, without spaces. */
    String signature() {
      int open = doc.indexOf('(');
      int close = doc.indexOf(')');
      return doc.startsWith(name + "(") && close > open ? doc.substring(0, close + 1).replace(" ", "") : name;
    }
  }

  private static Stream<Function> functions(boolean elementwise) {
    Stream<Function> primitives = Arrays.stream(Op.values())
        .filter(op -> op.function() != null && op.isElementwise() == elementwise)
        .map(op -> new Function(op.function(), op.arity(), op.doc()));
    Stream<Function> composites = Lowering.composites().stream().filter(c -> c.elementwise() == elementwise)
        .map(c -> new Function(c.name(), c.arity(), c.doc()));
    return Stream.concat(primitives, composites);
  }

  static String[] footer() {
    List<String> lines = new ArrayList<>(List.of(
        "  symdiff \"(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)\"     a Java class (default)",
        "  symdiff \"(x+y)*z\" --emit json --at x=-2,y=5,z=-4        value and gradient",
        "  symdiff \"exp(exp(x^2))\" --emit expr                     df/dx = ...",
        "  symdiff \"q = x + y; f = q * z\" --wrt x,z                an inline program",
        "  symdiff \"-x^2\" --check                                  checked numerically",
        "  symdiff -f net.sd --class Net --package demo -o src/main/java",
        "  symdiff -f net.sd --stats                           operation counts",
        "Show the work (tables, the graph with values and gradients, paths):",
        "  symdiff -f net.sd --emit markdown --at @point.json     one row per step",
        "  symdiff \"(x+y)*z\" --emit svg --at x=-2,y=5,z=-4 -o f.svg  needs Graphviz",
        "  symdiff -f net.sd --explain \"W2[0,1]\" --at @point.json  the sum over paths",
        ""));
    lines.addAll(wrapped("Expressions: numbers, names, + - * / ^ (right-associative, tighter than unary minus), @ "
        + "(matrix product), comparisons < <= > >= (masks of 0 and 1, for where); functions " + unaryFunctions() + ", " + otherFunctions() + "; on arrays "
        + arrayFunctions() + "."));
    lines.add("  Statements are separated by ';' or new lines; # starts a comment.");
    lines.add("Exit codes: 0 ok, 1 --check found a mismatch, 2 bad input or usage,");
    lines.add("  70 internal error (please report it).");
    return lines.toArray(String[]::new);
  }

  /** Words in lines of at most WIDTH columns, every line after the first indented: picocli would wrap mid-word. */
  private static List<String> wrapped(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(" ");
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
