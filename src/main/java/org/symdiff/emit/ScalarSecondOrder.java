package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.Tangents;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * The second-order methods of a scalar class, forward over reverse: after the forward and backward
 * sections, a tangent section differentiates both along a direction v, one line per step under the
 * statement it differentiates; {@code <name>Dot} is the derivative of {@code <name>} along v, so
 * the tangents of the adjoints of the inputs, {@code dxDot}, are H v. {@code hvp} runs it once;
 * {@code hessian} runs it in a loop over the unit vectors, one column of H per turn (the sections
 * are written once, not n times, so the class grows linearly with the function).
 */
final class ScalarSecondOrder {
  private final Model model;
  private final Gradient gradient;
  private final LocalNames names;
  private final Syntax language;
  private final List<JavaEmitter.Line> forward;
  private final List<JavaEmitter.Line> backward;
  private final List<ParameterSpec> inputs;
  private final List<JavaEmitter.Line> tangentForward = new ArrayList<>();
  private final List<JavaEmitter.Line> tangentBackward = new ArrayList<>();
  private final Tangents.Sweep sweep;
  /** Every tangent expression the sections print, for the helpers they call. */
  private final List<Node> expressions = new ArrayList<>();

  ScalarSecondOrder(Model model, Gradient gradient, LocalNames names, Syntax language, List<JavaEmitter.Line> forward,
      List<JavaEmitter.Line> backward, List<ParameterSpec> inputs) {
    this.model = model;
    this.gradient = gradient;
    this.names = names;
    this.language = language;
    this.forward = forward;
    this.backward = backward;
    this.inputs = inputs;
    this.sweep = new Tangents.Sweep(model.graph(), gradient.wrt());
    Syntax java = new Syntax(Syntax.Dialect.JAVA, this::javaName);
    List<Tangents.Step> forwardSteps = sweep.forward(gradient.forward(), n -> true);
    List<List<Tangents.Step>> backwardSteps = new ArrayList<>();
    List<Node> readers = new ArrayList<>();
    for (Gradient.Step s : gradient.steps()) {
      List<Tangents.Step> steps = sweep.backward(s.contributions());
      backwardSteps.add(steps);
      steps.forEach(st -> readers.add(st.expression()));
    }
    // only the tangents the backward section's tangents read: the output's own is not part of H v
    expressions.addAll(readers);
    for (Tangents.Step step : Tangents.needed(forwardSteps, readers)) {
      expressions.add(step.expression());
      Node gate = step.leaf().target();
      tangentForward.add(new JavaEmitter.Line("// " + statement(gate) + "\n",
          "double " + names.tangent(step.leaf()) + " = " + java.print(step.expression()) + ";", ""));
    }
    Set<Node> declared = new HashSet<>();
    for (int k = 0; k < gradient.steps().size(); k++) {
      Gradient.Step s = gradient.steps().get(k);
      String heading = "// " + statement(s.gate()) + "\n";
      for (Tangents.Step step : backwardSteps.get(k)) {
        String name = names.tangent(step.leaf());
        String share = java.print(step.expression());
        String code = declared.add(step.leaf()) ? "double " + name + " = " + share + ";" : name + " += " + share + ";";
        tangentBackward.add(new JavaEmitter.Line(heading, code, ""));
        heading = "";
      }
    }
  }

  List<Node> expressions() {
    return expressions;
  }

  private String javaName(Node n) {
    if (n.op() == Op.ADJOINT) return names.adjoint(n.target());
    if (n.op() == Op.TANGENT) return names.tangent(n);
    return names.value(n);
  }

  private String statement(Node gate) {
    return names.value(gate) + " = " + language.definition(gate);
  }

  private String order() {
    return gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", "));
  }

  /** {@code hvp(inputs, v, Hv)}: returns the value and writes H v. */
  MethodSpec hvp() {
    String v = names.parameter("v");
    String hv = names.parameter("Hv");
    MethodSpec.Builder method = method("hvp", "Returns $L and writes the Hessian-vector product H v into {@code $L}; {@code $L} and"
        + " {@code $L} are in the order $L.\n<p>Forward over reverse: the tangent section differentiates the forward and"
        + " backward sections along v ({@code <name>Dot} is the derivative of {@code <name>} along v), so H v is the\n"
        + "tangents of the inputs' adjoints.\n", model.outputName(), hv, v, hv, order());
    method.addParameters(inputs).addParameter(double[].class, v).addParameter(double[].class, hv);
    sections(method);
    CodeBlock.Builder code = CodeBlock.builder().add("\n// tangent: <v>Dot = the derivative of <v> along v\n");
    for (int i = 0; i < gradient.wrt().size(); i++) {
      code.addStatement("double $L = $L[$L]", names.tangent(sweep.directions().get(gradient.wrt().get(i))), v, i);
    }
    tangent(code);
    for (int i = 0; i < gradient.wrt().size(); i++) code.addStatement("$L[$L] = $L", hv, i, result(gradient.wrt().get(i)));
    return method.addCode(code.build()).addStatement("return $L", outputValue()).build();
  }

  /** {@code hessian(inputs, H)}: returns the value and writes the n x n Hessian, row-major. */
  MethodSpec hessian() {
    String h = names.parameter("H");
    int n = gradient.wrt().size();
    MethodSpec.Builder method = method("hessian", "Returns $L and writes its Hessian into {@code $L}, row-major, $L x $L, rows and"
        + " columns in the order $L.\n<p>Column j is H e_j: the tangent section of {@code hvp} along the unit vector"
        + " e_j, in a loop\n(H is symmetric, so column j is also row j).\n", model.outputName(), h, n, n, order());
    method.addParameters(inputs).addParameter(double[].class, h);
    sections(method);
    String j = names.fresh("j");
    CodeBlock.Builder code = CodeBlock.builder()
        .add("\n// tangent along e_$L: <v>Dot = the derivative of <v> along the $L-th input\n", j, j)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j);
    for (int i = 0; i < n; i++) {
      code.addStatement("double $L = $L == $L ? 1.0 : 0.0", names.tangent(sweep.directions().get(gradient.wrt().get(i))), j, i);
    }
    tangent(code);
    for (int i = 0; i < n; i++) {
      code.addStatement("$L[$L] = $L", h, i == 0 ? j : (i * n) + " + " + j, result(gradient.wrt().get(i)));
    }
    code.endControlFlow();
    return method.addCode(code.build()).addStatement("return $L", outputValue()).build();
  }

  private String outputValue() {
    return new Syntax(Syntax.Dialect.JAVA, names::value).print(gradient.output());
  }

  private String result(Node v) {
    Node leaf = sweep.results().get(v);
    return leaf == null ? "0.0" : names.tangent(leaf);
  }

  private void sections(MethodSpec.Builder method) {
    forward.forEach(line -> method.addCode(line.block()));
    backward.forEach(line -> method.addCode(line.block()));
  }

  private void tangent(CodeBlock.Builder code) {
    tangentForward.forEach(line -> code.add(line.block()));
    if (!tangentBackward.isEmpty()) code.add("// backward, differentiated: d<v>Dot = the derivative of d<v> along v\n");
    tangentBackward.forEach(line -> code.add(line.block()));
  }

  private static MethodSpec.Builder method(String name, String javadoc, Object... args) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(double.class)
        .addJavadoc(javadoc, args);
  }
}
