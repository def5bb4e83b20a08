package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * The layout of a scalar function too large for one JIT-compiled method: the statements of the
 * readable layout spread over private static methods {@code forward0}, {@code forward1}, ...,
 * {@code backward0}, ... of at most {@link JavaSize#METHOD_BUDGET} each, called in order. A value
 * or adjoint used within one method only is a local of that method, under its readable name;
 * one that crosses methods lives in scratch storage that an instance allocates once (values in
 * {@code v}, adjoints in {@code d}), so a call allocates nothing and memory traffic stays low.
 *
 * <p>Storage comes in pages of {@link #PAGE} doubles, read through locals {@code v0}, {@code d3},
 * ..., so every index is below 32,768 and javac writes it as a {@code sipush}: constant indices
 * of one flat array would each take a constant-pool entry above that, and a class has 65,535.
 * The gradient's variables own the first adjoint slots, in order, so the gradient is copied out
 * with {@code System.arraycopy}; a variable the output does not depend on keeps its 0.
 */
final class ScratchLayout {
  /** Doubles per page of scratch storage: the most a {@code sipush} index reaches. */
  static final int PAGE = 1 << 15;
  /** Calls one method makes at most; more are grouped into methods of their own. */
  static final int CALLS_PER_METHOD = 400;

  private final Model model;
  private final Gradient gradient;
  private final LocalNames names;
  private final Syntax language;
  private final boolean scalarForm;
  private final List<Statement> forward = new ArrayList<>();
  private final List<Statement> backward = new ArrayList<>();
  private final Map<Node, Integer> valueSlots = new HashMap<>();
  private final Map<Node, Integer> adjointSlots = new HashMap<>();
  private final List<MethodSpec> helpers = new ArrayList<>();
  private final String v;
  private final String d;
  private final Map<Integer, String> valuePages = new HashMap<>();
  private final Map<Integer, String> adjointPages = new HashMap<>();
  /** The bits of every constant the statements print, but 0.0 and 1.0, which javac writes without the constant pool. */
  private final Set<Long> constants = new HashSet<>();

  /**
   * One statement before it is printed: it defines {@code value} (a forward gate), or defines or
   * adds to the adjoint of {@code adjoint}; {@code reads} and {@code adjointReads} are the nodes
   * whose value or adjoint its right-hand side names. {@code chunk} is the method it goes to.
   */
  private static final class Statement {
    final Node value;
    final Node adjoint;
    final Node expression;
    final String heading;
    // few each, so lists: a set per statement was a tenth of the time for a million statements
    final List<Node> reads = new ArrayList<>(2);
    final List<Node> adjointReads = new ArrayList<>(1);
    boolean accumulates;
    int chunk;

    Statement(Node value, Node adjoint, Node expression, String heading) {
      this.value = value;
      this.adjoint = adjoint;
      this.expression = expression;
      this.heading = heading;
    }
  }

  ScratchLayout(Model model, Gradient gradient, LocalNames names, Syntax language, boolean scalarForm) {
    this.model = model;
    this.gradient = gradient;
    this.names = names;
    this.language = language;
    this.scalarForm = scalarForm;
    this.v = names.fresh("v");
    this.d = names.fresh("d");
    Set<Node> hasValue = new HashSet<>(model.inputs());
    hasValue.addAll(gradient.forward());
    for (Node gate : gradient.forward()) {
      Statement s = new Statement(gate, null, gate, "");
      for (Node arg : gate.args()) {
        if (hasValue.contains(arg)) addOnce(s.reads, arg);
        else if (arg.isConstant()) addConstant(arg);
      }
      forward.add(s);
    }
    if (ScalarBackward.isSeeded(gradient)) {
      backward.add(new Statement(null, gradient.output(), null,
          "\n// backward: d<v> = d" + model.outputName() + "/d<v>, from the output down\n"));
    }
    Set<Node> defined = new HashSet<>(List.of(gradient.output()));
    for (Gradient.Step step : gradient.steps()) {
      String heading = "// " + names.value(step.gate()) + " = " + language.definition(step.gate()) + "\n";
      for (Gradient.Contribution c : step.contributions()) {
        Statement s = new Statement(null, c.target(), c.expression(), heading);
        s.accumulates = !defined.add(c.target());
        frontier(c.expression(), hasValue, s);
        backward.add(s);
        heading = "";
      }
    }
  }

  /** The nodes {@code e} prints by name: values, and the adjoints its ADJOINT leaves stand for; and its constants. */
  private void frontier(Node e, Set<Node> hasValue, Statement s) {
    if (e.op() == Op.ADJOINT) addOnce(s.adjointReads, e.target());
    else if (hasValue.contains(e)) addOnce(s.reads, e);
    else if (e.isConstant()) addConstant(e);
    else for (Node arg : e.args()) frontier(arg, hasValue, s);
  }

  private static void addOnce(List<Node> nodes, Node n) {
    if (!nodes.contains(n)) nodes.add(n);
  }

  private void addConstant(Node c) {
    if (c.value() != 1.0 && Double.doubleToRawLongBits(c.value()) != 0) constants.add(Double.doubleToLongBits(c.value()));
  }

  /**
   * Refuses a class whose constant pool would pass the JVM's 65,535 entries: javac spends two on
   * every distinct constant and three on every method (its reference, name and type).
   */
  private void requireConstantPool() {
    long entries = 2L * constants.size() + 3L * (helpers.size() + 16) + 200;
    if (entries > 65_535) {
      throw new SourceError(model.source(), Span.NONE, String.format("%s has %,d distinct constants, and its class would"
          + " need %,d methods: more than the 65,535 constant-pool entries a Java class file holds (two per"
          + " constant, three per method); use --emit json or --emit expr", model.outputName(), constants.size(),
          helpers.size() + 16));
    }
  }

  void addTo(TypeSpec.Builder type) {
    // Methods are cut by the size of the statements with every name a slot, the larger spelling.
    Syntax everySlot = new Syntax(Syntax.Dialect.JAVA, n -> n.op() == Op.ADJOINT ? "d0[0]" : n.isConstant() ? null : "v0[0]");
    int forwardChunks = chunk(forward, everySlot, 0);
    chunk(backward, everySlot, forwardChunks);
    assignSlots();
    Syntax java = new Syntax(Syntax.Dialect.JAVA, n -> n.op() == Op.ADJOINT ? adjointName(n.target()) : valueName(n));
    List<String> forwardCalls = dispatch("forward", methods("forward", forward, java, false), false);
    List<String> backwardCalls = dispatch("backward", methods("backward", backward, java, true), true);
    requireConstantPool();

    int storage = valueSlots.size() + adjointSlots.size();
    type.addJavadoc("<p>Too large for one JIT-compiled method, so the work is spread over private methods and an\n"
        + "instance keeps scratch storage for the values and adjoints they pass on ($L numbers, allocated\n"
        + "once by the constructor). Calls allocate nothing; use one instance per thread.\n", storage);
    type.addField(FieldSpec.builder(double[][].class, v, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Values: the inputs, then those of the gates that later methods read, in pages of $L.\n", PAGE)
        .initializer("pages($L)", valueSlots.size()).build());
    type.addField(FieldSpec.builder(double[][].class, d, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Adjoints: the gradient's variables first, in order, then those that cross methods.\n")
        .initializer("pages($L)", adjointSlots.size()).build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("Allocates the scratch storage.\n").build());
    publicMethods(type);
    Syntax fields = new Syntax(Syntax.Dialect.JAVA, n -> valueSlots.containsKey(n) ? field(v, valueSlots.get(n)) : null);
    type.addMethod(MethodSpec.methodBuilder("forward").addModifiers(Modifier.PRIVATE).returns(double.class)
        .addCode(calls(forwardCalls, false)).addStatement("return $L", fields.print(gradient.output())).build());
    MethodSpec.Builder backwardMethod = MethodSpec.methodBuilder("backward").addModifiers(Modifier.PRIVATE)
        .addParameter(double[].class, "grad").addCode(calls(backwardCalls, true));
    int wrt = gradient.wrt().size();
    for (int from = 0; from < wrt; from += PAGE) {
      backwardMethod.addStatement("System.arraycopy($L[$L], 0, grad, $L, $L)", d, from / PAGE, from, Math.min(PAGE, wrt - from));
    }
    type.addMethod(backwardMethod.build());
    type.addMethod(MethodSpec.methodBuilder("forwardAndBackward").addModifiers(Modifier.PRIVATE).returns(double.class)
        .addParameter(double[].class, "grad")
        .addStatement("double value = forward()").addStatement("backward(grad)").addStatement("return value").build());
    MethodSpec.Builder load = MethodSpec.methodBuilder("load").addModifiers(Modifier.PRIVATE).addParameter(double[].class, "in");
    int inputs = model.inputs().size();
    for (int from = 0; from < inputs; from += PAGE) {
      load.addStatement("System.arraycopy(in, $L, $L[$L], 0, $L)", from, v, from / PAGE, Math.min(PAGE, inputs - from));
    }
    type.addMethod(load.build());
    type.addMethod(MethodSpec.methodBuilder("pages").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(double[][].class).addParameter(int.class, "slots")
        .addStatement("double[][] pages = new double[(slots + $L) / $L][]", PAGE - 1, PAGE)
        .beginControlFlow("for (int p = 0; p < pages.length; p++)")
        .addStatement("pages[p] = new double[Math.min($L, slots - p * $L)]", PAGE, PAGE)
        .endControlFlow()
        .addStatement("return pages").build());
    type.addMethods(helpers);
  }

  /** Numbers the statements' methods from {@code first}, each within the budget; returns the next number. */
  private int chunk(List<Statement> statements, Syntax everySlot, int first) {
    int chunk = first;
    long bytes = 0;
    for (Statement s : statements) {
      long more = JavaSize.bytes(code(s, everySlot, n -> "v0[0]", n -> "d0[0]"));
      // each page local a method declares costs about 8 bytes; allow for 64 of them
      if (bytes > 0 && bytes + more > JavaSize.METHOD_BUDGET - 8 * 64) {
        chunk++;
        bytes = 0;
      }
      bytes += more;
      s.chunk = chunk;
    }
    return statements.isEmpty() ? first : chunk + 1;
  }

  /**
   * Slots for what crosses methods: every input; a gate's value read outside the method that
   * computes it (every read by the backward pass is); an adjoint touched in two methods; the
   * output (read by {@code forward()}); the gradient's variables (copied out).
   */
  private void assignSlots() {
    int size = model.graph().nodes().size();
    int[] definedIn = new int[size];
    Arrays.fill(definedIn, -1);
    forward.forEach(s -> definedIn[s.value.id()] = s.chunk);
    BitSet crossing = new BitSet();
    model.inputs().forEach(n -> crossing.set(n.id()));
    crossing.set(gradient.output().id());
    // the one method that touches an adjoint, or -2 once two do
    int[] adjointChunk = new int[size];
    Arrays.fill(adjointChunk, -1);
    BitSet adjointCrossing = new BitSet();
    gradient.wrt().forEach(n -> adjointCrossing.set(n.id()));
    for (List<Statement> statements : List.of(forward, backward)) {
      for (Statement s : statements) {
        for (Node r : s.reads) if (definedIn[r.id()] != s.chunk) crossing.set(r.id());
        for (Node a : s.adjointReads) touch(adjointChunk, adjointCrossing, a, s.chunk);
        if (s.adjoint != null) touch(adjointChunk, adjointCrossing, s.adjoint, s.chunk);
      }
    }
    model.inputs().forEach(n -> valueSlots.put(n, valueSlots.size()));
    for (Node gate : gradient.forward()) if (crossing.get(gate.id())) valueSlots.put(gate, valueSlots.size());
    gradient.wrt().forEach(n -> adjointSlots.putIfAbsent(n, adjointSlots.size()));
    for (Statement s : backward) {
      if (adjointCrossing.get(s.adjoint.id())) adjointSlots.putIfAbsent(s.adjoint, adjointSlots.size());
    }
  }

  private static void touch(int[] chunkOf, BitSet crossing, Node n, int chunk) {
    int was = chunkOf[n.id()];
    if (was == -1) chunkOf[n.id()] = chunk;
    else if (was != chunk) crossing.set(n.id());
  }

  /** {@code v3[17]}, or the readable local; null for a node that is neither (a constant, an inner node). */
  private String valueName(Node n) {
    Integer slot = valueSlots.get(n);
    return slot != null ? page(valuePages, v, slot) + "[" + slot % PAGE + "]" : names.value(n);
  }

  private String adjointName(Node n) {
    Integer slot = adjointSlots.get(n);
    return slot != null ? page(adjointPages, d, slot) + "[" + slot % PAGE + "]" : names.adjoint(n);
  }

  /** The local that holds a page of {@code array}: {@code v0}, {@code d3}, named once per page. */
  private String page(Map<Integer, String> pages, String array, int slot) {
    return pages.computeIfAbsent(slot / PAGE, p -> names.fresh(array + p));
  }

  private static String field(String array, int slot) {
    return array + "[" + slot / PAGE + "][" + slot % PAGE + "]";
  }

  /** The statement's code; a local is declared where it is first defined. */
  private String code(Statement s, Syntax java, Function<Node, String> value, Function<Node, String> adjoint) {
    if (s.value != null) {
      return (valueSlots.containsKey(s.value) ? "" : "double ") + value.apply(s.value) + " = " + java.definition(s.value) + ";";
    }
    String share = s.expression == null ? "1.0" : java.print(s.expression);
    if (s.accumulates) return adjoint.apply(s.adjoint) + " += " + share + ";";
    return (adjointSlots.containsKey(s.adjoint) ? "" : "double ") + adjoint.apply(s.adjoint) + " = " + share + ";";
  }

  /** The methods of one section, in call order, each declaring the page locals its statements use. */
  private List<String> methods(String kind, List<Statement> statements, Syntax java, boolean adjoints) {
    List<String> methods = new ArrayList<>();
    int from = 0;
    while (from < statements.size()) {
      int to = from;
      int chunk = statements.get(from).chunk;
      List<JavaEmitter.Line> lines = new ArrayList<>();
      BitSet pagesOfValues = new BitSet();
      BitSet pagesOfAdjoints = new BitSet();
      for (; to < statements.size() && statements.get(to).chunk == chunk; to++) {
        Statement s = statements.get(to);
        String code = code(s, java, this::valueName, this::adjointName);
        lines.add(new JavaEmitter.Line(s.heading, code, s.value != null && valueSlots.containsKey(s.value) ? " // " + names.value(s.value) : ""));
        pagesUsed(s, pagesOfValues, pagesOfAdjoints);
      }
      String name = kind + methods.size();
      MethodSpec.Builder method = helper(name, adjoints);
      pagesOfValues.stream().forEach(p -> method.addStatement("double[] $L = $L[$L]", valuePages.get(p), v, p));
      pagesOfAdjoints.stream().forEach(p -> method.addStatement("double[] $L = $L[$L]", adjointPages.get(p), d, p));
      // one block of text per method: JavaPoet's cost is per format argument, and there are millions of lines
      StringBuilder body = new StringBuilder();
      lines.forEach(line -> body.append(line.heading()).append(line.code()).append(line.trailing()).append('\n'));
      helpers.add(method.addCode("$L", body).build());
      methods.add(name);
      from = to;
    }
    return methods;
  }

  /** Marks the pages of the slots the statement names. */
  private void pagesUsed(Statement s, BitSet values, BitSet adjoints) {
    List<Node> read = new ArrayList<>(s.reads);
    if (s.value != null) read.add(s.value);
    for (Node n : read) if (valueSlots.containsKey(n)) values.set(valueSlots.get(n) / PAGE);
    List<Node> adjoint = new ArrayList<>(s.adjointReads);
    if (s.adjoint != null) adjoint.add(s.adjoint);
    for (Node n : adjoint) if (adjointSlots.containsKey(n)) adjoints.set(adjointSlots.get(n) / PAGE);
  }

  /** Groups the calls to {@code methods} into methods of at most {@link #CALLS_PER_METHOD} calls, as often as needed. */
  private List<String> dispatch(String kind, List<String> methods, boolean adjoints) {
    int level = 0;
    while (methods.size() > CALLS_PER_METHOD) {
      List<String> groups = new ArrayList<>();
      for (int from = 0; from < methods.size(); from += CALLS_PER_METHOD) {
        String name = kind + "Group" + level + "_" + groups.size();
        helpers.add(helper(name, adjoints)
            .addCode(calls(methods.subList(from, Math.min(methods.size(), from + CALLS_PER_METHOD)), adjoints)).build());
        groups.add(name);
      }
      methods = groups;
      level++;
    }
    return methods;
  }

  private CodeBlock calls(List<String> methods, boolean adjoints) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (String m : methods) {
      if (adjoints) code.addStatement("$L($L, $L)", m, v, d);
      else code.addStatement("$L($L)", m, v);
    }
    return code.build();
  }

  private MethodSpec.Builder helper(String name, boolean adjoints) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(double[][].class, v);
    return adjoints ? method.addParameter(double[][].class, d) : method;
  }

  /** value and gradient, from an array of inputs and, up to 127 inputs, from a parameter list. */
  private void publicMethods(TypeSpec.Builder type) {
    String order = model.inputs().stream().map(Node::name).collect(Collectors.joining(", "));
    String wrt = gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", "));
    if (scalarForm) {
      String grad = names.parameter("grad");
      MethodSpec.Builder value = method("value", "Returns $L.\n", model.outputName());
      MethodSpec.Builder gradientMethod = method("gradient",
          "Returns $L and writes its partial derivatives into {@code $L}, in the order $L.\n", model.outputName(), grad, wrt);
      for (int i = 0; i < model.inputs().size(); i++) {
        String parameter = names.value(model.inputs().get(i));
        value.addParameter(double.class, parameter).addStatement("this.$L = $L", field(v, i), parameter);
        gradientMethod.addParameter(double.class, parameter).addStatement("this.$L = $L", field(v, i), parameter);
      }
      type.addMethod(value.addStatement("return forward()").build());
      type.addMethod(gradientMethod.addParameter(double[].class, grad).addStatement("return forwardAndBackward($L)", grad).build());
    }
    type.addMethod(method("value", "Returns $L; {@code in} holds the inputs in the order $L.\n", model.outputName(), order)
        .addParameter(double[].class, "in").addStatement("load(in)").addStatement("return forward()").build());
    type.addMethod(method("gradient",
        "Returns $L and writes its gradient into {@code grad}; {@code in} holds the inputs in the order $L.\n",
        model.outputName(), order)
        .addParameter(double[].class, "in").addParameter(double[].class, "grad")
        .addStatement("load(in)").addStatement("return forwardAndBackward(grad)").build());
  }

  private static MethodSpec.Builder method(String name, String javadoc, Object... args) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(double.class).addJavadoc(javadoc, args);
  }
}
