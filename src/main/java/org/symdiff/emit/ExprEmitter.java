package org.symdiff.emit;

import java.util.Map;
import org.symdiff.diff.ClosedForm;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * {@code --emit expr}: one line per variable, {@code df/dx = <expression in our language>}. For a
 * scalar model each line is closed-form over the inputs. For a program over vectors and matrices,
 * the adjoints of the program's named values get lines of their own first, so each line reads like
 * the notes: {@code dX1 = step(X1) * (dX2 @ transpose(W2))}, {@code dL/dW1 = transpose(X) @ dX1}.
 */
public final class ExprEmitter {
  private ExprEmitter() {}

  public static String emit(Model model, Gradient gradient) {
    boolean matrices = model.graph().nodes().stream().anyMatch(n -> !n.shape().isScalar());
    ClosedForm form = ClosedForm.of(model.graph(), gradient, n -> matrices && model.names().containsKey(n));
    Syntax syntax = new Syntax(Syntax.Dialect.LANGUAGE, n -> {
      if (!matrices) return null;
      if (n.op() == Op.ADJOINT) return "d" + model.names().get(n.target());
      return model.names().get(n);
    });
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Node, Node> e : form.definitions().entrySet()) {
      out.append('d').append(model.names().get(e.getKey())).append(" = ")
          .append(syntax.print(e.getValue())).append('\n');
    }
    for (Map.Entry<Node, Node> e : form.partials().entrySet()) {
      out.append('d').append(model.outputName()).append("/d").append(e.getKey().name())
          .append(" = ").append(syntax.print(e.getValue())).append('\n');
    }
    return out.toString();
  }
}
