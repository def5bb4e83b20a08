package org.symdiff.emit;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * The class of a {@link Rerolled} function: static {@code value} and {@code gradient} over
 * arrays (and, up to 127 inputs, over parameter lists, which pass them on in an array), each the
 * outer part's statements straight-line with a loop per run of summands. {@code value} adds each
 * run's windows into its sum; {@code gradient} then runs the outer backward section, which gives
 * each sum's adjoint, and a loop per run that recomputes what each window's backward statements
 * read and adds the window's partials into {@code grad}. When no outer backward share reads a
 * value computed from a sum (a sum at the output), each window's value and gradient are done in
 * one loop. Operations in loops are counted once per trip.
 */
final class RerolledLayout {
  /** A loop: the comment heading it, statements before it, its trip count, its body. */
  private record LoopCode(String heading, List<JavaEmitter.Line> start, int trips, List<JavaEmitter.Line> body) {}

  private final Rerolled f;
  private final LocalNames names;
  private final boolean scalarForm;
  private final Syntax language;
  private final Syntax plain;
  private final OpTally forwardOps = new OpTally();
  private final OpTally backwardOps = new OpTally();
  private final String in;
  private final String grad;
  private final String k;
  private final Map<Node, Integer> wrtIndex = new HashMap<>();
  /** Per loop, per slot: whether it is the only writer of each of its entries of {@code grad}, which it sets. */
  private final List<boolean[]> exclusive = new ArrayList<>();
  private final List<JavaEmitter.Line> unpack = new ArrayList<>();
  private final List<JavaEmitter.Line> before = new ArrayList<>();
  private final List<JavaEmitter.Line> after = new ArrayList<>();
  private final List<LoopCode> forwardLoops = new ArrayList<>();
  private final List<JavaEmitter.Line> outerBackward;
  private final List<JavaEmitter.Line> gradStart = new ArrayList<>();
  private final List<LoopCode> backwardLoops = new ArrayList<>();

  /** The class with the sums' regular runs as loops, or null when there are none or a method would pass the budget. */
  static RerolledLayout of(Model model, Gradient gradient, boolean scalarForm) {
    Rerolled rerolled = Rerolled.of(model, gradient, List.of("grad", "in"));
    if (rerolled == null) return null;
    RerolledLayout layout = new RerolledLayout(rerolled, scalarForm);
    return layout.fits() ? layout : null;
  }

  private RerolledLayout(Rerolled f, boolean scalarForm) {
    this.f = f;
    this.names = f.names;
    this.scalarForm = scalarForm;
    this.language = new Syntax(Syntax.Dialect.LANGUAGE, names::atom);
    this.plain = new Syntax(Syntax.Dialect.JAVA, n -> n.op() == Op.ADJOINT ? names.adjoint(n.target()) : names.value(n));
    this.in = names.parameter("in");
    this.grad = names.parameter("grad");
    this.k = names.fresh("k");
    for (int i = 0; i < f.gradient.wrt().size(); i++) wrtIndex.put(f.gradient.wrt().get(i), i);
    Syntax forward = plain.counting(forwardOps);
    Syntax backward = plain.counting(backwardOps);
    for (Node gate : f.outer.forward()) {
      (f.afterLoops.contains(gate) ? after : before).add(line("double " + names.value(gate) + " = " + forward.definition(gate) + ";"));
    }
    for (Rerolled.Loop loop : f.loops) {
      Count outside = forwardOps.within(Count.of(loop.trips()));
      List<JavaEmitter.Line> body = forwardBody(loop, forward);
      forwardOps.within(outside);
      forwardLoops.add(new LoopCode("// " + loop.description() + "\n", List.of(start(loop)), loop.trips(), body));
    }
    outerBackward = ScalarBackward.lines(f.model, f.outer, names, language, backward,
        n -> "double " + names.adjoint(n), names::adjoint);
    Set<Node> written = ScalarBackward.written(f.outer);
    startGradient(written);
    for (int j = 0; j < f.loops.size(); j++) {
      Rerolled.Loop loop = f.loops.get(j);
      if (!differentiated(loop, written)) {
        // no partial to write: the gradient needs the sum only, where the other loops compute theirs
        if (f.fused) backwardLoops.add(forwardLoops.get(j));
        continue;
      }
      Count outside = backwardOps.within(Count.of(loop.trips()));
      List<JavaEmitter.Line> body = f.fused ? forwardBody(loop, plain) : recomputed(loop, backward);
      body.addAll(ScalarBackward.lines(f.model, loop.body(), names, language, backward,
          n -> "double " + names.adjoint(n), names::adjoint, false));
      body.addAll(writes(loop, exclusive.get(j), backward));
      backwardOps.within(outside);
      String heading = "\n// " + (f.fused ? "value and backward" : "backward") + ", " + loop.description()
          + "\n// each window seeded with " + names.adjoint(loop.sum()) + "\n";
      backwardLoops.add(new LoopCode(heading, f.fused ? List.of(start(loop)) : List.of(), loop.trips(), body));
    }
    unpack();
  }

