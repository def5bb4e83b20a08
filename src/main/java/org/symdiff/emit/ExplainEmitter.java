package org.symdiff.emit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.Gradient;
import org.symdiff.eval.ChainRulePaths;
import org.symdiff.eval.ChainRulePaths.Edge;
import org.symdiff.eval.ChainRulePaths.Element;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * {@code --explain NAME}: one entry of the gradient as the multipath chain rule, written out at a
 * point. Each path from the output down to the entry is a product of local derivatives, and the
 * entry is their sum. When there are too many paths to list, they are grouped where they meet:
 * each value's adjoint is one sum over the values that use it, written once, from the output down.
 */
public final class ExplainEmitter {
  /** Up to this many paths are listed one by one. */
  static final int LISTED_PATHS = 24;
  /** Grouped, the explanation writes one line per value on the paths, up to this many. */
  static final int LISTED_VALUES = 400;

  private final ChainRulePaths paths;
  private final LocalNames names;
  private final Model model;

  private ExplainEmitter(Model model, Gradient gradient, ChainRulePaths paths) {
    this.model = model;
    this.paths = paths;
    this.names = new LocalNames(model, gradient, List.of());
  }

  /**
   * The explanation of element {@code index} of the input {@code variable}'s gradient, at
   * {@code point}; {@code gradient} is taken with respect to {@code variable}.
   */
  public static String emit(Model model, Gradient gradient, Map<Node, double[]> point, Node variable, int index,
      double entry) {
    ChainRulePaths paths = ChainRulePaths.of(model, gradient, point, variable, index);
    return new ExplainEmitter(model, gradient, paths).render(entry);
  }

  private String render(double entry) {
    Element top = paths.output();
    BigInteger count = paths.count(top);
    String d = "d" + name(top) + "/d" + name(paths.target());
    StringBuilder out = new StringBuilder();
    if (count.signum() == 0) {
      return out.append(d).append(" = 0: no path leads from ").append(name(top)).append(" down to ")
          .append(name(paths.target())).append('\n').toString();
    }
    if (count.compareTo(BigInteger.valueOf(LISTED_PATHS)) <= 0) {
      List<List<Edge>> all = paths.paths(LISTED_PATHS);
      out.append(d).append(" is the sum over ").append(plural(count, "path")).append(" from ").append(name(top))
          .append(" down to ").append(name(paths.target())).append(", each the product of the local derivatives along it:\n");
      double sum = 0;
      for (int p = 0; p < all.size(); p++) {
        List<Edge> path = all.get(p);
        List<String> nodes = new ArrayList<>(List.of(name(top)));
        List<String> factors = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        double product = 1;
        for (Edge e : path) {
          nodes.add(name(e.argument()));
          factors.add("d" + name(e.user()) + "/d" + name(e.argument()));
          numbers.add("(" + Values.number(e.partial()) + ")");
          product *= e.partial();
        }
        sum += product;
        out.append("\npath ").append(p + 1).append(": ").append(String.join(" <- ", nodes)).append('\n')
            .append("  ").append(String.join(" * ", factors)).append('\n')
            .append("  = ").append(String.join(" * ", numbers)).append(" = ").append(Values.number(product)).append('\n');
      }
      out.append("\nsum of the ").append(plural(count, "path")).append(": ").append(Values.number(sum));
    } else {
      out.append(d).append(" is the sum over ").append(count).append(" paths from ").append(name(top)).append(" down to ")
          .append(name(paths.target())).append(", too many to list. Grouped where they meet, each adjoint is one sum\n")
          .append("over the values that use it, written once, from the output down:\n\n");
      Map<Element, List<Edge>> above = paths.above();
      if (above.size() > LISTED_VALUES) {
        return out.append("The paths go through ").append(above.size()).append(" values, more than the ")
            .append(LISTED_VALUES).append(" an explanation writes out; the entry is ").append(Values.number(entry))
            .append(". Explain an entry of a smaller program.\n").toString();
      }
      Map<Element, Double> adjoints = paths.adjoints();
      List<Element> downwards = new ArrayList<>(above.keySet());
      // a value is computed from values of smaller ids: descending ids go from the output down
      downwards.sort(java.util.Comparator.comparingInt((Element x) -> -x.node().id()).thenComparingInt(Element::index));
      for (Element e : downwards) {
        List<Edge> users = above.get(e);
        if (users.size() == 1 && users.get(0).user().equals(top)) {
          out.append("d").append(name(top)).append("/d").append(name(e)).append(" = ")
              .append(Values.number(users.get(0).partial())).append("\n");
          continue;
        }
        List<String> terms = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (Edge edge : above.get(e)) {
          terms.add("d" + name(top) + "/d" + name(edge.user()) + " * d" + name(edge.user()) + "/d" + name(e));
          numbers.add("(" + Values.number(adjoints.get(edge.user())) + ")(" + Values.number(edge.partial()) + ")");
        }
        out.append("d").append(name(top)).append("/d").append(name(e)).append(" = ").append(String.join(" + ", terms))
            .append("\n  = ").append(String.join(" + ", numbers)).append(" = ").append(Values.number(adjoints.get(e)))
            .append("\n");
      }
      out.append("\nthe last line, summed over all ").append(count).append(" paths: ")
          .append(Values.number(adjoints.get(paths.target())));
    }
    return out.append(" (the gradient's entry: ").append(Values.number(entry)).append(")\n").toString();
  }

  private static String plural(BigInteger count, String noun) {
    return count + " " + noun + (count.equals(BigInteger.ONE) ? "" : "s");
  }

  /** An element as the program names it: {@code yhat[0]}, {@code W2[0,1]}, {@code x}; a gate by its local's name. */
  private String name(Element e) {
    Node n = e.node();
    String name = n.op().isLeaf() ? n.name() : model.names().getOrDefault(n, names.value(n));
    return name + index(n.shape(), e.index());
  }

  /** {@code [i]} or {@code [i,j]} (0-based), nothing for a scalar. */
  static String index(Shape shape, int flat) {
    if (shape.isScalar()) return "";
    if (shape.rank() == 1) return "[" + flat + "]";
    int cols = shape.length(1);
    return "[" + flat / cols + "," + flat % cols + "]";
  }
}
