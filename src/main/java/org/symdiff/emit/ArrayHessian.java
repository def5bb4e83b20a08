package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Node;

/**
 * {@code hessian} of an array class: the forward section and the backward one (less the gradient),
 * then the tangent section
 * of {@code hvp} once per column j along the unit vector e_j (a workspace array per variable, one
 * entry set at a time), its H e_j copied into column j. n tangent sections, not n unrolled copies.
 */
final class ArrayHessian {
  private ArrayHessian() {}

  static MethodSpec method(ArraySignatures signatures, Gradient gradient, LocalNames names, Sizes sizes,
      List<Slot> units, List<Slot> columns, Set<Node> forwardInputs, Set<Node> adjointInputs, Set<Node> tangentInputs) {
    String h = names.fresh("H");
    String e = names.fresh("e");
    String row = names.fresh("row");
    String n = "0";
    for (Node v : gradient.wrt()) n = Sizes.plus(n, sizes.size(v.shape()));
    String wrt = gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", "));
    MethodSpec.Builder method = signatures.publicMethod("hessian", Docs.wrap("Returns " + signatures.outputName()
        + " and writes its Hessian with respect to " + wrt + " into {@code " + h + "}, row-major, " + n + " x " + n
        + ", rows and columns the variables' elements in order. Column j is H e_j, the tangent section along the unit"
        + " vector e_j, in a loop.") + "\n").returns(double.class);
    method.addParameter(double[].class, h);
    signatures.prepareAndCheck(method, h, Sizes.times(n, n));
    String result = names.fresh("result");
    method.addStatement("double $L = forward($L)", result, signatures.argumentsOf(forwardInputs, List.of()));
    method.addStatement("adjoints($L)", signatures.argumentsOf(adjointInputs, List.of()));
    List<Slot> more = new ArrayList<>(units);
    more.addAll(columns);
    String tangent = signatures.argumentsOf(tangentInputs, more);
    String offset = "0";
    for (int k = 0; k < gradient.wrt().size(); k++) {
      Node v = gradient.wrt().get(k);
      CodeBlock.Builder code = CodeBlock.builder()
          .add("// the columns of $L: H e along each of its entries\n", v.name())
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", e, e, sizes.size(v.shape()), e)
          .addStatement("$L[$L] = 1.0", units.get(k).name(), e)
          .addStatement("tangent($L)", tangent)
          .addStatement("$L[$L] = 0.0", units.get(k).name(), e);
      String rowAt = "0";
      for (int w = 0; w < gradient.wrt().size(); w++) {
        Node other = gradient.wrt().get(w);
        String index = Sizes.plus(Sizes.times(grouped(Sizes.plus(rowAt, row)), grouped(n)), Sizes.plus(offset, e));
        code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", row, row, sizes.size(other.shape()), row)
            .addStatement("$L[$L] = $L[$L]", h, index, columns.get(w).name(), row)
            .endControlFlow();
        rowAt = Sizes.plus(rowAt, sizes.size(other.shape()));
      }
      method.addCode(code.endControlFlow().build());
      offset = Sizes.plus(offset, sizes.size(v.shape()));
    }
    return method.addStatement("return $L", result).build();
  }

  private static String grouped(String sum) {
    return sum.contains(" ") ? "(" + sum + ")" : sum;
  }
}
