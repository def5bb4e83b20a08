package org.symdiff.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.symdiff.Symdiff;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Program;
import org.symdiff.ast.Source;
import org.symdiff.ast.Statement;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * The precedence traps of contract section 1, pinned twice: by the tree the parser builds (fully
 * parenthesized) and by the value the whole pipeline computes, so a wrong tree that happens to
 * print right, or a right tree that lowers wrong, both fail.
 */
class ParserPrecedenceTest {
  /** Values for the checks, chosen so that each wrong reading gives a different number. */
  private static final Map<String, Double> POINT =
      Map.of("a", 12.0, "b", 3.0, "c", 2.0, "x", 3.0, "y", 2.0, "z", 3.0);

  @ParameterizedTest(name = "{0} is {1} = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      -x^2      | (-(x ^ 2))          | -9
      2^-x      | (2 ^ (-x))          | 0.125
      x^y^z     | (x ^ (y ^ z))       | 6561
      2^3^2     | (2 ^ (3 ^ 2))       | 512
      -2^2      | (-(2 ^ 2))          | -4
      x^-y^z    | (x ^ (-(y ^ z)))    | 1.5241579027587258e-4
      a-b-c     | ((a - b) - c)       | 7
      a/b/c     | ((a / b) / c)       | 2
      a-b+c     | ((a - b) + c)       | 11
      a+b*c     | (a + (b * c))       | 18
      (a+b)*c   | ((a + b) * c)       | 30
      -x*y      | ((-x) * y)          | -6
      -(-x)     | (-(-x))             | 3
      --x       | (-(-x))             | 3
      +x        | x                   | 3
      -+-x      | (-(-x))             | 3
      2*-x      | (2 * (-x))          | -6
      x*-y^2    | (x * (-(y ^ 2)))    | -12
      a/-b      | (a / (-b))          | -4
      1/2       | (1 / 2)             | 0.5
      1e-3      | 1e-3                | 0.001
      1E+2      | 1E+2                | 100
      .5        | .5                  | 0.5
      2.        | 2.                  | 2
      2.5e1*x   | (2.5e1 * x)         | 75
      max(a,b)^2 | (max(a, b) ^ 2)    | 144
      -sin(x)^2 | (-(sin(x) ^ 2))     | -0.01991485667481699
      """)
  void parsesAndEvaluates(String text, String tree, double value) {
    assertThat(structure(single(text))).isEqualTo(tree);
    assertThat(evaluate(text)).isCloseTo(value, within(1e-12));
  }

  @Test
  void numbersAreDoublesWithTheirSpellingKept() {
    Expr.Number n = (Expr.Number) single("1e-3");
    assertThat(n.value()).isEqualTo(0.001);
    assertThat(n.text()).isEqualTo("1e-3");
    assertThat(((Expr.Number) single(".5")).value()).isEqualTo(0.5);
    assertThat(((Expr.Number) single("2.")).value()).isEqualTo(2.0);
    assertThat(((Expr.Number) single("0.1")).value()).isEqualTo(0.1);
    assertThat(evaluate("7/2")).isEqualTo(3.5);
  }

  @Test
  void inlineProgramSeparatedBySemicolons() {
    Program program = parse("q = x + y; f = q * z");
    assertThat(assignments(program)).containsExactly("q = (x + y)", "f = (q * z)");
    Model model = Symdiff.load(new Source("<expr>", "q = x + y; f = q * z"));
    assertThat(model.outputName()).isEqualTo("f");
    assertThat(model.inputs()).extracting(Node::name).containsExactly("x", "y", "z");
    assertThat(evaluate("q = x + y; f = q * z")).isEqualTo(15);
  }

  @Test
  void programSeparatedByNewlinesAndBlankLinesIsTheSame() {
    List<String> expected = List.of("q = (x + y)", "f = (q * z)");
    assertThat(assignments(parse("q = x + y\nf = q * z"))).isEqualTo(expected);
    assertThat(assignments(parse("q = x + y\r\nf = q * z\r\n"))).isEqualTo(expected);
    assertThat(assignments(parse("\n\nq = x + y;\n\n;f = q * z;\n\n"))).isEqualTo(expected);
    assertThat(evaluate("q = x + y\nf = q * z\n")).isEqualTo(15);
  }

  @Test
  void commentsRunToTheEndOfTheLine() {
    String text = """
        # the computational graph of seed 003
        q = x + y   # a sum gate
        f = q * z   # a product gate; q = 0 would not be read
        # trailing comment""";
    assertThat(assignments(parse(text))).containsExactly("q = (x + y)", "f = (q * z)");
    assertThat(evaluate(text)).isEqualTo(15);
    assertThat(structure(single("x # - y"))).isEqualTo("x");
  }

  @Test
  void inputsOfAnExpressionAreItsFreeNamesInNaturalOrder() {
    Model model = Symdiff.load(new Source("<expr>", "y + x10 + x2 + x"));
    assertThat(model.inputs()).extracting(Node::name).containsExactly("x", "x2", "x10", "y");
  }

  @Test
  void spacesAndTabsAreInsignificant() {
    assertThat(structure(single("\t-  x ^\t2"))).isEqualTo("(-(x ^ 2))");
  }

  private static Program parse(String text) {
    return ProgramParser.parse(new Source("<test>", text));
  }

  private static Expr single(String text) {
    List<Statement> statements = parse(text).statements();
    assertThat(statements).hasSize(1);
    return ((Statement.Evaluate) statements.get(0)).value();
  }

  private static List<String> assignments(Program program) {
    return program.statements().stream()
        .map(s -> (Statement.Assign) s)
        .map(a -> a.name() + " = " + structure(a.value()))
        .toList();
  }

  /** The tree fully parenthesized; a number keeps its spelling, unary plus leaves no trace. */
  private static String structure(Expr e) {
    if (e instanceof Expr.Number n) return n.text();
    if (e instanceof Expr.Name n) return n.name();
    if (e instanceof Expr.Negate n) return "(-" + structure(n.operand()) + ")";
    if (e instanceof Expr.Binary b) {
      return "(" + structure(b.left()) + " " + b.op().symbol + " " + structure(b.right()) + ")";
    }
    if (e instanceof Expr.Index x) {
      return structure(x.base()) + x.subscripts().stream().map(Expr.Subscript::text).collect(Collectors.joining(", ", "[", "]"));
    }
    Expr.Call c = (Expr.Call) e;
    return c.function() + "(" + c.args().stream().map(ParserPrecedenceTest::structure)
        .collect(Collectors.joining(", ")) + ")";
  }

  private static double evaluate(String text) {
    Model model = Symdiff.load(new Source("<test>", text));
    Map<Node, double[]> point = new HashMap<>();
    for (Node input : model.inputs()) point.put(input, new double[] {POINT.get(input.name())});
    return new Evaluator(point).value(model.output())[0];
  }
}
