package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.StatementGradient;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * The public face of an array class and its checks: {@code value} and {@code gradient} over the
 * program's inputs, the getters of named values, and {@code prepare}, which reads each runtime
 * dimension from the length of the first array that fixes it (or takes it as an {@code int}
 * parameter when none does), checks every array's length and grows the workspace when needed.
 */
final class ArraySignatures {
  /** A runtime dimension read off an array: its length divided by the other dimensions' product. */
  private record Derivation(String dim, Node input, String per) {}

  private final Model model;
  private final Gradient gradient;
  private final LocalNames names;
  private final Sizes sizes;
  private final Map<String, String> capacities;
  private final List<Derivation> derived = new ArrayList<>();
  private final List<String> explicit = new ArrayList<>();
  private final List<Node> arrayInputs;
  private final LengthChecks lengthChecks;

  ArraySignatures(Model model, Gradient gradient, LocalNames names, Sizes sizes, Sizes capacity,
      Map<String, String> capacities) {
    this.model = model;
    this.gradient = gradient;
    this.names = names;
    this.sizes = sizes;
    this.capacities = capacities;
    this.arrayInputs = model.inputs().stream().filter(n -> !n.shape().isScalar()).toList();
    this.lengthChecks = new LengthChecks(model.runtimeDims(), names, sizes);
    deriveDims();
  }

  /** The runtime dimensions no input's length fixes: an array class takes them as leading {@code int} parameters. */
  static List<String> explicitDims(Model model) {
    return new ArraySignatures(model, null, null, new Sizes(d -> d), null, Map.of()).explicit;
  }

