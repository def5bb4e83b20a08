package org.symdiff.emit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.ClosedForm;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.diff.Tangents;
import org.symdiff.graph.Graph;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * {@code --emit expr} for Jacobians and Hessians, in closed form sharing the model's graph. A
 * scalar output's row is its gradient's lines. A vector output's column for a scalar input is the
 * tangent along that input ({@code dr/da = exp(-b * t)}); for a vector input it is the matrix J
 * with tangent {@code J @ xDot}, read off the tangent where it has that form ({@code dr/dx = A}).
 * Second derivatives are the tangents of the gradient's closed form: {@code d2f/dxdy} for scalars,
 * and for vectors the matrix form where one exists ({@code d2L/dxdx = A + transpose(A)} for
 * {@code L = x @ A @ x}); a pair without one says so and points to the numbers.
 */
public final class SecondOrderExpr {
  private SecondOrderExpr() {}

  /** One line per output and input (one block of gradient lines per scalar output). */
  public static String jacobian(Model model, List<Node> wrt) {
    Graph g = model.graph();
    StringBuilder out = new StringBuilder();
    Map<String, Node> columns = new java.util.LinkedHashMap<>();
    for (Model.Output o : model.outputs()) {
      if (o.value().shape().isScalar()) {
        out.append(ExprEmitter.emit(model, ReverseSweep.differentiate(g, o.value(), wrt), o.name()));
        continue;
      }
      for (Node v : wrt) columns.put("d" + o.name() + "/d" + v.name(), column(g, o.value(), v));
    }
    return out.append(print(model, columns)).toString();
  }

  /** The distinct second derivatives of a scalar output: each pair of inputs once. */
  public static String hessian(Model model, Gradient gradient) {
    Graph g = model.graph();
    ClosedForm form = ClosedForm.of(g, gradient);
    List<Node> wrt = gradient.wrt();
    Map<String, Node> lines = new java.util.LinkedHashMap<>();
    for (int i = 0; i < wrt.size(); i++) {
      for (int j = i; j < wrt.size(); j++) {
        Node a = wrt.get(i);
        Node b = wrt.get(j);
        String name = "d2" + model.outputName() + "/d" + a.name() + "d" + b.name();
        Node block;
        if (b.shape().isScalar()) block = alongScalar(g, form.partials().get(a), b);
        else if (a.shape().isScalar()) block = alongScalar(g, form.partials().get(b), a);
        // the tangent of b's gradient along a is aDot @ M, M the (a, b) block itself
        else {
          Node tangent = new Tangents.Sweep(g, List.of(a)).of(form.partials().get(b));
          block = tangent == null ? g.zero() : matrixForm(g, tangent, g.tangent(a));
        }
        lines.put(name, block);
      }
    }
    return print(model, lines);
  }

  /**
   * H v in closed form, one line per input, {@code Hv_x = ...}: the tangent of the gradient along
   * a direction whose entry for each input x is the new name {@code v_x}.
   */
  public static String hvp(Model model, Gradient gradient) {
    Graph g = model.graph();
    ClosedForm form = ClosedForm.of(g, gradient);
    Tangents.Sweep sweep = new Tangents.Sweep(g, gradient.wrt());
    Map<Node, Node> directions = new HashMap<>();
    for (Node v : gradient.wrt()) directions.put(g.tangent(v), g.variable("v_" + v.name(), v.shape()));
    Map<String, Node> lines = new java.util.LinkedHashMap<>();
    for (Node v : gradient.wrt()) {
      Node tangent = sweep.of(form.partials().get(v));
      lines.put("Hv_" + v.name(), tangent == null ? g.constant(0, v.shape()) : substitute(g, tangent, directions, new HashMap<>()));
    }
    return print(model, lines);
  }

  /**
   * {@code name = value} lines; where they would grow long, shared subexpressions are named first
   * ({@code t1 = ...}) as in {@link ExprEmitter}, so the text stays proportional to the graph.
   */
  private static String print(Model model, Map<String, Node> lines) {
    List<Node> roots = lines.values().stream().filter(java.util.Objects::nonNull).toList();
    Map<Node, String> shared = ExprEmitter.factor(roots, Map.of(), model);
    Syntax syntax = new Syntax(Syntax.Dialect.LANGUAGE, shared::get);
    StringBuilder out = new StringBuilder();
    if (!shared.isEmpty()) out.append("# shared subexpressions, named to keep the lines short\n");
    shared.forEach((n, name) -> out.append(name).append(" = ").append(syntax.definition(n)).append('\n'));
    lines.forEach((name, value) -> {
      if (value == null) out.append("# ").append(name).append(": no matrix form; --emit json --at gives its numbers\n");
      else out.append(name).append(" = ").append(syntax.print(value)).append('\n');
    });
    return out.toString();
  }

