package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * The layout of a scalar function too large for one JIT-compiled method: the statements of the
 * readable layout, over scratch storage that an instance allocates once (values in {@code v},
 * adjoints in {@code d}), spread over private static methods {@code forward0}, {@code forward1},
 * ..., {@code backward0}, ... of at most {@link JavaSize#METHOD_BUDGET} each, called in order.
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
  private final Map<Node, Integer> valueSlots = new HashMap<>();
  private final Map<Node, Integer> adjointSlots = new HashMap<>();
  private final List<MethodSpec> helpers = new ArrayList<>();

  ScratchLayout(Model model, Gradient gradient, LocalNames names, Syntax language, boolean scalarForm) {
    this.model = model;
    this.gradient = gradient;
    this.names = names;
    this.language = language;
    this.scalarForm = scalarForm;
    model.inputs().forEach(n -> valueSlots.put(n, valueSlots.size()));
    gradient.forward().forEach(n -> valueSlots.put(n, valueSlots.size()));
    gradient.wrt().forEach(n -> adjointSlots.putIfAbsent(n, adjointSlots.size()));
    if (JavaEmitter.isSeeded(gradient)) adjointSlots.putIfAbsent(gradient.output(), adjointSlots.size());
    gradient.steps().forEach(s -> s.contributions().forEach(c -> adjointSlots.putIfAbsent(c.target(), adjointSlots.size())));
  }

  void addTo(TypeSpec.Builder type) {
    Syntax java = new Syntax(Syntax.Dialect.JAVA,
        n -> n.op() == Op.ADJOINT ? slot("d", adjointSlots.get(n.target())) : slot("v", valueSlots.get(n)));
    List<JavaEmitter.Line> forward = new ArrayList<>();
    for (Node gate : gradient.forward()) {
      forward.add(new JavaEmitter.Line("", slot("v", valueSlots.get(gate)) + " = " + java.definition(gate) + ";",
          " // " + names.value(gate)));
    }
    Function<Node, String> adjoint = n -> slot("d", adjointSlots.get(n));
    List<JavaEmitter.Line> backward = JavaEmitter.backward(model, gradient, names, language, java, adjoint, adjoint);
    List<String> forwardCalls = dispatch("forward", chunks("forward", forward, false), false);
    List<String> backwardCalls = dispatch("backward", chunks("backward", backward, true), true);

    int valueCount = valueSlots.size();
    int adjointCount = adjointSlots.size();
    type.addJavadoc("<p>Too large for one JIT-compiled method, so an instance keeps scratch storage for its values and\n"
        + "adjoints ($L numbers, allocated once by the constructor) and the work is spread over private\n"
        + "methods. Calls allocate nothing; use one instance per thread.\n", valueCount + adjointCount);
    type.addField(FieldSpec.builder(double[][].class, "v", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Values: the inputs, then one per gate, in pages of $L.\n", PAGE)
        .initializer("pages($L)", valueCount).build());
    type.addField(FieldSpec.builder(double[][].class, "d", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Adjoints: the gradient's variables first, in order, then one per value that has one.\n")
        .initializer("pages($L)", adjointCount).build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("Allocates the scratch storage.\n").build());
    publicMethods(type);
    type.addMethod(MethodSpec.methodBuilder("forward").addModifiers(Modifier.PRIVATE).returns(double.class)
        .addCode(calls(forwardCalls, false))
        .addStatement("return $L", new Syntax(Syntax.Dialect.JAVA, this::fieldSlot).print(gradient.output()))
        .build());
    MethodSpec.Builder backwardMethod = MethodSpec.methodBuilder("backward").addModifiers(Modifier.PRIVATE)
        .addParameter(double[].class, "grad").addCode(calls(backwardCalls, true));
    int wrt = gradient.wrt().size();
    for (int from = 0; from < wrt; from += PAGE) {
      backwardMethod.addStatement("System.arraycopy(d[$L], 0, grad, $L, $L)", from / PAGE, from, Math.min(PAGE, wrt - from));
    }
    type.addMethod(backwardMethod.build());
    type.addMethod(MethodSpec.methodBuilder("forwardAndBackward").addModifiers(Modifier.PRIVATE).returns(double.class)
        .addParameter(double[].class, "grad")
        .addStatement("double value = forward()").addStatement("backward(grad)").addStatement("return value").build());
    MethodSpec.Builder load = MethodSpec.methodBuilder("load").addModifiers(Modifier.PRIVATE).addParameter(double[].class, "in");
    int inputs = model.inputs().size();
    for (int from = 0; from < inputs; from += PAGE) {
      load.addStatement("System.arraycopy(in, $L, v[$L], 0, $L)", from, from / PAGE, Math.min(PAGE, inputs - from));
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
        Node input = model.inputs().get(i);
        value.addParameter(double.class, names.value(input));
        gradientMethod.addParameter(double.class, names.value(input));
        value.addStatement("this.v[$L][$L] = $L", i / PAGE, i % PAGE, names.value(input));
        gradientMethod.addStatement("this.v[$L][$L] = $L", i / PAGE, i % PAGE, names.value(input));
      }
      type.addMethod(value.addStatement("return forward()").build());
      type.addMethod(gradientMethod.addParameter(double[].class, grad)
          .addStatement("return forwardAndBackward($L)", grad).build());
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

  /** {@code v3[17]}: a slot read through its page's local; null for a node with no slot (a constant). */
  private static String slot(String array, Integer slot) {
    return slot == null ? null : array + (slot / PAGE) + "[" + (slot % PAGE) + "]";
  }

  /** {@code v[3][17]}: a value read through the field, where no page local is declared. */
  private String fieldSlot(Node n) {
    Integer slot = valueSlots.get(n);
    return slot == null ? null : "v[" + (slot / PAGE) + "][" + (slot % PAGE) + "]";
  }

  /**
   * Spreads {@code lines} over private static methods within the budget, each declaring the page
   * locals its statements use; returns their names in call order.
   */
  private List<String> chunks(String kind, List<JavaEmitter.Line> lines, boolean adjoints) {
    List<String> methods = new ArrayList<>();
    int from = 0;
    while (from < lines.size()) {
      long bytes = 0;
      int to = from;
      BitSet valuePages = new BitSet();
      BitSet adjointPages = new BitSet();
      while (to < lines.size()) {
        String code = lines.get(to).code();
        long more = JavaSize.bytes(code);
        if (to > from && bytes + more + 8L * (valuePages.cardinality() + adjointPages.cardinality()) > JavaSize.METHOD_BUDGET) break;
        bytes += more;
        pagesUsed(code, 'v', valuePages);
        pagesUsed(code, 'd', adjointPages);
        to++;
      }
      MethodSpec.Builder method = helper(kind + methods.size(), adjoints);
      valuePages.stream().forEach(p -> method.addStatement("double[] v$L = v[$L]", p, p));
      adjointPages.stream().forEach(p -> method.addStatement("double[] d$L = d[$L]", p, p));
      lines.subList(from, to).forEach(line -> method.addCode(line.block()));
      helpers.add(method.build());
      methods.add(kind + methods.size());
      from = to;
    }
    return methods;
  }

  /** Adds to {@code pages} every page {@code array<page>[} in {@code code} reads or writes. */
  private static void pagesUsed(String code, char array, BitSet pages) {
    for (int i = code.indexOf(array); i >= 0; i = code.indexOf(array, i + 1)) {
      if (i > 0 && Character.isJavaIdentifierPart(code.charAt(i - 1))) continue;
      int end = i + 1;
      while (end < code.length() && Character.isDigit(code.charAt(end))) end++;
      if (end > i + 1 && end < code.length() && code.charAt(end) == '[') pages.set(Integer.parseInt(code.substring(i + 1, end)));
    }
  }

  /** Groups the calls to {@code methods} into methods of at most {@link #CALLS_PER_METHOD} calls, as often as needed. */
  private List<String> dispatch(String kind, List<String> methods, boolean adjoints) {
    int level = 0;
    while (methods.size() > CALLS_PER_METHOD) {
      List<String> groups = new ArrayList<>();
      for (int from = 0; from < methods.size(); from += CALLS_PER_METHOD) {
        String name = kind + "Group" + level + "_" + groups.size();
        helpers.add(helper(name, adjoints).addCode(calls(methods.subList(from, Math.min(methods.size(), from + CALLS_PER_METHOD)), adjoints)).build());
        groups.add(name);
      }
      methods = groups;
      level++;
    }
    return methods;
  }

  private static CodeBlock calls(List<String> methods, boolean adjoints) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (String m : methods) code.addStatement(adjoints ? "$L(v, d)" : "$L(v)", m);
    return code.build();
  }

  private static MethodSpec.Builder helper(String name, boolean adjoints) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(double[][].class, "v");
    return adjoints ? method.addParameter(double[][].class, "d") : method;
  }
}
