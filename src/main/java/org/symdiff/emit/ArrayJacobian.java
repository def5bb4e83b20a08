package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.Tangents;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;

/**
 * The public face of an array class whose program has a vector output (or several scalars):
 * {@code value} copies the outputs out, {@code jacobian} writes J, row-major, rows = the outputs'
 * elements, columns = the wrt variables' elements. Forward mode: after one forward section, the
 * tangent section runs once per column with that column's unit direction (a workspace array per
 * variable, one entry set at a time), and its output tangent is the column.
 */
final class ArrayJacobian {
  private final Model model;
  private final Gradient gradient;
  private final LocalNames names;
  private final Sizes sizes;
  private final List<Node> outputs;
  private final Map<Node, Slot> directions = new LinkedHashMap<>();
  private final Map<Node, Slot> outputTangents = new LinkedHashMap<>();

  /** {@code directions} and {@code outputTangents} come from the emitter's workspace. */
  ArrayJacobian(Model model, Gradient gradient, LocalNames names, Sizes sizes, java.util.function.Function<Node, Slot> direction,
      java.util.function.Function<Node, Slot> outputTangent) {
    this.model = model;
    this.gradient = gradient;
    this.names = names;
    this.sizes = sizes;
    this.outputs = model.outputs().stream().map(Model.Output::value).toList();
    for (Node v : gradient.wrt()) directions.put(v, direction.apply(v));
    for (Node out : outputs) outputTangents.put(out, outputTangent.apply(out));
  }

  /** The tangent leaves whose slots the emitter fixes: each direction and each output's tangent. */
  Map<Node, Slot> given() {
    Map<Node, Slot> given = new LinkedHashMap<>();
    directions.forEach((v, slot) -> given.put(model.graph().tangent(v), slot));
    outputTangents.forEach((out, slot) -> given.put(model.graph().tangent(out), slot));
    return given;
  }

  Tangents.Sweep sweep() {
    return new Tangents.Sweep(model.graph(), gradient.wrt());
  }

  private String rows() {
    String rows = "0";
    for (Node out : outputs) rows = Sizes.plus(rows, sizes.size(out.shape()));
    return rows;
  }

  private String columns() {
    String columns = "0";
    for (Node v : gradient.wrt()) columns = Sizes.plus(columns, sizes.size(v.shape()));
    return columns;
  }

  /** The sentence the class's Javadoc gives on the mode. */
  String modeDoc() {
    return "Forward mode: one tangent section per column of the Jacobian (" + columns() + " columns, " + rows()
        + " rows); the tangent of every output along a unit direction is one column.";
  }

  /** {@code value(inputs..., out)}: the outputs' elements, in order, from where the forward section stored them. */
  MethodSpec value(ArraySignatures signatures, String forwardArguments, java.util.function.Function<Node, Slot> stored) {
    String out = names.fresh("out");
    MethodSpec.Builder method = signatures.publicMethod("value", "Writes " + outputNames() + " into {@code " + out + "}, "
        + rows() + " numbers in order.\n");
    method.addParameter(double[].class, out);
    signatures.prepareAndCheck(method, out, rows());
    method.addStatement("forward($L)", forwardArguments);
    String at = "0";
    for (Node o : outputs) {
      Slot slot = stored.apply(o);
      if (slot.array()) method.addStatement("System.arraycopy($L, 0, $L, $L, $L)", slot.name(), out, at, sizes.size(o.shape()));
      else method.addStatement("$L[$L] = $L", out, at, slot.name());
      at = Sizes.plus(at, sizes.size(o.shape()));
    }
    return method.build();
  }

  /** {@code jacobian(inputs..., J)}: one forward section, then a tangent section per column. */
  MethodSpec jacobian(ArraySignatures signatures, String forwardArguments, String tangentArguments) {
    String j = names.fresh("J");
    String e = names.fresh("e");
    String row = names.fresh("row");
    MethodSpec.Builder method = signatures.publicMethod("jacobian", Docs.wrap("Writes the Jacobian of " + outputNames()
        + " with respect to " + gradient.wrt().stream().map(Node::name).collect(Collectors.joining(", ")) + " into {@code " + j
        + "}, row-major, " + rows() + " x " + columns() + ": rows are the outputs' elements, columns the variables' elements,"
        + " in order.") + "\n");
    method.addParameter(double[].class, j);
    signatures.prepareAndCheck(method, j, Sizes.times(rows(), columns()));
    method.addStatement("forward($L)", forwardArguments);
    String offset = "0";
    for (Node v : gradient.wrt()) {
      Slot direction = directions.get(v);
      boolean one = sizes.size(v.shape()).equals("1");
      String entry = one ? "0" : e;
      CodeBlock.Builder code = CodeBlock.builder();
      if (one) {
        code.add("// the column of $L: the tangents along it\n", v.name());
      } else {
        code.add("// the columns of $L: the tangents along each of its entries\n", v.name())
            .beginControlFlow("for (int $L = 0; $L < $L; $L++)", e, e, sizes.size(v.shape()), e);
      }
      code.addStatement("$L[$L] = 1.0", direction.name(), entry)
          .addStatement("tangent($L)", tangentArguments)
          .addStatement("$L[$L] = 0.0", direction.name(), entry);
      String rowAt = "0";
      for (Node o : outputs) {
        Slot t = outputTangents.get(o);
        String column = Sizes.plus(offset, entry);
        if (o.shape().isScalar()) {
          code.addStatement("$L[$L] = $L", j, Sizes.plus(Sizes.times(rowAt, columns()), column), t.at("0"));
        } else {
          code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", row, row, sizes.size(o.shape()), row)
              .addStatement("$L[$L] = $L", j, Sizes.plus(Sizes.times(grouped(Sizes.plus(rowAt, row)), columns()), column), t.at(row))
              .endControlFlow();
        }
        rowAt = Sizes.plus(rowAt, sizes.size(o.shape()));
      }
      if (!one) code.endControlFlow();
      method.addCode(code.build());
      offset = Sizes.plus(offset, sizes.size(v.shape()));
    }
    return method.build();
  }

  private static String grouped(String sum) {
    return sum.contains(" ") ? "(" + sum + ")" : sum;
  }

  private String outputNames() {
    return model.outputs().stream().map(Model.Output::name).collect(Collectors.joining(", "));
  }

}