  /** The Jacobian column block of a vector output for one input, or null without a matrix form. */
  private static Node column(Graph g, Node output, Node v) {
    if (v.shape().isScalar()) return alongScalar(g, output, v);
    if (v.shape().rank() != 1 || output.shape().rank() != 1) return null;
    Node tangent = new Tangents.Sweep(g, List.of(v)).of(output);
    // the tangent is J @ vDot = vDot @ transpose(J)
    return transposed(g, matrixForm(g, tangent, g.tangent(v)));
  }

  private static Node transposed(Graph g, Node m) {
    return m == null ? null : g.transpose(m);
  }

  /** d(value)/d(scalar v): the tangent along v with v's tangent 1. */
  private static Node alongScalar(Graph g, Node value, Node v) {
    Node tangent = new Tangents.Sweep(g, List.of(v)).of(value);
    if (tangent == null) return g.constant(0, value.shape());
    return substitute(g, tangent, g.tangent(v), g.one(), new HashMap<>());
  }

  private static Node substitute(Graph g, Node e, Node leaf, Node by, Map<Node, Node> memo) {
    return substitute(g, e, Map.of(leaf, by), memo);
  }

  /** {@code e} with each leaf of {@code by} replaced by its value there, rebuilt (and so simplified). */
  private static Node substitute(Graph g, Node e, Map<Node, Node> by, Map<Node, Node> memo) {
    Node replacement = by.get(e);
    if (replacement != null) return replacement;
    if (e.op().isLeaf()) return e;
    Node done = memo.get(e);
    if (done != null) return done;
    List<Node> args = new ArrayList<>();
    for (Node arg : e.args()) args.add(substitute(g, arg, by, memo));
    Node result = g.rebuild(e, args);
    memo.put(e, result);
    return result;
  }

  /** A matrix M with {@code e = t @ M} for the vector leaf t, e linear in it; null where there is none the language can write. */
  private static Node matrixForm(Graph g, Node e, Node t) {
    Node m = linear(g, e, t);
    return known(m) ? m : null;
  }

  /** M for {@code e = t @ M}, {@link #IDENTITY_MARK} for t itself, or null. */
  private static Node linear(Graph g, Node e, Node t) {
    if (e == null) return null;
    if (e == t) return IDENTITY_MARK;
    return switch (e.op()) {
      case ADD -> both(g, linear(g, e.arg(0), t), linear(g, e.arg(1), t), false);
      case SUBTRACT -> both(g, linear(g, e.arg(0), t), linear(g, e.arg(1), t), true);
      case NEGATE -> known(linear(g, e.arg(0), t)) ? g.neg(linear(g, e.arg(0), t)) : null;
      case TRANSPOSE -> e.shape().rank() == 1 ? linear(g, e.arg(0), t) : null;
      case MULTIPLY -> {
        int side = moves(e.arg(0), t) ? 0 : 1;
        Node factor = e.arg(1 - side);
        Node m = linear(g, e.arg(side), t);
        yield factor.shape().isScalar() && !moves(factor, t) && known(m) ? g.mul(factor, m) : null;
      }
      case MATMUL -> {
        Node a = e.arg(0);
        Node b = e.arg(1);
        if (e.shape().rank() != 1) yield null;
        if (moves(a, t) && !moves(b, t) && b.shape().rank() == 2) {
          Node m = linear(g, a, t);
          yield m == IDENTITY_MARK ? b : known(m) ? g.matmul(m, b) : null;
        }
        if (moves(b, t) && !moves(a, t) && a.shape().rank() == 2) {
          // A @ (t @ M) = t @ (M @ transpose(A))
          Node m = linear(g, b, t);
          yield m == IDENTITY_MARK ? g.transpose(a) : known(m) ? g.matmul(m, g.transpose(a)) : null;
        }
        yield null;
      }
      default -> null;
    };
  }

  /** Stands for the identity matrix, which the language has no name for: a form needing it in a sum has none. */
  private static final Node IDENTITY_MARK = Graph.unsimplified().constant(1);

  private static boolean known(Node m) {
    return m != null && m != IDENTITY_MARK;
  }

  private static Node both(Graph g, Node a, Node b, boolean subtract) {
    if (!known(a) || !known(b)) return null;
    return subtract ? g.sub(a, b) : g.add(a, b);
  }

  private static boolean moves(Node e, Node t) {
    List<Node> stack = new ArrayList<>(List.of(e));
    java.util.Set<Node> seen = new java.util.HashSet<>();
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (n == t) return true;
      if (seen.add(n)) stack.addAll(n.args());
    }
    return false;
  }
}
