package org.symdiff.emit;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * The name of every local in generated code, decided in one place: inputs keep their names, gates
 * keep the program's names, other gates get names derived from what they compute ({@code sigY},
 * {@code xPlusY}, {@code xPlusYSq}; {@code num} and {@code den} for the parts of a quotient), and
 * each adjoint is {@code d} + its value's name. Method parameters are reserved up front.
 */
final class LocalNames {
  private static final int MAX_DERIVED_LENGTH = 12;

  private final NameAllocator allocator = new NameAllocator();
  private final Map<Node, String> values = new HashMap<>();
  private final Map<Node, String> adjoints = new HashMap<>();
  private final Map<Node, String> tangents = new HashMap<>();
  private final Map<String, String> parameters = new HashMap<>();
  private final Map<String, String> dims = new HashMap<>();

  private LocalNames() {}

  /**
   * Names for an array class: runtime dimensions keep theirs (they are the {@code int}s of the
   * generated code), then {@code reserved} (the class's own methods), inputs and named values; other
   * values get theirs when first stored, derived from what they compute.
   */
  static LocalNames forArrays(Model model, Collection<String> reserved) {
    LocalNames names = new LocalNames();
    for (String dim : model.runtimeDims()) names.dims.put(dim, names.allocator.allocate(dim));
    for (String r : reserved) names.allocator.allocate(r);
    for (Node input : model.inputs()) names.values.put(input, names.allocator.allocate(input.name()));
    for (Model.Assignment a : model.assignments()) {
      if (a.name().equals(model.names().get(a.value()))) names.values.put(a.value(), names.allocator.allocate(a.name()));
    }
    return names;
  }

  /** The {@code int} holding a runtime dimension. */
  String dim(String name) {
    return dims.get(name);
  }

  /** The name of a stored value: its own, or one made now from what it computes. */
  String name(Node n) {
    return values.computeIfAbsent(n, v -> allocator.allocate(derive(v)));
  }

  LocalNames(Model model, Gradient gradient, List<String> parameterNames) {
    this(model, gradient, parameterNames, model.names(), Map.of());
  }

  /**
   * Names for a gradient of gates the program's {@code programNames} name (a {@link Rerolled}
   * function's gates rebuilt around its loops' sums), over the inputs and the further
   * {@code leaves} (those sums), which get the names they want where free.
   */
  LocalNames(Model model, Gradient gradient, List<String> parameterNames, Map<Node, String> programNames,
      Map<Node, String> leaves) {
    for (Node input : model.inputs()) values.put(input, allocator.allocate(input.name()));
    for (String p : parameterNames) parameters.put(p, allocator.allocate(p));
    leaves.forEach((leaf, wanted) -> values.put(leaf, allocator.allocate(wanted)));
    for (Node gate : gradient.forward()) {
      String name = programNames.get(gate);
      if (name != null) values.put(gate, allocator.allocate(name));
    }
    Map<Node, String> roles = quotientRoles(gradient.forward());
    for (Node gate : gradient.forward()) {
      if (!values.containsKey(gate)) {
        values.put(gate, allocator.allocate(roles.getOrDefault(gate, derive(gate))));
      }
    }
    adjoint(gradient.output());
    for (Gradient.Step step : gradient.steps()) {
      for (Gradient.Contribution c : step.contributions()) adjoint(c.target());
    }
  }

  /**
   * Names for the body of a loop over the windows of a sum: its inputs' locals {@code slots} (as
   * wanted where free; those in {@code sameAs} read the outer local of the input every window
   * shares), its gates derived from them, and its adjoints; the window's value is its {@code term}, and
   * its adjoint that of the {@code sum} it adds to.
   */
  void nameLoopBody(Gradient window, Map<Node, String> slots, Map<Node, Node> sameAs, Node sum) {
    slots.forEach((slot, wanted) -> values.put(slot, sameAs.containsKey(slot) ? values.get(sameAs.get(slot)) : allocator.allocate(wanted)));
    Map<Node, String> roles = quotientRoles(window.forward());
    if (!window.output().op().isLeaf()) values.put(window.output(), allocator.allocate("term"));
    for (Node gate : window.forward()) {
      if (!values.containsKey(gate)) values.put(gate, allocator.allocate(roles.getOrDefault(gate, derive(gate))));
    }
    adjoints.put(window.output(), adjoint(sum));
    for (Gradient.Step step : window.steps()) {
      for (Gradient.Contribution c : step.contributions()) adjoint(c.target());
    }
  }

  /** The local holding a forward value, or null for a node that has none. */
  String value(Node n) {
    return values.get(n);
  }

  /** The local holding {@code n}'s adjoint. */
  String adjoint(Node n) {
    return adjoints.computeIfAbsent(n, v -> allocator.allocate("d" + nameOf(v)));
  }

  /**
   * The local holding a tangent leaf: the name of what it differentiates and {@code Dot}, the
   * derivative along the direction ({@code xDot}, {@code sigyDot}, {@code dnumDot} for the adjoint dnum).
   */
  String tangent(Node leaf) {
    return tangents.computeIfAbsent(leaf, t -> {
      Node of = t.target();
      String base = of.op() == Op.ADJOINT ? adjoint(of.target()) : of.op().isLeaf() ? nameOf(of) : name(of);
      return allocator.allocate(base + "Dot");
    });
  }

  /** A new unique name for something that is not a program value (a loop index, a workspace array). */
  String fresh(String wanted) {
    return allocator.allocate(wanted);
  }

