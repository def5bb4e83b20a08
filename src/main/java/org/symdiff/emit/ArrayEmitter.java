package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.diff.Gradient;
import org.symdiff.emit.ArrayCode.Mode;
import org.symdiff.emit.ArrayCode.Slot;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * Writes a program over vectors and matrices as a Java class whose instances hold their
 * workspace: every intermediate array is a field allocated once, inputs are row-major
 * {@code double[]}, and {@code gradient} writes into arrays the caller owns, so a training loop
 * allocates nothing. The body reads like the scalar case: a forward section storing each value
 * under the program's name, then a backward section of adjoints {@code dX1}, {@code dW1}, with
 * {@code +=} for each further path.
 */
final class ArrayEmitter {
  private final Model model;
  private final Gradient gradient;
  private final LocalNames names;
  private final Syntax language;
  private final ArrayCode.LoopNames loop;
  private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
  private final Map<Node, Slot> workspace = new HashMap<>();

  ArrayEmitter(Model model, Gradient gradient) {
    this.model = model;
    this.gradient = gradient;
    this.names = new LocalNames(model, gradient, List.of());
    this.language = new Syntax(Syntax.Dialect.LANGUAGE, names::atom);
    this.loop = new ArrayCode.LoopNames(names.fresh("i"), names.fresh("j"), names.fresh("k"), names.fresh("p"),
        names.fresh("acc"), names.fresh("max"), names.fresh("sum"));
  }

  JavaFile file(String packageName, String className) {
    MethodSpec value = value();
    MethodSpec gradientMethod = gradientMethod();
    TypeSpec type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(JavaEmitter.classDoc(model, gradient))
        .addJavadoc("<p>Arrays are row-major: $L. An instance keeps its workspace between calls, so\n"
            + "calls allocate nothing; use one instance per thread.\n", shapes(model.inputs()))
        .addFields(fields.values())
        .addMethod(value)
        .addMethod(gradientMethod)
        .addMethods(getters())
        .addMethod(requireLength())
        .build();
    return JavaEmitter.javaFile(packageName, type);
  }

  /**
   * One getter per array the program named, so callers can read predictions or activations of the
   * last call (say, {@code yhat()}) without computing them again.
   */
  private List<MethodSpec> getters() {
    return gradient.forward().stream()
        .filter(gate -> model.names().containsKey(gate) && !gate.shape().isScalar())
        .map(gate -> MethodSpec.methodBuilder(names.value(gate))
            .addModifiers(Modifier.PUBLIC)
            .returns(double[].class)
            .addJavadoc("$L $L from the last call of {@code value} or {@code gradient}: this instance's own array,\n"
                + "overwritten by the next call.\n", model.names().get(gate), gate.shape())
            .addStatement("return $L", names.value(gate))
            .build())
        .toList();
  }

  private static String shapes(List<Node> nodes) {
    return nodes.stream().map(n -> n.name() + " " + n.shape()).collect(Collectors.joining(", "));
  }