  /** Whether the loop writes partials: the sum has an adjoint and some slot of the window one. */
  private static boolean differentiated(Rerolled.Loop loop, Set<Node> outerWritten) {
    if (!outerWritten.contains(loop.sum())) return false;
    Set<Node> written = ScalarBackward.written(loop.body());
    for (int q = 0; q < loop.slots().size(); q++) {
      if (loop.run().slots().get(q).grad() >= 0 && written.contains(loop.slots().get(q))) return true;
    }
    return false;
  }

  private JavaEmitter.Line start(Rerolled.Loop loop) {
    return line("double " + names.value(loop.sum()) + " = 0.0;");
  }

  private static JavaEmitter.Line line(String code) {
    return new JavaEmitter.Line("", code, "");
  }

  /** The operations per call of the class, counted on its statements: those in a loop once per trip. */
  OpCertificate certificate() {
    return new OpCertificate(forwardOps.counts(), backwardOps.counts());
  }

  /** Whether {@code value} and {@code gradient} fit {@link JavaSize#METHOD_BUDGET}, with room for the loops' headers. */
  private boolean fits() {
    long loopHeaders = 32L * (forwardLoops.size() + backwardLoops.size());
    return loopHeaders + bytes(value()) <= JavaSize.METHOD_BUDGET && loopHeaders + bytes(gradient()) <= JavaSize.METHOD_BUDGET;
  }

  private static long bytes(List<Object> parts) {
    long bytes = 0;
    for (Object part : parts) {
      if (part instanceof LoopCode loop) bytes += JavaSize.bytes(loop.start()) + JavaSize.bytes(loop.body());
      else bytes += JavaSize.bytes(List.of((JavaEmitter.Line) part));
    }
    return bytes;
  }

  /** The loop's statements for one window: its slots read from {@code in}, its gates, and its value added to the sum. */
  private List<JavaEmitter.Line> forwardBody(Rerolled.Loop loop, Syntax java) {
    List<JavaEmitter.Line> body = new ArrayList<>(loads(loop, new HashSet<>(loop.slots())));
    for (Node gate : loop.body().forward()) body.add(line("double " + names.value(gate) + " = " + java.definition(gate) + ";"));
    java.countAccumulation();
    body.add(line(names.value(loop.sum()) + " += " + java.print(loop.window()) + ";"));
    return body;
  }

  /** What the backward statements of an unfused loop read: its slots and the gates they need, recomputed. */
  private List<JavaEmitter.Line> recomputed(Rerolled.Loop loop, Syntax java) {
    Set<Node> read = readByBackward(loop);
    List<JavaEmitter.Line> body = new ArrayList<>(loads(loop, read));
    for (Node gate : loop.body().forward()) {
      if (read.contains(gate)) body.add(line("double " + names.value(gate) + " = " + java.definition(gate) + ";"));
    }
    return body;
  }

  /** The slots and gates of the window the backward statements read, with the gates those need. */
  private static Set<Node> readByBackward(Rerolled.Loop loop) {
    Set<Node> values = new HashSet<>(loop.body().forward());
    values.addAll(loop.slots());
    Set<Node> read = new HashSet<>();
    Set<Node> seen = new HashSet<>();
    for (Gradient.Step step : loop.body().steps()) {
      for (Gradient.Contribution c : step.contributions()) frontier(c.expression(), values, read, seen);
    }
    List<Node> gates = loop.body().forward();
    for (int i = gates.size() - 1; i >= 0; i--) {
      if (read.contains(gates.get(i))) read.addAll(gates.get(i).args());
    }
    return read;
  }

  private static void frontier(Node e, Set<Node> values, Set<Node> read, Set<Node> seen) {
    if (!seen.add(e) || e.op() == Op.ADJOINT || e.isConstant()) return;
    if (values.contains(e)) read.add(e);
    else for (Node arg : e.args()) frontier(arg, values, read, seen);
  }