  /** A new unique name for a local computing {@code n} (a shared subexpression, a product). */
  String freshLocal(Node n) {
    String name = values.get(n);
    return allocator.allocate(name != null ? name : derive(n));
  }

  /** A method parameter's name, renamed if a program name took it. */
  String parameter(String name) {
    return parameters.get(name);
  }

  /** Names in generated expressions: locals for forward values, d-names for adjoint leaves, Dot-names for tangents. */
  String atom(Node n) {
    if (n.op() == Op.ADJOINT) return adjoint(n.target());
    if (n.op() == Op.TANGENT) return tangent(n);
    return values.get(n);
  }

  private String nameOf(Node n) {
    String name = values.get(n);
    return name != null ? name : n.op().isLeaf() ? "out" : derive(n);
  }

  private Map<Node, String> quotientRoles(List<Node> gates) {
    Map<Node, String> roles = new HashMap<>();
    for (Node gate : gates) {
      if (gate.op() != Op.DIVIDE) continue;
      if (!gate.arg(0).op().isLeaf()) roles.putIfAbsent(gate.arg(0), "num");
      if (!gate.arg(1).op().isLeaf()) roles.putIfAbsent(gate.arg(1), "den");
    }
    return roles;
  }

  /** A readable name from what the gate computes, or the operation's name when that gets long. */
  private String derive(Node gate) {
    String composed = spellLeadingNumber(compose(gate));
    if (composed != null && composed.length() <= MAX_DERIVED_LENGTH) return composed;
    return switch (gate.op()) {
      case ADD -> "sum";
      case SUBTRACT -> "diff";
      case MULTIPLY -> "prod";
      case DIVIDE -> "quot";
      case NEGATE -> "neg";
      case POWER -> "pow";
      case SIGMOID -> "sig";
      case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> "mask";
      case SLICE -> "slice";
      case PAD -> "padded";
      case MATMUL -> "prod";
      case SUM_TO -> "total";
      case MAX_TO -> "largest";
      case BROADCAST -> "spread";
      // an array constant a whole-array op reads from the workspace
      case CONSTANT -> "constant";
      case ADJOINT -> "d" + nameOf(gate.target());
      default -> gate.op().function() != null ? gate.op().function() : gate.op().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static final List<String> NUMBER_WORDS =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");

  /** A name cannot start with a digit: {@code 1MinusY} reads {@code oneMinusY}; larger numbers give up. */
  private static String spellLeadingNumber(String name) {
    if (name == null || !Character.isDigit(name.charAt(0))) return name;
    int end = 0;
    while (end < name.length() && Character.isDigit(name.charAt(end))) end++;
    int number = Integer.parseInt(name.substring(0, end));
    return number < NUMBER_WORDS.size() ? NUMBER_WORDS.get(number) + name.substring(end) : null;
  }

  private String compose(Node gate) {
    String a = gate.args().isEmpty() ? null : part(gate.arg(0));
    String b = gate.args().size() > 1 ? part(gate.arg(1)) : null;
    if (a == null || (gate.args().size() > 1 && b == null)) return null;
    return switch (gate.op()) {
      case ADD -> a + "Plus" + capitalize(b);
      case SUBTRACT -> a + "Minus" + capitalize(b);
      case MULTIPLY -> a + "Times" + capitalize(b);
      case DIVIDE -> a + "Over" + capitalize(b);
      case POWER -> gate.arg(1).isConstant(2) ? a + "Sq" : a + "Pow" + capitalize(b);
      case NEGATE -> "neg" + capitalize(a);
      case SIGMOID -> "sig" + capitalize(a);
      case MAX, MIN -> gate.op().function() + capitalize(a) + capitalize(b);
      case LESS -> a + "Lt" + capitalize(b);
      case LESS_EQUAL -> a + "Le" + capitalize(b);
      case GREATER -> a + "Gt" + capitalize(b);
      case GREATER_EQUAL -> a + "Ge" + capitalize(b);
      case MATMUL -> a + capitalize(b);
      case TRANSPOSE -> a + "T";
      case SLICE -> sliceName(a, gate);
      case PAD -> a + "Padded";
      case LOGSUMEXP -> "lse" + capitalize(a);
      case SUM_TO -> "sum" + capitalize(a);
      case MAX_TO -> "max" + capitalize(a);
      case BROADCAST -> a + "Spread";
      default -> gate.op().function() + capitalize(a);
    };
  }

  /** {@code x[1:]} is {@code xFrom1}, {@code x[:4]} is {@code xTo4}, {@code x[2]} is {@code x2}; other windows {@code xSlice}. */
  private static String sliceName(String a, Node slice) {
    if (slice.arg(0).shape().rank() != 1) return a + "Slice";
    org.symdiff.graph.Window w = slice.window();
    if (!w.keepsCols()) return a + w.colStart();
    int stop = w.colStart() + slice.shape().dim(0).size();
    if (stop == slice.arg(0).shape().dim(0).size()) return a + "From" + w.colStart();
    return w.colStart() == 0 ? a + "To" + stop : a + w.colStart() + "To" + stop;
  }

  /** How an argument reads inside a derived name: its name, or a small whole number. */
  private String part(Node arg) {
    if (arg.isConstant()) {
      double v = arg.value();
      return v >= 0 && v < 100 && v == Math.rint(v) ? Integer.toString((int) v) : null;
    }
    String name = values.get(arg);
    if (name == null || name.startsWith("_")) return null;
    return name;
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
