package org.symdiff.emit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.diff.Gradient;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Nodes;
import org.symdiff.graph.Op;

/**
 * {@code --emit dot}: the computational graph in Graphviz's language, as seeds 003 and 004 draw it:
 * the inputs on the left, one node per gate, the output on the right (doubly outlined), the values
 * the program named labelled by their names, and the shape of every array on its edges. At a point,
 * every edge carries the value flowing forward (green) and every node its adjoint (red, the
 * gradient flowing back), as in cs231n's pictures.
 */
public final class DotEmitter {
  private static final String VALUE = "#2e7d32";
  private static final String GRADIENT = "#c62828";
  /** Arrays of up to this many numbers are written out on the picture; larger ones by their norm. */
  private static final int SHOWN = 4;

  private final Model model;
  private final Gradient gradient;
  private final boolean hideConstants;
  private final Evaluator point;
  private final Set<Node> live = new HashSet<>();

  private DotEmitter(Model model, Gradient gradient, boolean hideConstants, Map<Node, double[]> at) {
    this.model = model;
    this.gradient = gradient;
    this.hideConstants = hideConstants;
    this.point = at == null ? null : new Evaluator(at);
    if (point != null) {
      point.value(gradient.output());
      point.backward(gradient);
    }
    gradient.steps().forEach(s -> live.add(s.gate()));
    live.addAll(gradient.wrt());
  }

  /**
   * The graph of {@code model} (at {@code at}, a point binding its inputs, or null for none). With
   * {@code hideConstants}, constants and the gates no {@code --wrt} variable reaches are left out.
   */
  public static String emit(Model model, Gradient gradient, boolean hideConstants, Map<Node, double[]> at) {
    return new DotEmitter(model, gradient, hideConstants, at).render();
  }

  private String render() {
    List<Node> roots = new ArrayList<>(List.of(gradient.output()));
    roots.addAll(model.names().keySet());
    List<Node> nodes = Nodes.reachable(roots);
    Set<Node> shown = new LinkedHashSet<>();
    for (Node n : nodes) if (shows(n)) shown.add(n);
    StringBuilder dot = new StringBuilder("digraph ").append(quote(model.outputName())).append(" {\n")
        .append("  rankdir=LR;\n")
        .append("  node [fontname=\"Helvetica\", fontsize=11];\n")
        .append("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];\n");
    for (Node n : shown) dot.append("  ").append(id(n)).append(" [").append(attributes(n)).append("];\n");
    for (Node n : shown) {
      for (Node arg : new LinkedHashSet<>(n.args())) {
        if (shown.contains(arg)) dot.append("  ").append(id(arg)).append(" -> ").append(id(n)).append(edge(arg)).append(";\n");
      }
    }
    return dot.append("}\n").toString();
  }

  private boolean shows(Node n) {
    if (n.op() == Op.ADJOINT) return false;
    if (!hideConstants) return true;
    if (n.isConstant()) return false;
    return n.op() == Op.VARIABLE || n.op() == Op.DIM || live.contains(n) || n == gradient.output();
  }

  private String attributes(Node n) {
    String name = n.op().isLeaf() ? (n.isConstant() ? Numbers.shortest(n.value()) : n.name()) : model.names().get(n);
    List<String> lines = new ArrayList<>();
    if (!n.op().isLeaf()) lines.add("<B>" + html(symbol(n)) + "</B>");
    if (name != null) lines.add(html(name));
    if (point != null && !n.isConstant() && n.op() != Op.DIM) {
      double[] adjoint = n == gradient.output() ? new double[] {1} : point.adjoint(n);
      if (adjoint != null) lines.add("<FONT COLOR=\"" + GRADIENT + "\">" + html(Values.describe(adjoint, n.shape(), SHOWN)) + "</FONT>");
    }
    String shape = n.op() == Op.VARIABLE || n.op() == Op.DIM ? "box" : n.isConstant() ? "plaintext" : "ellipse";
    StringBuilder a = new StringBuilder("shape=").append(shape).append(", label=<").append(String.join("<BR/>", lines)).append('>');
    if (n == gradient.output()) a.append(", peripheries=2");
    if (n.op() == Op.VARIABLE && gradient.wrt().contains(n)) a.append(", style=bold");
    if (!n.op().isLeaf() && !live.contains(n) && n != gradient.output()) a.append(", color=gray50, fontcolor=gray40");
    return a.toString();
  }

  /** An edge's label: the shape of an array, and at a point the value flowing along it. */
  private String edge(Node from) {
    List<String> lines = new ArrayList<>();
    if (!from.shape().isScalar()) lines.add(html(from.shape().toString()));
    if (point != null && from.op() != Op.DIM) {
      lines.add("<FONT COLOR=\"" + VALUE + "\">" + html(Values.describe(point.value(from), from.shape(), SHOWN)) + "</FONT>");
    }
    return lines.isEmpty() ? "" : " [label=<" + String.join("<BR/>", lines) + ">]";
  }

  /** The gate's operation as the pictures write it. */
  private static String symbol(Node n) {
    return switch (n.op()) {
      case ADD -> "+";
      case SUBTRACT -> "−";
      case MULTIPLY -> n.arg(0).shape().isScalar() || n.arg(1).shape().isScalar() ? "×" : "⊙";
      case DIVIDE -> "÷";
      case NEGATE -> "−x";
      case POWER -> "^";
      case MATMUL -> "@";
      case SIGMOID -> "σ";
      case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> n.op().symbol();
      case BROADCAST -> "broadcast";
      case SUM_TO -> n.shape().isScalar() ? "Σ" : "Σ to " + n.shape();
      case MAX_TO -> n.shape().isScalar() ? "max" : "max to " + n.shape();
      default -> n.op().function() != null ? n.op().function() : n.op().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String id(Node n) {
    return "n" + n.id();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
