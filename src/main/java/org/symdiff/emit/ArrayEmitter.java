package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.StatementGradient;
import org.symdiff.diff.Tangents;
import org.symdiff.graph.Dim;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * Writes a program over vectors and matrices as a Java class whose instances hold their
 * workspace. {@code value} and {@code gradient} share one {@code forward} method, which computes
 * the program statement by statement and keeps every value the program named (each has a getter);
 * {@code gradient} then runs {@code backward}, one adjoint {@code d<name>} per value from the output
 * down, writing the gradients into arrays the caller owns. A runtime dimension ({@code dim N}) is
 * read from the arrays' lengths on entry, and the workspace grows only when N passes every earlier
 * N, so calls at a steady size allocate nothing.
 */
final class ArrayEmitter {
  /** The class's own methods: no program value may take their names. */
  private static final List<String> METHODS = List.of("value", "gradient", "prepare", "forward", "backward", "grow",
      "requireLength", "dimension", "multiply", "packRows", "store", "hvp", "hessian", "tangent", "jacobian", "adjoints");

  private final Model model;
  private final Gradient gradient;
  private final StatementGradient program;
  private final LocalNames names;
  private final Sizes sizes;
  private final Sizes capacity;
  private final Map<String, String> capacities = new LinkedHashMap<>();
  private final String i;
  private final String j;
  private final String k;
  private final String p;
  private final String max;
  private final String sum;
  /** The workspace: arrays by name, with their shapes. */
  private final Map<String, Shape> arrays = new LinkedHashMap<>();
  private final Set<String> scalarFields = new LinkedHashSet<>();
  /** Packed rows of the right operands of large products, by operand. */
  private final Map<Node, String> packed = new LinkedHashMap<>();
  private final Map<String, Dim[]> packedShapes = new HashMap<>();
  private final List<Dim> productWidths = new ArrayList<>();
  private String rowSums;
  private final Map<Node, Slot> gradients = new LinkedHashMap<>();
  private final SecondOrder secondOrder;
  /** Whether {@code gradient} may run a forward section of one loop inside the backward's first loop. */
  private final boolean fuse;
  /**
   * Whether {@code forward} and {@code backward} are spread over methods of whole statements, for
   * a program too large for one method each: then every scalar is a field, which any part can read.
   */
  private final boolean split;

  ArrayEmitter(Model model, Gradient gradient) {
    this(model, gradient, SecondOrder.NONE);
  }

  ArrayEmitter(Model model, Gradient gradient, SecondOrder secondOrder) {
    this(model, gradient, secondOrder, true, false);
  }

  private ArrayEmitter(Model model, Gradient gradient, SecondOrder secondOrder, boolean fuse, boolean split) {
    this.fuse = fuse;
    this.split = split;
    this.secondOrder = secondOrder;
    this.model = model;
    this.gradient = gradient;
    this.program = StatementGradient.of(model, gradient);
    this.names = LocalNames.forArrays(model, METHODS);
    this.sizes = new Sizes(names::dim);
    for (String dim : model.runtimeDims()) capacities.put(dim, names.fresh("capacity" + dim));
    this.capacity = new Sizes(capacities::get);
    this.i = names.fresh("i");
    this.j = names.fresh("j");
    this.k = names.fresh("k");
    this.p = names.fresh("p");
    this.max = names.fresh("max");
    this.sum = names.fresh("rowSum");
    for (Node v : gradient.wrt()) gradients.put(v, new Slot(names.adjoint(v), v.shape(), true));
  }

  /** The operations the class does per call (an emitter writes one class: this or {@link #file}). */
  OpCertificate certificate() {
    ArrayBodies bodies = bodies();
    bodies.forward();
    bodies.backward();
    if (bodies.fusedAlone()) return unfused().certificate();
    return bodies.certificate();
  }

  /** The same class without fusion: what an emitter whose fusion gained nothing writes instead. */
  private ArrayEmitter unfused() {
    return new ArrayEmitter(model, gradient, secondOrder, false, split);
  }

  private ArrayBodies bodies() {
    ArrayPlan plan = new ArrayPlan(program, model.names().keySet().stream()
        .filter(n -> n != gradient.output()).collect(Collectors.toSet()));
    return new ArrayBodies(model, program, plan, this, fuse);
  }

