package org.symdiff.emit;

import java.util.Map;
import org.symdiff.diff.ClosedForm;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/** {@code --emit expr}: one line per variable, {@code df/dx = <expression our parser reads back>}. */
public final class ExprEmitter {
  private ExprEmitter() {}

  public static String emit(Model model, Gradient gradient) {
    Syntax syntax = new Syntax(Syntax.Dialect.LANGUAGE, n -> null);
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Node, Node> e : ClosedForm.of(model.graph(), gradient).entrySet()) {
      out.append('d').append(model.outputName()).append("/d").append(e.getKey().name())
          .append(" = ").append(syntax.print(e.getValue())).append('\n');
    }
    return out.toString();
  }
}
