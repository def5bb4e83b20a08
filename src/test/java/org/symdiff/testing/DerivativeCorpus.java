package org.symdiff.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.Symdiff;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Source;
import org.symdiff.ast.Statement;
import org.symdiff.emit.ExprEmitter;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.parse.ProgramParser;

/**
 * The derivatives of {@code src/test/resources/corpus/derivatives.txt}, made by
 * {@code bin/derivative-corpus} with SymPy: each entry's expression, variable, SymPy's
 * {@code simplify(diff(...))} and its values at the file's points, with what {@code --emit expr}
 * prints for it.
 */
public final class DerivativeCorpus {
  public static final Path FILE = Path.of("src/test/resources/corpus/derivatives.txt");

  private DerivativeCorpus() {}

  /** One derivative: {@code printed} is what {@code --emit expr --wrt variable} prints after {@code df/dx = }. */
  public record Entry(int line, String expression, String variable, String reference, double[] values, String printed) {
    @Override
    public String toString() {
      return "line " + line + ": d/d" + variable + " " + expression;
    }
  }

  /** The points of the header, each a value per variable name. */
  public static List<Map<String, Double>> points() {
    List<Map<String, Double>> points = new ArrayList<>();
    for (String line : lines()) {
      if (!line.startsWith("# point: ")) continue;
      Map<String, Double> point = new LinkedHashMap<>();
      for (String part : line.substring("# point: ".length()).split(", ")) {
        String[] nameValue = part.split("=");
        point.put(nameValue[0], Double.parseDouble(nameValue[1]));
      }
      points.add(point);
    }
    return points;
  }

  public static List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    List<String> lines = lines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] parts = line.split(" \\| ");
      double[] values = Arrays.stream(parts[3].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
      entries.add(new Entry(i + 1, parts[0], parts[1], parts[2], values, printed(parts[0], parts[1])));
    }
    return entries;
  }

  /** What {@code symdiff EXPRESSION --emit expr --wrt VARIABLE} prints right of the equals sign. */
  public static String printed(String expression, String variable) {
    Model model = Symdiff.load(new Source("<corpus>", expression));
    String line = ExprEmitter.emit(model, Symdiff.differentiate(model, new Source("--wrt", variable))).strip();
    return line.substring(line.indexOf(" = ") + 3);
  }

  /** The value of an expression in our language at a point (its free names read from the point). */
  public static double evaluate(String expression, Map<String, Double> point) {
    Model model = Symdiff.load(new Source("<derivative>", expression));
    Map<Node, double[]> values = new LinkedHashMap<>();
    for (Node input : model.inputs()) values.put(input, new double[] {point.get(input.name())});
    return new Evaluator(values).value(model.output())[0];
  }

  /**
   * Operations of an expression as written, parsed by our parser: each operator, unary minus and
   * function call counts one ({@code -x * exp(-x ^ 2 / 2)} has six). Functions need not be ours:
   * SymPy's references may call cosh.
   */
  public static int operations(String expression) {
    Statement only = ProgramParser.parse(new Source("<count>", expression)).statements().get(0);
    return operations(((Statement.Evaluate) only).value());
  }

  private static int operations(Expr e) {
    if (e instanceof Expr.Negate n) return 1 + operations(n.operand());
    if (e instanceof Expr.Binary b) return 1 + operations(b.left()) + operations(b.right());
    if (e instanceof Expr.Call c) return 1 + c.args().stream().mapToInt(DerivativeCorpus::operations).sum();
    return 0;
  }

  private static List<String> lines() {
    try {
      return Files.readAllLines(FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