  JavaFile file(String packageName, String className) {
    if (!model.hasScalarOutput()) return jacobianFile(packageName, className);
    ArrayBodies bodies = bodies();
    MethodBody forward = bodies.forward();
    MethodBody backward = bodies.backward();
    if (bodies.fusedAlone()) return unfused().file(packageName, className);
    if (!split && !(forward.fitsOneMethod() && backward.fitsOneMethod())) {
      return new ArrayEmitter(model, gradient, secondOrder, fuse, true).file(packageName, className);
    }
    ArraySignatures signatures = new ArraySignatures(model, gradient, names, sizes, capacity, capacities);
    signatures.inputs(bodies.forwardInputs(), bodies.backwardInputs());
    // written before the fields are declared: the tangent section adds its own to the workspace
    List<MethodSpec> hvp = secondOrder.any() ? secondOrder(bodies, signatures) : List.of();
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(JavaEmitter.classDoc(model, gradient, bodies.certificate()))
        .addJavadoc(signatures.layoutDoc(arrays.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    addWorkspace(type, signatures);
    type.addMethod(signatures.value());
    type.addMethod(signatures.gradient(gradients.values(), bodies.isFused()));
    type.addMethods(signatures.getters(program, this::getterSlot));
    if (signatures.hasPrepare()) type.addMethod(signatures.prepare(growth()));
    type.addMethods(signatures.forward(bodies.forwardInputs(), forward));
    type.addMethods(signatures.backward(bodies.backwardInputs(), gradients.values(), backward, bodies.isFused()));
    type.addMethods(hvp);
    if (growth() != null) type.addMethod(growth());
    type.addMethods(signatures.checks());
    addKernels(type);
    Helpers.addToArrayClass(type, model, gradient, bodies.tangentExpressions());
    return JavaEmitter.javaFile(packageName, type.build());
  }

  /** The class of a program with a vector output (or several): value, jacobian and the sections they run. */
  private JavaFile jacobianFile(String packageName, String className) {
    ArrayBodies bodies = bodies();
    MethodBody forward = bodies.forward();
    ArrayJacobian jacobian = new ArrayJacobian(model, gradient, names, sizes,
        v -> array(names.fresh("v" + names.value(v)), v.shape()), out -> outputTangentSlot(out));
    CodeBlock tangent = new TangentSection(bodies).write(jacobian.sweep(), jacobian.given(), false,
        jacobian.given().keySet().stream().filter(leaf -> !gradient.wrt().contains(leaf.target())).toList());
    ArraySignatures signatures = new ArraySignatures(model, gradient, names, sizes, capacity, capacities);
    signatures.inputs(bodies.forwardInputs(), bodies.backwardInputs());
    String outputs = model.outputs().stream().map(Model.Output::name).collect(Collectors.joining(", "));
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Values and Jacobian of $L, computed from\n<pre>\n$L\n</pre>\n<p>$L\n", outputs,
            JavaEmitter.escapeForJavadoc(model.source().text().strip()), Docs.wrap(jacobian.modeDoc()))
        .addJavadoc(signatures.layoutDoc(arrays.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    addWorkspace(type, signatures);
    String forwardArguments = signatures.argumentsOf(bodies.forwardInputs(), List.of());
    type.addMethod(jacobian.value(signatures, forwardArguments, bodies::stored));
    type.addMethod(jacobian.jacobian(signatures, forwardArguments, signatures.argumentsOf(bodies.tangentInputs(), List.of())));
    type.addMethods(signatures.getters(program, this::getterSlot));
    if (signatures.hasPrepare()) type.addMethod(signatures.prepare(growth()));
    type.addMethods(signatures.forward(bodies.forwardInputs(), forward));
    type.addMethod(signatures.tangent(bodies.tangentInputs(), tangent));
    if (growth() != null) type.addMethod(growth());
    type.addMethods(signatures.checks());
    addKernels(type);
    List<Node> computed = new ArrayList<>(bodies.tangentExpressions());
    model.outputs().forEach(o -> computed.add(o.value()));
    Helpers.addToArrayClass(type, model, gradient, computed);
    return JavaEmitter.javaFile(packageName, type.build());
  }


  /** The fields: runtime dimensions, the workspace's arrays, the packed rows of large products, scalars kept between methods. */
  private void addWorkspace(TypeSpec.Builder type, ArraySignatures signatures) {
    signatures.dimFields().forEach(type::addField);
    arrays.forEach((name, shape) -> type.addField(arrayField(name, shape)));
    packed.values().forEach(name -> type.addField(rowsField(name, packedShapes.get(name))));
    if (rowSums != null) type.addField(sumsField());
    scalarFields.forEach(name -> type.addField(double.class, name, Modifier.PRIVATE));
  }

  /** The blocked product's methods, when a large product uses them. */
  private void addKernels(TypeSpec.Builder type) {
    if (rowSums == null) return;
    type.addMethod(MatrixKernels.packRowsMethod());
    type.addMethod(MatrixKernels.multiplyMethod());
    type.addMethod(MatrixKernels.storeMethod());
  }

  /** An output's tangent, read by {@code jacobian} after each tangent section: a workspace array or a field. */
  private Slot outputTangentSlot(Node output) {
    String name = names.tangent(model.graph().tangent(output));
    if (!output.shape().isScalar()) return array(name, output.shape());
    scalarFields.add(name);
    return new Slot(name, Shape.SCALAR, false);
  }

  /**
   * {@code hvp} and its {@code tangent} section; they are written after the other methods'
   * bodies, whose slots the tangent section reads, and their workspace is declared with the rest.
   */
  private List<MethodSpec> secondOrder(ArrayBodies bodies, ArraySignatures signatures) {
    Map<Node, Slot> given = new LinkedHashMap<>();
    List<Slot> directions = new ArrayList<>();
    List<Slot> results = new ArrayList<>();
    for (Node v : gradient.wrt()) {
      Slot direction = new Slot(names.fresh("v" + names.value(v)), v.shape(), true);
      Slot result = new Slot(names.fresh("Hv" + names.value(v)), v.shape(), true);
      directions.add(direction);
      results.add(result);
      given.put(model.graph().tangent(v), direction);
      given.put(model.graph().tangent(model.graph().adjoint(v)), result);
    }
    CodeBlock adjoints = bodies.adjoints().whole();
    CodeBlock tangent = new TangentSection(bodies).write(new Tangents.Sweep(model.graph(), gradient.wrt()), given, true, List.of());
    List<MethodSpec> methods = new ArrayList<>();
    if (secondOrder.hvp()) methods.add(signatures.hvp(bodies.adjointInputs(), directions, results, bodies.tangentInputs()));
    if (secondOrder.hessian()) {
      List<Slot> units = new ArrayList<>();
      List<Slot> columns = new ArrayList<>();
      for (Node v : gradient.wrt()) {
        units.add(array(names.fresh("unit" + names.value(v)), v.shape()));
        columns.add(array(names.fresh("column" + names.value(v)), v.shape()));
      }
      methods.add(ArrayHessian.method(signatures, gradient, names, sizes, units, columns, bodies.forwardInputs(),
          bodies.adjointInputs(), bodies.tangentInputs()));
    }
    methods.add(signatures.adjoints(bodies.adjointInputs(), adjoints));
    methods.add(signatures.tangent(bodies.tangentInputs(), directions, results, tangent));
    return methods;
  }

  // ---- slots, for ArrayBodies

  Slot inputSlot(Node input) {
    return new Slot(names.value(input), input.shape(), !input.shape().isScalar());
  }

  /** A stored forward value: a workspace array, a scalar field when it outlives {@code forward}, else a local. */
  Slot valueSlot(Node gate, boolean field) {
    String name = names.name(gate);
    if (!gate.shape().isScalar()) return array(name, gate.shape());
    if (field || split) scalarFields.add(name);
    return new Slot(name, Shape.SCALAR, false);
  }

  /** A value the backward section computes before a loop that reads it. */
  Slot temporary(Node n) {
    String name = names.freshLocal(n);
    if (!n.shape().isScalar()) return array(name, n.shape());
    if (split) scalarFields.add(name);
    return new Slot(name, Shape.SCALAR, false);
  }

  /** Where {@code target}'s adjoint goes: the caller's array for a wrt variable, else a workspace array or a local. */
  Slot adjointSlot(Node target) {
    Slot given = gradients.get(target);
    if (given != null) return given;
    String name = names.adjoint(target);
    if (!target.shape().isScalar()) return array(name, target.shape());
    // the tangent section, a method of its own, reads the backward section's scalars too
    if (secondOrder.any() || split) scalarFields.add(name);
    return new Slot(name, Shape.SCALAR, false);
  }

  /** Where a tangent leaf is kept: a workspace array, or a local of the tangent section. */
  Slot tangentSlot(Node leaf) {
    String name = names.tangent(leaf);
    return leaf.shape().isScalar() ? new Slot(name, Shape.SCALAR, false) : array(name, leaf.shape());
  }

  String tangentName(Node leaf) {
    return names.tangent(leaf);
  }

  String adjointName(Node target) {
    return names.adjoint(target);
  }

  boolean isField(Slot slot) {
    return !slot.array() && scalarFields.contains(slot.name());
  }

  private Slot array(String name, Shape shape) {
    arrays.put(name, shape);
    return new Slot(name, shape, true);
  }

  /**
   * The packed rows of a large product's right operand, read from {@code array}, shared by the
   * products with the same operand.
   */
  String packedRows(Node matmul, MatrixKernels.Strided array) {
    Node b = matmul.arg(1);
    productWidths.add(b.shape().dim(1));
    return packed.computeIfAbsent(b, operand -> {
      String name = names.fresh(array.slot().name() + (array.transposed() ? "TRows" : "Rows"));
      packedShapes.put(name, new Dim[] {operand.shape().dim(0), operand.shape().dim(1)});
      return name;
    });
  }

  /** The rows large products add into, one set for the class. */
  String rowSums(Node matmul) {
    if (rowSums == null) rowSums = names.fresh("rowSums");
    return rowSums;
  }

  Loops loops(CodeBlock.Builder code, Loops.Values values, OpTally ops) {
    return new Loops(code, sizes, names, values, ops, i, j, k, p);
  }

  MatrixKernels kernels(CodeBlock.Builder code, OpTally ops) {
    return new MatrixKernels(code, sizes, ops, i, j, max, sum);
  }

  private Slot getterSlot(Node gate) {
    return gate.shape().isScalar() ? new Slot(names.name(gate), Shape.SCALAR, false) : new Slot(names.name(gate), gate.shape(), true);
  }

  // ---- the workspace

  /** The widest row a product adds up, the sums' length, as Java over the fixed sizes and {@code sizes}. */
  private String widest(Sizes sizes) {
    int fixed = 1;
    Set<String> widths = new LinkedHashSet<>();
    for (Dim d : productWidths) {
      if (d.isFixed()) fixed = Math.max(fixed, d.size());
      else widths.add(sizes.of(d));
    }
    String widest = Integer.toString(fixed);
    for (String w : widths) widest = fixed == 1 && widest.equals("1") ? w : "Math.max(" + widest + ", " + w + ")";
    return widest;
  }

  private boolean widthGrows() {
    return productWidths.stream().anyMatch(d -> !d.isFixed());
  }

  private boolean grows(Dim... dims) {
    for (Dim d : dims) if (!d.isFixed()) return true;
    return false;
  }

  private FieldSpec arrayField(String name, Shape shape) {
    FieldSpec.Builder field = FieldSpec.builder(double[].class, name, Modifier.PRIVATE);
    if (shape.isFixed()) field.addModifiers(Modifier.FINAL).initializer("new double[$L]", shape.size());
    else field.initializer("new double[0]");
    return field.build();
  }

  private FieldSpec sumsField() {
    FieldSpec.Builder field = FieldSpec.builder(double[][].class, rowSums, Modifier.PRIVATE);
    if (widthGrows()) return field.initializer("new double[0][]").build();
    return field.addModifiers(Modifier.FINAL)
        .initializer("new double[$L][$L]", MatrixKernels.ROW_BLOCK, widest(capacity)).build();
  }

  private FieldSpec rowsField(String name, Dim[] dims) {
    FieldSpec.Builder field = FieldSpec.builder(double[][].class, name, Modifier.PRIVATE);
    if (grows(dims)) return field.initializer("new double[0][]").build();
    return field.addModifiers(Modifier.FINAL).initializer("new double[$L][$L]", dims[0].size(), dims[1].size()).build();
  }

  private MethodSpec growthMethod;

  /** {@code grow}: the arrays whose size has a runtime dimension, made for the largest sizes so far; null if none. */
  private MethodSpec growth() {
    if (growthMethod != null || capacities.isEmpty()) return growthMethod;
    CodeBlock.Builder code = CodeBlock.builder();
    capacities.forEach((dim, cap) -> code.addStatement("$L = Math.max($L, $L)", cap, cap, names.dim(dim)));
    arrays.forEach((name, shape) -> {
      if (!shape.isFixed()) code.addStatement("$L = new double[$L]", name, capacity.size(shape));
    });
    packed.values().forEach(name -> {
      Dim[] d = packedShapes.get(name);
      if (grows(d)) code.addStatement("$L = new double[$L][$L]", name, capacity.of(d[0]), capacity.of(d[1]));
    });
    if (rowSums != null && widthGrows()) {
      code.addStatement("$L = new double[$L][$L]", rowSums, MatrixKernels.ROW_BLOCK, widest(capacity));
    }
    growthMethod = MethodSpec.methodBuilder("grow")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Makes the workspace large enough for this call's sizes (and every earlier call's).\n")
        .addCode(code.build())
        .build();
    return growthMethod;
  }
}
