package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Writes a differentiated scalar model as a plain Java class in the style of hand-written
 * backprop: a forward section with one named local per gate, then a backward section with one
 * adjoint per value, seeded with 1, where each further path into a value adds {@code +=}.
 *
 * <p>That readable layout is one static method per entry point, so it is kept only while every
 * method stays within {@link JavaSize#METHOD_BUDGET}, below HotSpot's 8,000-byte limit for JIT
 * compilation. A larger function gets the {@link ScratchLayout}: the same statements over
 * scratch arrays that an instance allocates once, spread over private methods of that budget.
 */
public final class JavaEmitter {
  /** Above this many inputs a parameter list would pass the JVM's 255 slots: array form only. */
  static final int MAX_SCALAR_PARAMETERS = 127;
  /**
   * The most statements a generated class holds: about 70 MB of source, which javac compiles in
   * well under a minute with its default heap. A larger function is better written over arrays.
   */
  public static final long MAX_STATEMENTS = 1_000_000;
  /**
   * The longest name a generated class may carry: a class file holds a method's or parameter's
   * name in at most 65,535 bytes ({@code javac -parameters} records every parameter's), and the
   * generated names add a prefix or a number to the user's.
   */
  public static final int MAX_NAME_LENGTH = 65_000;

  private final Model model;
  private final Gradient gradient;
  private final LocalNames names;
  private final Syntax language;
  private final boolean scalarForm;
  private final SecondOrder secondOrder;

  private JavaEmitter(Model model, Gradient gradient) {
    this(model, gradient, SecondOrder.NONE);
  }

  private JavaEmitter(Model model, Gradient gradient, SecondOrder secondOrder) {
    this.model = model;
    this.gradient = gradient;
    this.secondOrder = secondOrder;
    // the second-order methods' parameters are reserved only when asked for, so other classes keep their names
    this.names = new LocalNames(model, gradient, secondOrder.any() ? List.of("grad", "in", "v", "Hv", "H") : List.of("grad", "in"));
    this.language = new Syntax(Syntax.Dialect.LANGUAGE, names::atom);
    this.scalarForm = model.inputs().size() <= MAX_SCALAR_PARAMETERS;
  }

  /**
   * The source of one class, {@code packageName.className}, for this model and gradient: static
   * methods over doubles for a scalar model (an instance with scratch storage when it is too large
   * for that), an instance with its own workspace over row-major arrays when vectors or matrices
   * are involved. Throws {@link org.symdiff.ast.SourceError} when the class would pass a limit of
   * the class-file format.
   */
  public static String emit(Model model, Gradient gradient, String packageName, String className) {
    return emit(model, gradient, SecondOrder.NONE, packageName, className);
  }

  /**
   * The class of a program with several outputs, or a vector one: {@code value} and
   * {@code jacobian} with respect to {@code wrt}. Second derivatives are for one scalar output.
   */
  public static String emitJacobian(Model model, List<Node> wrt, SecondOrder secondOrder, String packageName, String className) {
    return emit(model, ReverseSweep.differentiate(model.graph(), model.output(), wrt), secondOrder, packageName, className);
  }

  /** As {@link #emit(Model, Gradient, String, String)}, with the second-order methods asked for. */
  public static String emit(Model model, Gradient gradient, SecondOrder secondOrder, String packageName, String className) {
    if (secondOrder.any() && !model.hasScalarOutput()) {
      throw new SourceError(model.source(), Span.NONE, "hvp and hessian are for one scalar output; " + model.outputName()
          + (model.outputs().size() > 1 ? " and the other outputs have" : " has") + " a Jacobian instead");
    }
    requireShortNames(model);
    boolean arrays = isArrayClass(model, gradient);
    if (!model.hasScalarOutput() && !arrays) return new ScalarJacobian(model, gradient.wrt()).file(packageName, className).toString();
    if (!arrays) requireSize(model, gradient);
    JavaFile file = arrays ? new ArrayEmitter(model, gradient, secondOrder).file(packageName, className)
        : new JavaEmitter(model, gradient, secondOrder).file(packageName, className);
    return file.toString();
  }

  /** Whether the class is an array class (an instance with its workspace) rather than methods over doubles. */
  public static boolean isArrayClass(Model model, Gradient gradient) {
    return isArrayClass(model, gradient.forward());
  }

  static boolean isArrayClass(Model model, List<Node> gates) {
    return !model.runtimeDims().isEmpty() || model.inputs().stream().anyMatch(n -> !n.shape().isScalar())
        || model.outputs().stream().anyMatch(o -> !o.value().shape().isScalar())
        || gates.stream().anyMatch(n -> !n.shape().isScalar());
  }

  /** Refuses, naming the limit, a scalar function whose class would have more than {@link #MAX_STATEMENTS}. */
  private static void requireSize(Model model, Gradient gradient) {
    long statements = statements(gradient);
    if (statements > MAX_STATEMENTS) {
      throw new SourceError(model.source(), Span.NONE, String.format("%s needs %,d Java statements (%,d gates and"
          + " %,d adjoint contributions); a generated class holds at most %,d: use --emit json or --emit expr, or write"
          + " the function over arrays (an input x[n] and sum(...) become loops)", model.outputName(), statements,
          gradient.forward().size(), statements - gradient.forward().size(), MAX_STATEMENTS));
    }
  }

  /** Refuses, naming the limit, a name too long to be a Java parameter or method name. */
  static void requireShortNames(Model model) {
    List<String> names = new ArrayList<>(model.names().values());
    model.inputs().forEach(n -> names.add(n.name()));
    for (String name : names) {
      if (name.length() > MAX_NAME_LENGTH) {
        throw new SourceError(model.source(), Span.NONE, String.format("the name %s... has %,d characters; Java class"
            + " files hold names of at most 65,535 bytes, and generated names add to the given ones: use names of at most"
            + " %,d characters, or --emit json or --emit expr", name.substring(0, 20), name.length(), MAX_NAME_LENGTH));
      }
    }
  }

  /** One statement per forward gate and one per adjoint contribution. */
  static long statements(Gradient gradient) {
    return gradient.forward().size() + gradient.steps().stream().mapToLong(s -> s.contributions().size()).sum();
  }

  static JavaFile javaFile(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type)
        .addFileComment("Generated by symdiff. Do not edit: change the source and generate again.")
        .skipJavaLangImports(true)
        .indent("    ")
        .build();
  }

  static CodeBlock classDoc(Model model, Gradient gradient, OpCertificate certificate) {
    String wrt = gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", "));
    return CodeBlock.builder()
        .add("Value and gradient of {@code $L}, computed from\n", model.outputName())
        .add("<pre>\n$L</pre>\n", escapeForJavadoc(abridged(model.source().text().strip())) + "\n")
        .add("<p>Inputs: $L. Gradient order: $L.\n",
            abridged(model.inputs().stream().map(Node::name).toList()), wrt.isEmpty() ? "(none)" : abridged(gradient.wrt().stream().map(Node::name).toList()))
        .add("$L", certificate.fused()
            ? "\n<p>Operations per call, counted on the code below ({@code value} runs the forward section;\n"
                + "{@code gradient} the backward one, whose first loop computes the value too):"
            : "\n<p>Operations per call, counted on the code below ({@code value} runs the forward section,\n"
                + "{@code gradient} both):")
        .add("\n<pre>\n$L</pre>\n<p>$L\n", escapeForJavadoc(certificate.table()),
            Docs.wrap(escapeForJavadoc(certificate.summary())))
        .build();
  }

  /** At most 40 lines of 200 characters of the source, so a huge input does not bury the class. */
  private static String abridged(String text) {
    List<String> lines = text.lines().limit(41)
        .map(l -> l.length() > 200 ? l.substring(0, 200) + " ..." : l).collect(Collectors.toList());
    if (lines.size() > 40) lines.set(40, "...");
    return String.join("\n", lines);
  }

  /** A list of names, its first 20 and how many more after that. */
  private static String abridged(List<String> names) {
    if (names.size() <= 20) return String.join(", ", names);
    return String.join(", ", names.subList(0, 20)) + ", ... (" + names.size() + " in all)";
  }

  static String escapeForJavadoc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("@", "&#64;").replace("\\", "&#92;").replace("*/", "*&#47;");
  }

  private JavaFile file(String packageName, String className) {
    RerolledLayout rerolled = secondOrder.any() ? null : RerolledLayout.of(model, gradient, scalarForm);
    if (rerolled != null) return rerolled.file(packageName, className);
    Statements statements = mightFitOneMethod() ? statements() : null;
    boolean readable = statements != null && fitsOneMethod(statements.forward, statements.backward);
    OpCertificate certificate = statements != null ? statements.certificate : statements().certificate;
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(classDoc(model, gradient, certificate));
    if (secondOrder.any() && (!readable || !scalarForm)) {
      throw new SourceError(model.source(), Span.NONE, String.format("--hvp and --hessian are written for functions of"
          + " at most %d scalar inputs whose class fits one method per entry point; this one has %d inputs and %,d"
          + " statements: write it over arrays (an input x[n] and sum(...) become loops)", MAX_SCALAR_PARAMETERS,
          model.inputs().size(), statements(gradient)));
    }
    List<Node> tangentExpressions = new ArrayList<>();
    if (readable) {
      readable(type, statements.forward, statements.backward);
      if (secondOrder.any()) {
        ScalarSecondOrder second = new ScalarSecondOrder(model, gradient, names, language, statements.forward,
            statements.backward, inputParameters());
        if (secondOrder.hvp()) type.addMethod(second.hvp());
        if (secondOrder.hessian()) type.addMethod(second.hessian());
        tangentExpressions.addAll(second.expressions());
      }
    } else {
      new ScratchLayout(model, gradient, names, language, scalarForm).addTo(type);
    }
    Helpers.addTo(type, gradient, tangentExpressions);
    return javaFile(packageName, type.build());
  }

  /** What the class {@link #emit} writes costs per call: its operations, counted on its statements. */
  public static OpCertificate certificate(Model model, Gradient gradient) {
    if (isArrayClass(model, gradient)) return new ArrayEmitter(model, gradient).certificate();
    RerolledLayout rerolled = RerolledLayout.of(model, gradient, model.inputs().size() <= MAX_SCALAR_PARAMETERS);
    return rerolled != null ? rerolled.certificate() : new JavaEmitter(model, gradient).statements().certificate;
  }

  /**
   * Whether a scalar model's class is static methods (the readable layout) rather than an instance
   * with scratch arrays (a function too large for one method per entry point).
   */
  public static boolean hasStaticMethods(Model model, Gradient gradient) {
    if (isArrayClass(model, gradient)) return false;
    return RerolledLayout.of(model, gradient, true) != null || new JavaEmitter(model, gradient).readableStatements() != null;
  }

  /** The readable layout's statements, and the operations they do (the scratch layout's are the same). */
  private record Statements(List<Line> forward, List<Line> backward, OpCertificate certificate) {}

  private Statements statements() {
    Syntax java = new Syntax(Syntax.Dialect.JAVA, n -> n.op() == Op.ADJOINT ? names.adjoint(n.target()) : names.value(n));
    OpTally forwardOps = new OpTally();
    OpTally backwardOps = new OpTally();
    List<Line> forward = forward(java.counting(forwardOps), gate -> "double " + names.value(gate), gate -> "");
    List<Line> backward = backward(java.counting(backwardOps), n -> "double " + names.adjoint(n), names::adjoint);
    return new Statements(forward, backward, new OpCertificate(forwardOps.counts(), backwardOps.counts()));
  }

  /** The readable layout's statements, or null when its largest method would pass the budget. */
  private Statements readableStatements() {
    if (!mightFitOneMethod()) return null;
    Statements statements = statements();
    return fitsOneMethod(statements.forward, statements.backward) ? statements : null;
  }

  /** Whether the statements are few enough to fit the budget at the smallest size one can have (x = y, 9 bytes). */
  private boolean mightFitOneMethod() {
    return 9 * (statements(gradient) + gradient.wrt().size() + (scalarForm ? 0 : model.inputs().size())) <= JavaSize.METHOD_BUDGET;
  }

  /** Whether the largest readable method, gradient (unpacking {@code in} when it has no parameter list), fits the budget. */
  private boolean fitsOneMethod(List<Line> forward, List<Line> backward) {
    long bytes = JavaSize.bytes(forward) + JavaSize.bytes(backward) + 16L * gradient.wrt().size();
    if (!scalarForm) bytes += 16L * model.inputs().size();
    return bytes <= JavaSize.METHOD_BUDGET;
  }

  // ---- the statements, shared with the scratch layout

  /** One statement: a comment heading it (or ""), the code, and a trailing comment (or ""). */
  record Line(String heading, String code, String trailing) {
    CodeBlock block() {
      return CodeBlock.of("$L$L$L\n", heading, code, trailing);
    }
  }

  /** One statement per gate, in evaluation order; {@code define} writes the target, {@code comment} may name it. */
  List<Line> forward(Syntax java, Function<Node, String> define, Function<Node, String> comment) {
    List<Line> lines = new ArrayList<>();
    for (Node gate : gradient.forward()) {
      lines.add(new Line("", define.apply(gate) + " = " + java.definition(gate) + ";", comment.apply(gate)));
    }
    return lines;
  }

  /** The adjoint contributions, each gate's headed by the forward line it differentiates. */
  List<Line> backward(Syntax java, Function<Node, String> define, Function<Node, String> adjoint) {
    return ScalarBackward.lines(model, gradient, names, language, java, define, adjoint);
  }

  // ---- the readable layout

  private void readable(TypeSpec.Builder type, List<Line> forward, List<Line> backward) {
    Syntax java = new Syntax(Syntax.Dialect.JAVA, names::value);
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (scalarForm) {
      type.addMethod(valueBody(publicMethod("value", "Returns $L.\n", model.outputName())
          .addParameters(inputParameters()), forward, java).build());
      String grad = names.parameter("grad");
      type.addMethod(gradientBody(publicMethod("gradient", "Returns $L and writes its partial derivatives into {@code $L}, in the order $L.\n",
          model.outputName(), grad, gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", ")))
          .addParameters(inputParameters()).addParameter(double[].class, grad), forward, backward, grad, java).build());
    }
    String in = names.parameter("in");
    String grad = names.parameter("grad");
    MethodSpec.Builder value = publicMethod("value", "Returns $L; {@code $L} holds the inputs in the order $L.\n",
        model.outputName(), in, inputOrder()).addParameter(double[].class, in);
    MethodSpec.Builder gradientFromArray = publicMethod("gradient",
        "Returns $L and writes its gradient into {@code $L}; {@code $L} holds the inputs in the order $L.\n",
        model.outputName(), grad, in, inputOrder()).addParameter(double[].class, in).addParameter(double[].class, grad);
    if (scalarForm) {
      value.addStatement("return value($L)", arrayArguments(in));
      gradientFromArray.addStatement("return gradient($L)", arrayArguments(in, grad));
    } else {
      valueBody(value.addCode(unpack(in)), forward, java);
      gradientBody(gradientFromArray.addCode(unpack(in)), forward, backward, grad, java);
    }
    type.addMethod(value.build());
    type.addMethod(gradientFromArray.build());
  }

  private static MethodSpec.Builder publicMethod(String name, String javadoc, Object... args) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(double.class)
        .addJavadoc(javadoc, args);
  }

  private MethodSpec.Builder valueBody(MethodSpec.Builder method, List<Line> forward, Syntax java) {
    forward.forEach(line -> method.addCode(line.block()));
    return method.addStatement("return $L", java.print(gradient.output()));
  }

  private MethodSpec.Builder gradientBody(MethodSpec.Builder method, List<Line> forward, List<Line> backward,
      String grad, Syntax java) {
    forward.forEach(line -> method.addCode(line.block()));
    backward.forEach(line -> method.addCode(line.block()));
    Set<Node> written = ScalarBackward.written(gradient);
    for (int i = 0; i < gradient.wrt().size(); i++) {
      Node v = gradient.wrt().get(i);
      method.addStatement("$L[$L] = $L", grad, i, written.contains(v) ? names.adjoint(v) : "0.0");
    }
    return method.addStatement("return $L", java.print(gradient.output()));
  }

  private CodeBlock unpack(String in) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (int i = 0; i < model.inputs().size(); i++) {
      code.addStatement("double $L = $L[$L]", names.value(model.inputs().get(i)), in, i);
    }
    return code.build();
  }

  private List<ParameterSpec> inputParameters() {
    List<ParameterSpec> parameters = new ArrayList<>();
    for (Node input : model.inputs()) parameters.add(ParameterSpec.builder(double.class, names.value(input)).build());
    return parameters;
  }

  private String inputOrder() {
    return model.inputs().stream().map(Node::name).collect(Collectors.joining(", "));
  }

  /** {@code in[0], in[1], ...} then {@code more}: with no inputs, just {@code more}. */
  private String arrayArguments(String in, String... more) {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < model.inputs().size(); i++) args.add(in + "[" + i + "]");
    args.addAll(List.of(more));
    return String.join(", ", args);
  }
}
