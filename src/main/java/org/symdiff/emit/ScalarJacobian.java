package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.diff.Tangents;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Nodes;
import org.symdiff.graph.Op;

/**
 * The class of a scalar program with several outputs ({@code output f, g}): {@code value} writes the
 * outputs, {@code jacobian} writes J, row-major, rows = outputs, columns = the {@code --wrt}
 * variables. One forward section, then per row a backward section (reverse mode), or, when there
 * are fewer columns than rows, per column a tangent section (forward mode); a comment says which.
 * Each row's or column's locals live in a block of their own, so the names repeat as in the notes.
 */
final class ScalarJacobian {
  private final Model model;
  private final List<Node> wrt;
  private final List<Node> outputs;
  private final List<Gradient> rows = new ArrayList<>();
  private final LocalNames names;
  private final Syntax language;
  private final Syntax java;
  private final boolean forwardMode;
  /** The tangent sections' expressions (forward mode), for the helpers they call. */
  private final List<Node> tangentExpressions = new ArrayList<>();

  ScalarJacobian(Model model, List<Node> wrt) {
    this.model = model;
    this.wrt = wrt;
    this.outputs = model.outputs().stream().map(Model.Output::value).toList();
    List<Gradient.Step> steps = new ArrayList<>();
    for (Node out : outputs) {
      Gradient row = ReverseSweep.differentiate(model.graph(), out, wrt);
      rows.add(row);
      steps.addAll(row.steps());
    }
    List<Node> forward = Nodes.reachable(outputs).stream().filter(n -> !n.op().isLeaf()).toList();
    // one naming for every row: each value and adjoint has one name in all blocks
    this.names = new LocalNames(model, new Gradient(outputs.get(0), wrt, forward, steps), List.of("out", "J", "in"));
    this.language = new Syntax(Syntax.Dialect.LANGUAGE, names::atom);
    this.java = new Syntax(Syntax.Dialect.JAVA, names::atom);
    this.forwardMode = wrt.size() < outputs.size();
  }

  /**
   * The most statements the {@code jacobian} method holds: the JVM's 64 KB of bytecode per method at
   * about 10 bytes a statement (a larger Jacobian is better written over arrays, one loop a statement).
   */
  private static final long MAX_STATEMENTS = 5_000;