  private MethodSpec value() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("value")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("Returns $L.\n", model.outputName());
    addInputs(method);
    CodeBlock.Builder code = CodeBlock.builder();
    checkLengths(code, model.inputs(), false);
    forward(code, Map.of());
    return method.addCode(code.build()).addStatement("return $L", output()).build();
  }

  private MethodSpec gradientMethod() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("gradient")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("Returns $L and writes its gradient with respect to $L into $L, each shaped like its variable.\n",
            model.outputName(), gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", ")),
            gradient.wrt().stream().map(v -> "{@code " + names.adjoint(v) + "}").collect(Collectors.joining(", ")));
    addInputs(method);
    Map<Node, Slot> adjoints = new HashMap<>();
    for (Node v : gradient.wrt()) {
      method.addParameter(double[].class, names.adjoint(v));
      adjoints.put(v, new Slot(names.adjoint(v), v.shape(), true));
    }
    CodeBlock.Builder code = CodeBlock.builder();
    checkLengths(code, model.inputs(), false);
    checkLengths(code, gradient.wrt(), true);
    ArrayCode arrays = forward(code, adjoints);
    backward(code, arrays, adjoints);
    return method.addCode(code.build()).addStatement("return $L", output()).build();
  }

  /** The output as Java: its local, or a number when the program's output is a constant. */
  private String output() {
    return new Syntax(Syntax.Dialect.JAVA, names::value).print(gradient.output());
  }

  private void addInputs(MethodSpec.Builder method) {
    for (Node input : model.inputs()) {
      method.addParameter(input.shape().isScalar() ? double.class : double[].class, names.value(input));
    }
  }

  private void checkLengths(CodeBlock.Builder code, List<Node> variables, boolean gradients) {
    for (Node v : variables) {
      if (v.shape().isScalar() && !gradients) continue;
      String name = gradients ? names.adjoint(v) : names.value(v);
      code.addStatement("requireLength($L, $L, $S)", name, v.shape().size(), name + " " + v.shape());
    }
  }

  private MethodSpec requireLength() {
    return MethodSpec.methodBuilder("requireLength")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(double[].class, "array")
        .addParameter(int.class, "length")
        .addParameter(String.class, "what")
        .beginControlFlow("if (array.length != length)")
        .addStatement("throw new IllegalArgumentException(what + $S + length + $S + array.length)",
            " needs ", " numbers, not ")
        .endControlFlow()
        .build();
  }

  private ArrayCode forward(CodeBlock.Builder code, Map<Node, Slot> adjoints) {
    Map<Node, Slot> inputs = new HashMap<>();
    for (Node input : model.inputs()) inputs.put(input, new Slot(names.value(input), input.shape(), !input.shape().isScalar()));
    ArrayCode arrays = new ArrayCode(code, loop, inputs, adjoints, this::workspace);
    for (Node gate : gradient.forward()) {
      Slot slot = field(gate, names.value(gate));
      arrays.define(gate, slot, slot.array() ? Mode.ASSIGN : Mode.DECLARE);
    }
    return arrays;
  }

  private void backward(CodeBlock.Builder code, ArrayCode arrays, Map<Node, Slot> adjoints) {
    Set<Node> written = new HashSet<>();
    Node output = gradient.output();
    code.add("\n// backward: d<v> = d$L/d<v>, from the output down\n", model.outputName());
    if (!gradient.steps().isEmpty()) {
      adjoints.put(output, new Slot(names.adjoint(output), Shape.SCALAR, false));
      code.addStatement("double $L = 1.0", names.adjoint(output));
      written.add(output);
    }
    for (Gradient.Step step : gradient.steps()) {
      code.add("// $L = $L\n", names.value(step.gate()), language.definition(step.gate()));
      for (Gradient.Contribution c : step.contributions()) {
        Slot slot = adjoints.computeIfAbsent(c.target(), t -> field(t, names.adjoint(t)));
        Mode mode = !written.add(c.target()) ? Mode.ACCUMULATE
            : slot.array() ? Mode.ASSIGN : Mode.DECLARE;
        arrays.assign(slot, c.expression(), mode);
      }
    }
    for (Node v : gradient.wrt()) {
      if (written.contains(v)) continue;
      if (v == output) {
        // the output is this (scalar) variable itself: there is no gate to walk back through
        code.addStatement("$L[0] = 1.0", names.adjoint(v));
        continue;
      }
      code.add("// $L does not affect $L\n", v.name(), model.outputName());
      code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", loop.k(), loop.k(), v.shape().size(), loop.k());
      code.addStatement("$L[$L] = 0.0", names.adjoint(v), loop.k());
      code.endControlFlow();
    }
  }

  /** A field for a tensor (allocated once), or a local for a scalar. */
  private Slot field(Node n, String name) {
    if (n.shape().isScalar()) return new Slot(name, Shape.SCALAR, false);
    fields.computeIfAbsent(name, k -> FieldSpec.builder(double[].class, name, Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new double[$L]", n.shape().size())
        .addJavadoc("$L, shape $L\n", name, n.shape())
        .build());
    return new Slot(name, n.shape(), true);
  }

  private Slot workspace(Node n) {
    return workspace.computeIfAbsent(n, k -> field(k, names.freshFor(k, model.names())));
  }
}
