package org.symdiff.emit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.symdiff.diff.Gradient;
import org.symdiff.emit.JavaEmitter.Line;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * The backward section of a scalar class, as lines: the output's adjoint seeded with 1, then each
 * gate's adjoint contributions headed by the forward line they differentiate, a further path into
 * a value adding {@code +=}; and which adjoints the section writes. It is apart from
 * {@link JavaEmitter} because the rerolled and scratch layouts and the scalar Jacobian build on it too.
 */
final class ScalarBackward {
  private ScalarBackward() {}

  /** The adjoint contributions, each gate's headed by the forward line it differentiates. */
  static List<Line> lines(Model model, Gradient gradient, LocalNames names, Syntax language, Syntax java,
      Function<Node, String> define, Function<Node, String> adjoint) {
    return lines(model, gradient, names, language, java, define, adjoint, true);
  }

  /** The same; unless {@code seed}, the output's adjoint is the caller's (a loop body's window, of a sum's). */
  static List<Line> lines(Model model, Gradient gradient, LocalNames names, Syntax language, Syntax java,
      Function<Node, String> define, Function<Node, String> adjoint, boolean seed) {
    List<Line> lines = new ArrayList<>();
    Set<Node> declared = new HashSet<>();
    Node output = gradient.output();
    if (seed && isSeeded(gradient)) {
      lines.add(new Line("\n// backward: d<v> = d" + model.outputName() + "/d<v>, from the output down\n",
          define.apply(output) + " = 1.0;", ""));
      declared.add(output);
    }
    for (Gradient.Step step : gradient.steps()) {
      String heading = "// " + names.value(step.gate()) + " = " + language.definition(step.gate()) + "\n";
      Map<Node, String> stored = sharesReadAgain(step, declared, adjoint);
      Syntax stepJava = stored.isEmpty() ? java : java.withAliases(stored);
      for (Gradient.Contribution c : step.contributions()) {
        Node e = c.expression();
        String share = stored.containsKey(e) ? stepJava.definition(e) : stepJava.print(e);
        boolean first = declared.add(c.target());
        String code = first ? define.apply(c.target()) + " = " + share + ";" : adjoint.apply(c.target()) + " += " + share + ";";
        if (!first) java.countAccumulation();
        lines.add(new Line(heading, code, ""));
        heading = "";
      }
    }
    return lines;
  }

  /**
   * The shares of {@code step} that a later share of the same step reads, each by the adjoint it
   * is first stored in ({@code da = dy / b}, then {@code db = -(da * y)}); a share added to an
   * adjoint that holds more already has no name of its own.
   */
  private static Map<Node, String> sharesReadAgain(Gradient.Step step, Set<Node> declared, Function<Node, String> adjoint) {
    Map<Node, String> stored = new HashMap<>();
    List<Gradient.Contribution> contributions = step.contributions();
    if (contributions.size() < 2) return stored;
    Set<Node> stepTargets = new HashSet<>();
    for (int k = 0; k < contributions.size(); k++) {
      Gradient.Contribution c = contributions.get(k);
      boolean first = !declared.contains(c.target()) && stepTargets.add(c.target());
      if (!first || c.expression().op().isLeaf()) continue;
      for (int later = k + 1; later < contributions.size(); later++) {
        if (reads(contributions.get(later).expression(), c.expression())) {
          stored.put(c.expression(), adjoint.apply(c.target()));
          break;
        }
      }
    }
    return stored;
  }

  /** Whether {@code part} is {@code whole} or one of its arguments, however deep (shares are small). */
  private static boolean reads(Node whole, Node part) {
    if (whole == part) return true;
    if (whole.id() < part.id()) return false;
    for (Node arg : whole.args()) if (reads(arg, part)) return true;
    return false;
  }

  /** Whether the output's adjoint is seeded: some step reads it, or it is itself a variable asked for. */
  static boolean isSeeded(Gradient gradient) {
    return !gradient.steps().isEmpty() || gradient.wrt().contains(gradient.output());
  }

  /** The wrt variables whose adjoint the backward section writes; the others' partials are 0. */
  static Set<Node> written(Gradient gradient) {
    Set<Node> written = new HashSet<>();
    if (isSeeded(gradient)) written.add(gradient.output());
    gradient.steps().forEach(s -> s.contributions().forEach(c -> written.add(c.target())));
    return written;
  }
}