  /** {@code double xA = in[2 * k];} for each slot of {@code used} with its own input per window. */
  private List<JavaEmitter.Line> loads(Rerolled.Loop loop, Set<Node> used) {
    List<JavaEmitter.Line> loads = new ArrayList<>();
    for (int q = 0; q < loop.slots().size(); q++) {
      SumRuns.Slot slot = loop.run().slots().get(q);
      Node s = loop.slots().get(q);
      if (slot.inStride() != 0 && used.contains(s)) {
        loads.add(line("double " + names.value(s) + " = " + in + "[" + index(slot.in(), slot.inStride()) + "];"));
      }
    }
    return loads;
  }

  /** Each differentiated slot's adjoint into {@code grad}: set by its only writer, added otherwise. */
  private List<JavaEmitter.Line> writes(Rerolled.Loop loop, boolean[] only, Syntax java) {
    List<JavaEmitter.Line> writes = new ArrayList<>();
    Set<Node> written = ScalarBackward.written(loop.body());
    for (int q = 0; q < loop.slots().size(); q++) {
      SumRuns.Slot slot = loop.run().slots().get(q);
      if (slot.grad() < 0 || !written.contains(loop.slots().get(q))) continue;
      if (!only[q]) java.countAccumulation();
      writes.add(line(grad + "[" + index(slot.grad(), slot.gradStride()) + "] " + (only[q] ? "=" : "+=") + " "
          + names.adjoint(loop.slots().get(q)) + ";"));
    }
    return writes;
  }

  /** {@code a + s k} as an index: {@code 2 * k + 1}, {@code k}, {@code 999 - k}. */
  private String index(int a, int s) {
    if (s == 0) return Integer.toString(a);
    String term = Math.abs(s) == 1 ? k : Math.abs(s) + " * " + k;
    if (s < 0) return a + " - " + term;
    return a == 0 ? term : term + " + " + a;
  }

  /**
   * Counts the writers of each entry of {@code grad}, decides which slots set theirs, clears the
   * entries no one sets (one by one when few, else all in a loop first), and writes the outer
   * part's partials.
   */
  private void startGradient(Set<Node> outerWritten) {
    int size = f.gradient.wrt().size();
    int[] writers = new int[size];
    boolean[] byOuter = new boolean[size];
    for (Node v : f.gradient.wrt()) {
      if (outerWritten.contains(v)) {
        writers[wrtIndex.get(v)]++;
        byOuter[wrtIndex.get(v)] = true;
      }
    }
    forEachWrite(outerWritten, (j, q, i) -> writers[i]++);
    for (Rerolled.Loop loop : f.loops) {
      boolean[] only = new boolean[loop.slots().size()];
      Arrays.fill(only, true);
      exclusive.add(only);
    }
    forEachWrite(outerWritten, (j, q, i) -> exclusive.get(j)[q] &= writers[i] == 1 && f.loops.get(j).run().slots().get(q).gradStride() != 0);
    Set<Integer> clear = new LinkedHashSet<>();
    for (int i = 0; i < size; i++) if (writers[i] == 0) clear.add(i);
    forEachWrite(outerWritten, (j, q, i) -> {
      if (!exclusive.get(j)[q] && !byOuter[i]) clear.add(i);
    });
    if (clear.size() > 8) {
      String i = names.fresh("i");
      gradStart.add(line("for (int " + i + " = 0; " + i + " < " + size + "; " + i + "++) " + grad + "[" + i + "] = 0.0;"));
    } else {
      clear.stream().sorted().forEach(i -> gradStart.add(line(grad + "[" + i + "] = 0.0;")));
    }
    for (Node v : f.gradient.wrt()) {
      if (outerWritten.contains(v)) gradStart.add(line(grad + "[" + wrtIndex.get(v) + "] = " + names.adjoint(v) + ";"));
    }
  }

  private interface Write {
    void at(int loop, int slot, int index);
  }

  /** Every entry of {@code grad} each loop's slots write, window by window. */
  private void forEachWrite(Set<Node> outerWritten, Write write) {
    for (int j = 0; j < f.loops.size(); j++) {
      Rerolled.Loop loop = f.loops.get(j);
      if (!outerWritten.contains(loop.sum())) continue;
      Set<Node> written = ScalarBackward.written(loop.body());
      for (int q = 0; q < loop.slots().size(); q++) {
        SumRuns.Slot slot = loop.run().slots().get(q);
        if (slot.grad() < 0 || !written.contains(loop.slots().get(q))) continue;
        for (int w = 0; w < loop.trips(); w++) write.at(j, q, slot.grad() + w * slot.gradStride());
      }
    }
  }

