package org.symdiff.emit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.StatementGradient;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * {@code --emit markdown} and {@code --emit latex}: the forward pass and the backward pass as two
 * tables, one equation per row, as in seed 000. A forward row is a statement as the program wrote
 * it; a backward row is one adjoint, at the step where it is complete, as the local chain-rule
 * step in the program's names: one term per statement that reads the value
 * ({@code dL/dW2 = dL/dz2 a1^T}). With a point, each row also shows its numbers.
 */
public final class TableEmitter {
  public enum Format { MARKDOWN, LATEX }

  /** How to write the tables: the format, whether LaTeX gets a whole document, where layer numbers go. */
  public record Options(Format format, boolean standalone, boolean layerSuperscripts) {}

  private record Row(String step, String equation, String numbers) {}

  private final Model model;
  private final StatementGradient program;
  private final Latex latex;
  private final Options options;
  /** Values at the point, by name: of each statement, and of each adjoint (null: no point). */
  private final Map<String, String> forwardNumbers;
  private final Map<String, String> adjointNumbers;

  private TableEmitter(Model model, Gradient gradient, Options options, Map<String, String> forwardNumbers,
      Map<String, String> adjointNumbers) {
    this.model = model;
    this.program = StatementGradient.of(model, gradient);
    this.latex = new Latex(model, options.layerSuperscripts() ? Latex.Layers.SUPERSCRIPT : Latex.Layers.SUBSCRIPT);
    this.options = options;
    this.forwardNumbers = forwardNumbers;
    this.adjointNumbers = adjointNumbers;
  }

  /** The tables of {@code model}'s program and its backward pass. */
  public static String emit(Model model, Gradient gradient, Options options) {
    return new TableEmitter(model, gradient, options, null, null).render();
  }

  /**
   * The tables with the numbers at a point: {@code instance} is {@code model} with its runtime
   * dimensions fixed and {@code instanceGradient} its gradient (with respect to the same variables).
   */
  public static String emit(Model model, Gradient gradient, Options options, Model instance, Gradient instanceGradient,
      Map<Node, double[]> point) {
    Evaluator evaluator = new Evaluator(point);
    Map<String, String> forward = new HashMap<>();
    for (Model.Assignment a : instance.assignments()) {
      forward.put(a.name(), Values.describe(evaluator.value(a.value()), a.value().shape()));
    }
    evaluator.value(instanceGradient.output());
    evaluator.backward(instanceGradient);
    Map<String, String> adjoints = new HashMap<>();
    for (Model.Assignment a : instance.assignments()) {
      double[] adjoint = evaluator.adjoint(a.value());
      if (adjoint != null) adjoints.put(a.name(), Values.describe(adjoint, a.value().shape()));
    }
    for (Node input : instance.inputs()) {
      double[] adjoint = evaluator.adjoint(input);
      adjoints.put(input.name(), Values.describe(adjoint != null ? adjoint : new double[input.shape().size()], input.shape()));
    }
    return new TableEmitter(model, gradient, options, forward, adjoints).render();
  }

  private String render() {
    StringBuilder out = new StringBuilder();
    if (options.format() == Format.LATEX && options.standalone()) {
      out.append("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n\n");
    }
    table(out, "Forward pass step", forwardRows());
    out.append('\n');
    table(out, "Backward pass step", backwardRows());
    if (options.format() == Format.LATEX && options.standalone()) out.append("\n\\end{document}\n");
    return out.toString();
  }

  private List<Row> forwardRows() {
    List<Row> rows = new ArrayList<>();
    List<Model.Assignment> statements = model.assignments();
    for (int s = 0; s < statements.size(); s++) {
      Model.Assignment a = statements.get(s);
      rows.add(new Row("(" + (s + 1) + ")", latex.name(a.name()) + " = " + latex.written(a.written()), number(forwardNumbers,
          a.name())));
    }
    return rows;
  }

  /**
   * The output's row, then one row per adjoint when its last contribution is in: the sum of one term
   * per statement that reads the value, labelled with that statement's step.
   */
  private List<Row> backwardRows() {
    Map<Node, List<Node>> terms = new LinkedHashMap<>();
    Map<Node, StatementGradient.Region> last = new HashMap<>();
    for (StatementGradient.Region region : program.regions()) {
      for (Gradient.Contribution c : region.contributions()) {
        terms.computeIfAbsent(c.target(), t -> new ArrayList<>()).add(c.expression());
        last.put(c.target(), region);
      }
    }
    List<Row> rows = new ArrayList<>();
    String output = model.outputName();
    rows.add(new Row("(" + step(program.gradient().output()) + ")", latex.adjoint(output) + " = 1",
        adjointNumbers == null ? null : "1"));
    for (StatementGradient.Region region : program.regions()) {
      List<Node> complete = new ArrayList<>();
      for (Gradient.Contribution c : region.contributions()) {
        if (last.get(c.target()) == region && (named(c.target()) != null)) complete.add(c.target());
      }
      // values before inputs (the latest first), inputs in the order they were declared
      complete.sort(java.util.Comparator.comparingInt((Node n) -> n.op().isLeaf() ? 1 : 0)
          .thenComparingInt(n -> n.op().isLeaf() ? model.inputs().indexOf(n) : -n.id()));
      for (int k = 0; k < complete.size(); k++) {
        Node target = complete.get(k);
        String label = step(region.root()) + (complete.size() > 1 ? Character.toString((char) ('a' + k)) : "");
        String sum = String.join(" + ", terms.get(target).stream().map(t -> latex.node(t, this::named)).toList())
            .replace("+ -", "- ");
        rows.add(new Row("(" + label + ")", latex.adjoint(named(target)) + " = " + sum, number(adjointNumbers,
            named(target))));
      }
    }
    return rows;
  }

  /** The program's name of a node: a named value's, or an input's. */
  private String named(Node n) {
    if (n.op().isLeaf()) return n.op() == org.symdiff.graph.Op.VARIABLE ? n.name() : null;
    return model.names().get(n);
  }

  /** The forward step (1-based) of the statement that computes {@code gate}. */
  private int step(Node gate) {
    Model.Assignment owner = program.owners().get(gate);
    return owner == null ? model.assignments().size() : model.assignments().indexOf(owner) + 1;
  }

  private static String number(Map<String, String> numbers, String name) {
    return numbers == null ? null : numbers.getOrDefault(name, "");
  }

  private void table(StringBuilder out, String heading, List<Row> rows) {
    boolean numbers = forwardNumbers != null;
    if (options.format() == Format.MARKDOWN) {
      out.append("| ").append(heading).append(" | Symbolic equation |").append(numbers ? " At the point |" : "").append('\n');
      out.append("| ---: | --- |").append(numbers ? " --- |" : "").append('\n');
      for (Row r : rows) {
        out.append("| ").append(r.step()).append(" | $").append(r.equation()).append("$ |")
            .append(numbers ? " " + r.numbers() + " |" : "").append('\n');
      }
      return;
    }
    out.append("\\begin{tabular}{rl").append(numbers ? "l" : "").append("}\n\\hline\n")
        .append(heading).append(" & Symbolic equation").append(numbers ? " & At the point" : "").append(" \\\\\n\\hline\n");
    for (Row r : rows) {
      out.append(r.step()).append(" & $").append(r.equation()).append("$")
          .append(numbers ? " & $" + Values.latex(r.numbers()) + "$" : "").append(" \\\\\n");
    }
    out.append("\\hline\n\\end{tabular}\n");
  }
}