  JavaFile file(String packageName, String className) {
    long statements = Nodes.reachable(outputs).size() + (forwardMode ? (long) wrt.size() * Nodes.reachable(outputs).size()
        : rows.stream().mapToLong(JavaEmitter::statements).sum());
    if (model.inputs().size() > JavaEmitter.MAX_SCALAR_PARAMETERS || statements > MAX_STATEMENTS) {
      throw new SourceError(model.source(), Span.NONE, String.format("the Jacobian of %d outputs of %d inputs needs about"
          + " %,d statements in one method (at most %,d) and at most %d parameters: write the function over arrays"
          + " (an input x[n] and a vector output r become loops)", outputs.size(), model.inputs().size(), statements,
          MAX_STATEMENTS, JavaEmitter.MAX_SCALAR_PARAMETERS));
    }
    String order = model.outputs().stream().map(Model.Output::name).collect(Collectors.joining(", "));
    String columns = wrt.stream().map(Node::name).collect(Collectors.joining(", "));
    TypeSpec.Builder type = TypeSpec.classBuilder(className).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Values and Jacobian of $L, computed from\n<pre>\n$L\n</pre>\n", order,
            JavaEmitter.escapeForJavadoc(model.source().text().strip()))
        .addJavadoc("<p>Inputs: $L. Rows of the Jacobian: $L. Columns: $L.\n<p>$L\n",
            model.inputs().stream().map(Node::name).collect(Collectors.joining(", ")), order, columns, Docs.wrap(mode()));
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    String out = names.parameter("out");
    String j = names.parameter("J");
    MethodSpec.Builder value = method("value", "Writes $L into {@code $L}.\n", order, out).addParameter(double[].class, out);
    value.addCode(forward());
    for (int k = 0; k < outputs.size(); k++) value.addStatement("$L[$L] = $L", out, k, java.print(outputs.get(k)));
    type.addMethod(value.build());
    MethodSpec.Builder jacobian = method("jacobian", "Writes the Jacobian of $L with respect to $L into {@code $L}, row-major,"
        + " $L x $L.\n", order, columns, j, outputs.size(), wrt.size()).addParameter(double[].class, j);
    jacobian.addCode(forward()).addCode(forwardMode ? columns(j) : rows(j));
    type.addMethod(jacobian.build());
    List<Node> computed = new ArrayList<>(outputs);
    rows.forEach(row -> row.steps().forEach(st -> st.contributions().forEach(c -> computed.add(c.expression()))));
    computed.addAll(tangentExpressions);
    Helpers.addTo(type, rows.get(0), computed);
    return JavaEmitter.javaFile(packageName, type.build());
  }

  private String mode() {
    int r = outputs.size();
    int c = wrt.size();
    return forwardMode
        ? "Forward mode: one tangent section per column (" + c + " inputs), fewer than the backward sections reverse mode needs (" + r + " outputs)."
        : "Reverse mode: one backward section per row (" + r + " outputs), no more than the tangent sections forward mode needs (" + c + " inputs).";
  }

  private MethodSpec.Builder method(String name, String doc, Object... args) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC).addJavadoc(doc, args);
    for (Node input : model.inputs()) m.addParameter(double.class, names.value(input));
    return m;
  }

  private CodeBlock forward() {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Node gate : Nodes.reachable(outputs)) {
      if (!gate.op().isLeaf()) code.addStatement("double $L = $L", names.value(gate), java.definition(gate));
    }
    return code.build();
  }

  /** Reverse mode: per output, its backward section in a block, then its row of J. */
  private CodeBlock rows(String j) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (int k = 0; k < outputs.size(); k++) {
      Gradient row = rows.get(k);
      code.add("\n// row $L: d<v> = d$L/d<v>, from $L down\n{\n$>", k, model.outputs().get(k).name(), model.outputs().get(k).name());
      Set<Node> written = new HashSet<>();
      if (ScalarBackward.isSeeded(row)) {
        code.addStatement("double $L = 1.0", names.adjoint(row.output()));
        written.add(row.output());
      }
      for (Gradient.Step step : row.steps()) {
        code.add("// $L = $L\n", names.value(step.gate()), language.definition(step.gate()));
        for (Gradient.Contribution c : step.contributions()) {
          String share = java.print(c.expression());
          if (written.add(c.target())) code.addStatement("double $L = $L", names.adjoint(c.target()), share);
          else code.addStatement("$L += $L", names.adjoint(c.target()), share);
        }
      }
      for (int i = 0; i < wrt.size(); i++) {
        code.addStatement("$L[$L] = $L", j, k * wrt.size() + i, written.contains(wrt.get(i)) ? names.adjoint(wrt.get(i)) : "0.0");
      }
      code.add("$<}\n");
    }
    return code.build();
  }

  /** Forward mode: per input, its tangent section in a block (that input's tangent 1, the others' 0), then its column of J. */
  private CodeBlock columns(String j) {
    CodeBlock.Builder code = CodeBlock.builder();
    List<Node> gates = Nodes.reachable(outputs).stream().filter(n -> !n.op().isLeaf()).toList();
    for (int i = 0; i < wrt.size(); i++) {
      Node v = wrt.get(i);
      Tangents column = Tangents.forward(model.graph(), List.of(v), gates, n -> true);
      Syntax tangents = new Syntax(Syntax.Dialect.JAVA, n -> n.op() == Op.TANGENT ? names.tangent(n) : names.atom(n));
      code.add("\n// column $L: <v>Dot = d<v>/d$L\n{\n$>", i, v.name());
      code.addStatement("double $L = 1.0", names.tangent(column.directions().get(v)));
      Set<Node> moved = new HashSet<>(List.of(v));
      for (Tangents.Step step : column.forward()) {
        tangentExpressions.add(step.expression());
        Node gate = step.leaf().target();
        moved.add(gate);
        code.add("// $L = $L\n", names.value(gate), language.definition(gate));
        code.addStatement("double $L = $L", names.tangent(step.leaf()), tangents.print(step.expression()));
      }
      for (int k = 0; k < outputs.size(); k++) {
        Node out = outputs.get(k);
        code.addStatement("$L[$L] = $L", j, k * wrt.size() + i, moved.contains(out) ? names.tangent(model.graph().tangent(out)) : "0.0");
      }
      code.add("$<}\n");
    }
    return code.build();
  }
}