  private void deriveDims() {
    Set<String> known = new LinkedHashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Node input : arrayInputs) {
        List<String> unknown = input.shape().dims().stream().filter(d -> !d.isFixed() && !known.contains(d.name()))
            .map(Dim::name).toList();
        if (unknown.size() != 1) continue;
        String dim = unknown.get(0);
        String per = "1";
        for (Dim d : input.shape().dims()) if (d.isFixed() || !d.name().equals(dim)) per = Sizes.times(per, sizes.of(d));
        derived.add(new Derivation(dim, input, per));
        known.add(dim);
        progress = true;
      }
    }
    for (String dim : model.runtimeDims()) if (!known.contains(dim)) explicit.add(dim);
  }

  List<FieldSpec> dimFields() {
    List<FieldSpec> fields = new ArrayList<>();
    for (String dim : model.runtimeDims()) {
      fields.add(FieldSpec.builder(int.class, names.dim(dim), Modifier.PRIVATE).build());
      fields.add(FieldSpec.builder(int.class, capacities.get(dim), Modifier.PRIVATE).build());
    }
    return fields;
  }

  /** The class's layout: arrays and their shapes, where each runtime dimension comes from, the workspace. */
  CodeBlock layoutDoc(List<String> workspace) {
    StringBuilder doc = new StringBuilder("<p>Arrays are row-major: ").append(model.inputs().stream()
        .filter(n -> !n.shape().isScalar()).map(n -> n.name() + " " + n.shape()).collect(Collectors.joining(", ")))
        .append('.');
    for (Derivation d : derived) {
      doc.append(" ").append(d.dim()).append(" is the length of {@code ").append(names.value(d.input())).append("}")
          .append(d.per().equals("1") ? "" : " divided by " + d.per()).append('.');
    }
    for (String dim : explicit) doc.append(" ").append(dim).append(" is given as the parameter {@code int ").append(names.dim(dim)).append("}.");
    doc.append("\n<p>An instance keeps its workspace (").append(String.join(", ", workspace)).append(") between calls");
    if (!model.runtimeDims().isEmpty()) {
      doc.append(" and grows it only for a larger ").append(String.join(" or ", model.runtimeDims())).append(" than before");
    }
    doc.append(", so calls at a steady size allocate nothing; use one instance per thread.\n");
    return CodeBlock.of("$L", Docs.wrap(doc.toString()));
  }

  private void inputParameters(MethodSpec.Builder method, Collection<Node> inputs) {
    for (Node input : model.inputs()) {
      if (!inputs.contains(input)) continue;
      method.addParameter(input.shape().isScalar() ? double.class : double[].class, names.value(input));
    }
  }

  private void dimParameters(MethodSpec.Builder method) {
    for (String dim : explicit) method.addParameter(int.class, names.dim(dim));
  }

  private String arguments(Collection<Node> inputs, boolean dims, Collection<Slot> more) {
    List<String> args = new ArrayList<>();
    if (dims) explicit.forEach(d -> args.add(names.dim(d)));
    for (Node input : model.inputs()) if (inputs.contains(input)) args.add(names.value(input));
    more.forEach(s -> args.add(s.name()));
    return String.join(", ", args);
  }

  boolean hasPrepare() {
    return !arrayInputs.isEmpty() || !explicit.isEmpty();
  }

  private Set<Node> forwardInputs;

  MethodSpec value() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("value")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("Returns $L.\n", model.outputName());
    dimParameters(method);
    inputParameters(method, model.inputs());
    if (hasPrepare()) method.addStatement("prepare($L)", arguments(arrayInputs, true, List.of()));
    return method.addStatement("return forward($L)", arguments(forwardInputs, false, List.of())).build();
  }

  private Set<Node> backwardInputs;

  /**
   * {@code gradient}: {@code forward}, then {@code backward}; or {@code backward} alone when it is
   * {@code fused} (it computes the forward section's one loop with its own and returns the output).
   */
  MethodSpec gradient(Collection<Slot> gradients, boolean fused) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("gradient")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("$L", Docs.wrap("Returns " + model.outputName() + " and writes its gradient with respect to "
            + gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", ")) + " into "
            + gradients.stream().map(s -> "{@code " + s.name() + "}").collect(Collectors.joining(", "))
            + ", each shaped like its variable.\n"));
    dimParameters(method);
    inputParameters(method, model.inputs());
    gradients.forEach(s -> method.addParameter(double[].class, s.name()));
    if (hasPrepare()) method.addStatement("prepare($L)", arguments(arrayInputs, true, List.of()));
    for (Slot g : gradients) lengthChecks.requireLength(method, g);
    if (fused) return method.addStatement("return backward($L)", arguments(backwardInputs, false, gradients)).build();
    Node output = gradient.output();
    String result = output.op().isLeaf() ? names.fresh("result") : names.name(output);
    method.addStatement("double $L = forward($L)", result, arguments(forwardInputs, false, List.of()));
    method.addStatement("backward($L)", arguments(backwardInputs, false, gradients));
    return method.addStatement("return $L", result).build();
  }

  /**
   * {@code hvp}: the value, and H v written into {@code results} for the direction {@code directions}
   * (one array per wrt variable each), after the forward section and the backward one less the gradient.
   */
  MethodSpec hvp(Set<Node> adjointInputs, Collection<Slot> directions, Collection<Slot> results, Set<Node> tangentInputs) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("hvp").addModifiers(Modifier.PUBLIC).returns(double.class)
        .addJavadoc("$L", Docs.wrap("Returns " + model.outputName() + " and writes the Hessian-vector product H v into "
            + codes(results) + " for the direction v given as " + codes(directions) + ", each shaped like its variable ("
            + gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", ")) + "). Forward over reverse:"
            + " after forward and backward, the tangent section differentiates both along v.\n"));
    dimParameters(method);
    inputParameters(method, model.inputs());
    directions.forEach(d -> method.addParameter(double[].class, d.name()));
    results.forEach(r -> method.addParameter(double[].class, r.name()));
    if (hasPrepare()) method.addStatement("prepare($L)", arguments(arrayInputs, true, List.of()));
    for (Slot d : directions) lengthChecks.requireLength(method, d);
    for (Slot r : results) lengthChecks.requireLength(method, r);
    Node output = gradient.output();
    String result = output.op().isLeaf() ? names.fresh("result") : names.name(output);
    method.addStatement("double $L = forward($L)", result, arguments(forwardInputs, false, List.of()));
    method.addStatement("adjoints($L)", arguments(adjointInputs, false, List.of()));
    List<Slot> more = new ArrayList<>(directions);
    more.addAll(results);
    method.addStatement("tangent($L)", arguments(tangentInputs, false, more));
    return method.addStatement("return $L", result).build();
  }

  String outputName() {
    return model.outputName();
  }

  /** A public void method over the runtime dimensions no array fixes and the inputs, for the Jacobian class. */
  MethodSpec.Builder publicMethod(String name, String javadoc) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).addJavadoc("$L", javadoc);
    dimParameters(method);
    inputParameters(method, model.inputs());
    return method;
  }

  /** {@code prepare(...)}, then the length check of the array the caller passes as {@code name}. */
  void prepareAndCheck(MethodSpec.Builder method, String name, String length) {
    if (hasPrepare()) method.addStatement("prepare($L)", arguments(arrayInputs, true, List.of()));
    lengthChecks.requireLength(method, name, length);
  }

  /** The arguments of a call passing {@code inputs} (the ones a private method reads) and then {@code more}. */
  String argumentsOf(Set<Node> inputs, Collection<Slot> more) {
    return arguments(inputs, false, more);
  }

  /** The private {@code tangent} method of a Jacobian class: the tangent section over the workspace's directions. */
  MethodSpec tangent(Set<Node> inputs, CodeBlock body) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("tangent").addModifiers(Modifier.PRIVATE)
        .addJavadoc("The tangents <v>Dot of the forward section's values along the directions in the workspace (one\n"
            + "column of the Jacobian), after {@code forward} at the same inputs.\n");
    inputParameters(method, inputs);
    return method.addCode(dimLocals(body)).addCode(body).build();
  }

  /** The private {@code adjoints} method: the backward section without the gradient's products. */
  MethodSpec adjoints(Set<Node> inputs, CodeBlock body) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("adjoints").addModifiers(Modifier.PRIVATE)
        .addJavadoc("The adjoints d<v> = d$L/d<v> of the program's values, as {@code backward} computes them, but not\n"
            + "the gradient: what {@code tangent} reads.\n", model.outputName());
    inputParameters(method, inputs);
    return method.addCode(dimLocals(body)).addCode(body).build();
  }

  /** The private {@code tangent} method: the tangent section, after {@code forward} and {@code backward}. */
  MethodSpec tangent(Set<Node> inputs, Collection<Slot> directions, Collection<Slot> results, CodeBlock body) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("tangent").addModifiers(Modifier.PRIVATE)
        .addJavadoc("The tangents <v>Dot, derivatives along the direction v, of the forward section's values and then of the\n"
            + "backward section's adjoints, after {@code forward} and {@code backward} at the same inputs.\n");
    inputParameters(method, inputs);
    directions.forEach(d -> method.addParameter(double[].class, d.name()));
    results.forEach(r -> method.addParameter(double[].class, r.name()));
    return method.addCode(dimLocals(body)).addCode(body).build();
  }

  private static String codes(Collection<Slot> slots) {
    return slots.stream().map(s -> "{@code " + s.name() + "}").collect(Collectors.joining(", "));
  }

  /** One getter per value the program named (the output aside): a copy of it from the last call. */
  List<MethodSpec> getters(StatementGradient program, Function<Node, Slot> slots) {
    List<MethodSpec> getters = new ArrayList<>();
    for (Model.Assignment a : model.assignments()) {
      Node gate = a.value();
      if (gate == gradient.output() || gate.op().isLeaf() || !a.name().equals(model.names().get(gate))) continue;
      Slot slot = slots.apply(gate);
      MethodSpec.Builder getter = MethodSpec.methodBuilder(slot.name()).addModifiers(Modifier.PUBLIC);
      if (gate.shape().isScalar()) {
        getter.returns(double.class).addJavadoc("$L from the last call of {@code value} or {@code gradient}.\n", a.name())
            .addStatement("return $L", slot.name());
      } else {
        getter.returns(double[].class)
            .addJavadoc("$L $L from the last call of {@code value} or {@code gradient}, as a new array.\n", a.name(),
                gate.shape());
        if (gate.shape().isFixed()) getter.addStatement("return $L.clone()", slot.name());
        else getter.addStatement("return $T.copyOf($L, $L)", java.util.Arrays.class, slot.name(), sizes.size(gate.shape()));
      }
      getters.add(getter.build());
    }
    return getters;
  }

  void inputs(Set<Node> forward, Set<Node> backward) {
    this.forwardInputs = forward;
    this.backwardInputs = backward;
  }

  /** {@code prepare}: the runtime dimensions, then every input's length, then the workspace. */
  MethodSpec prepare(MethodSpec grow) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("prepare").addModifiers(Modifier.PRIVATE)
        .addJavadoc("Reads the sizes of this call and checks every input's length against them.\n");
    dimParameters(method);
    inputParameters(method, arrayInputs);
    for (String dim : explicit) {
      method.beginControlFlow("if ($L < 1)", names.dim(dim))
          .addStatement("throw new IllegalArgumentException($S + $L)", dim + " must be at least 1, not ", names.dim(dim))
          .endControlFlow()
          .addStatement("this.$L = $L", names.dim(dim), names.dim(dim));
    }
    Set<Node> sized = new LinkedHashSet<>();
    for (Derivation d : derived) {
      sized.add(d.input());
      lengthChecks.dimension(method, d.dim(), d.input(), d.per());
    }
    for (Node input : arrayInputs) if (!sized.contains(input)) lengthChecks.requireLength(method, input);
    if (grow != null) {
      String larger = model.runtimeDims().stream().map(d -> names.dim(d) + " > " + capacities.get(d))
          .collect(Collectors.joining(" || "));
      method.addStatement("if ($L) grow()", larger);
    }
    return method.build();
  }

  /** {@code forward}, and the methods it calls when its statements do not fit one method. */
  List<MethodSpec> forward(Set<Node> inputs, MethodBody body) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("forward").addModifiers(Modifier.PRIVATE);
    if (model.hasScalarOutput()) {
      method.returns(double.class).addJavadoc("Computes every value of the program, statement by statement, and returns $L.\n",
          model.outputName());
    } else {
      method.addJavadoc("Computes every value of the program, statement by statement.\n");
    }
    inputParameters(method, inputs);
    return spread(method, body, inputs, List.of());
  }

  /**
   * {@code method} with {@code body}: as its code, or when that is too large for HotSpot to compile
   * (more than 8,000 bytes of bytecode), as calls to private methods of whole statements, in order.
   */
  private List<MethodSpec> spread(MethodSpec.Builder method, MethodBody body, Set<Node> inputs, Collection<Slot> more) {
    if (body.fitsOneMethod()) return List.of(method.addCode(dimLocals(body.whole())).addCode(body.whole()).build());
    String name = method.build().name();
    List<MethodSpec> methods = new ArrayList<>();
    List<CodeBlock> parts = body.methods();
    for (int n = 0; n < parts.size(); n++) {
      String part = names.fresh(name + "Part" + (n + 1));
      method.addStatement("$L($L)", part, arguments(inputs, false, more));
      MethodSpec.Builder partMethod = MethodSpec.methodBuilder(part).addModifiers(Modifier.PRIVATE)
          .addJavadoc("Part $L of $L of {@code $L}: whole statements, so that no method is too large to JIT-compile.\n",
              n + 1, parts.size(), name);
      inputParameters(partMethod, inputs);
      more.forEach(s -> partMethod.addParameter(double[].class, s.name()));
      methods.add(partMethod.addCode(dimLocals(parts.get(n))).addCode(parts.get(n)).build());
    }
    if (body.returned() != null) method.addStatement("return $L", body.returned());
    methods.add(0, method.build());
    return methods;
  }

  /** {@code backward}, and the methods it calls when its statements do not fit one method. */
  List<MethodSpec> backward(Set<Node> inputs, Collection<Slot> gradients, MethodBody body, boolean fused) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("backward").addModifiers(Modifier.PRIVATE);
    if (fused) {
      method.returns(double.class).addJavadoc("$L", Docs.wrap("The adjoints d<v> = d" + model.outputName()
          + "/d<v>, from the output down, and " + model.outputName() + ", which it returns: the forward section's loop"
          + " runs inside the backward's first loop of its shape, one pass for both.\n"));
    } else {
      method.addJavadoc("The adjoints d<v> = d$L/d<v>, from the output down, after {@code forward} at the same inputs.\n",
          model.outputName());
    }
    inputParameters(method, inputs);
    gradients.forEach(s -> method.addParameter(double[].class, s.name()));
    return spread(method, body, inputs, gradients);
  }

  /** {@code int N = this.N;} for each runtime dimension the body uses. */
  private CodeBlock dimLocals(CodeBlock body) {
    CodeBlock.Builder locals = CodeBlock.builder();
    String text = body.toString();
    for (String dim : model.runtimeDims()) {
      String name = names.dim(dim);
      if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text).find()) {
        locals.addStatement("int $L = this.$L", name, name);
      }
    }
    return locals.build();
  }

  /** The length checks the class uses. */
  List<MethodSpec> checks() {
    return lengthChecks.methods();
  }
}