  /** The inputs the outer part and the loops' shared slots read, from {@code in}. */
  private void unpack() {
    Set<Node> read = new HashSet<>();
    for (Node gate : f.outer.forward()) read.addAll(gate.args());
    Set<Node> values = new HashSet<>(f.model.inputs());
    values.addAll(f.outer.forward());
    Set<Node> seen = new HashSet<>();
    f.outer.steps().forEach(s -> s.contributions().forEach(c -> frontier(c.expression(), values, read, seen)));
    for (Rerolled.Loop loop : f.loops) {
      for (int q = 0; q < loop.slots().size(); q++) {
        if (loop.run().slots().get(q).inStride() == 0) read.add(loop.run().leaves().get(q));
      }
    }
    for (int i = 0; i < f.model.inputs().size(); i++) {
      Node input = f.model.inputs().get(i);
      if (read.contains(input)) unpack.add(line("double " + names.value(input) + " = " + in + "[" + i + "];"));
    }
  }

  private List<Object> value() {
    List<Object> parts = new ArrayList<>(unpack);
    parts.addAll(before);
    parts.addAll(forwardLoops);
    parts.addAll(after);
    return parts;
  }

  private List<Object> gradient() {
    List<Object> parts = new ArrayList<>(unpack);
    parts.addAll(before);
    if (!f.fused) {
      parts.addAll(forwardLoops);
      parts.addAll(after);
    }
    parts.addAll(outerBackward);
    parts.addAll(gradStart);
    parts.addAll(backwardLoops);
    if (f.fused) parts.addAll(after);
    return parts;
  }

  JavaFile file(String packageName, String className) {
    TypeSpec.Builder type = TypeSpec.classBuilder(className).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(JavaEmitter.classDoc(f.model, f.gradient, certificate()));
    type.addJavadoc("<p>The sums' regular runs of summands are computed in loops over {@code $L} ($L $L), the rest\n"
        + "straight-line; the backward loops recompute what each window's adjoints need. The forms with a\n"
        + "parameter list pass the inputs on in a new array.\n", k, f.loops.size(), f.loops.size() == 1 ? "loop" : "loops");
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    String order = f.model.inputs().stream().map(Node::name).collect(Collectors.joining(", "));
    String result = plain.print(f.outer.output());
    if (scalarForm) {
      String parameters = f.model.inputs().stream().map(names::value).collect(Collectors.joining(", "));
      MethodSpec.Builder value = method("value", "Returns $L.\n", f.model.outputName());
      MethodSpec.Builder gradient = method("gradient", "Returns $L and writes its partial derivatives into {@code $L}, in the order $L.\n",
          f.model.outputName(), grad, f.gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", ")));
      for (Node input : f.model.inputs()) {
        value.addParameter(double.class, names.value(input));
        gradient.addParameter(double.class, names.value(input));
      }
      type.addMethod(value.addStatement("return value(new double[] {$L})", parameters).build());
      type.addMethod(gradient.addParameter(double[].class, grad)
          .addStatement("return gradient(new double[] {$L}, $L)", parameters, grad).build());
    }
    type.addMethod(body(method("value", "Returns $L; {@code $L} holds the inputs in the order $L.\n", f.model.outputName(), in, order)
        .addParameter(double[].class, in), value()).addStatement("return $L", result).build());
    type.addMethod(body(method("gradient", "Returns $L and writes its gradient into {@code $L}; {@code $L} holds the inputs in the order $L.\n",
        f.model.outputName(), grad, in, order).addParameter(double[].class, in).addParameter(double[].class, grad), gradient())
        .addStatement("return $L", result).build());
    Helpers.addTo(type, f.outer, f.loopExpressions());
    return JavaEmitter.javaFile(packageName, type.build());
  }

  private MethodSpec.Builder body(MethodSpec.Builder method, List<Object> parts) {
    for (Object part : parts) {
      // a section's heading starts with an empty line, but not at the top of a method
      boolean top = part == parts.get(0);
      if (part instanceof LoopCode loop) {
        method.addCode("$L", top ? loop.heading().stripLeading() : loop.heading());
        loop.start().forEach(l -> method.addCode(l.block()));
        method.beginControlFlow("for (int $L = 0; $L < $L; $L++)", k, k, loop.trips(), k);
        loop.body().forEach(l -> method.addCode(l.block()));
        method.endControlFlow();
      } else {
        JavaEmitter.Line line = (JavaEmitter.Line) part;
        method.addCode((top ? new JavaEmitter.Line(line.heading().stripLeading(), line.code(), line.trailing()) : line).block());
      }
    }
    return method;
  }

  private static MethodSpec.Builder method(String name, String javadoc, Object... args) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(double.class)
        .addJavadoc(javadoc, args);
  }
}
