package org.symdiff.emit;

import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * The length checks of an array class: the calls that check an array's length or read a runtime
 * dimension off it, and the private methods they call, each written only if something calls it.
 * Apart from {@link ArraySignatures}, which decides where the checks go, not how they read.
 */
final class LengthChecks {
  /** Longer names are shortened in the messages of length checks (a string constant has a 64 KB limit). */
  private static final int MESSAGE_NAME = 60;

  private final List<String> runtimeDims;
  private final LocalNames names;
  private final Sizes sizes;
  private boolean usesDimension;
  private boolean usesRequireLength;

  LengthChecks(List<String> runtimeDims, LocalNames names, Sizes sizes) {
    this.runtimeDims = runtimeDims;
    this.names = names;
    this.sizes = sizes;
  }

  /** Checks that the array {@code slot} is as long as its shape. */
  void requireLength(MethodSpec.Builder method, Slot slot) {
    requireLength(method, slot.name(), sizes.size(slot.shape()), what(slot.name(), slot.shape()));
  }

  /** Checks that the array {@code input} is as long as its shape. */
  void requireLength(MethodSpec.Builder method, Node input) {
    requireLength(method, names.value(input), sizes.size(input.shape()), what(input.name(), input.shape()));
  }

  /** Checks that the array {@code name} has {@code length} numbers; the message names it as it is. */
  void requireLength(MethodSpec.Builder method, String name, String length) {
    requireLength(method, name, length, name);
  }

  private void requireLength(MethodSpec.Builder method, String array, String length, String what) {
    usesRequireLength = true;
    method.addStatement("requireLength($L, $L, $S)", array, length, what);
  }

  /** Reads the runtime dimension {@code dim} off the length of {@code input}, {@code per} numbers to each. */
  void dimension(MethodSpec.Builder method, String dim, Node input, String per) {
    usesDimension = true;
    method.addStatement("$L = dimension($L, $L, $S)", names.dim(dim), names.value(input), per,
        what(input.name(), input.shape()));
  }

  /** The private methods the checks written so far call. */
  List<MethodSpec> methods() {
    List<MethodSpec> checks = new ArrayList<>();
    String sizesNow = runtimeDims.stream().map(d -> d + " = \" + " + names.dim(d) + " + \"")
        .collect(Collectors.joining(", "));
    String message = "what + \" needs \" + length + \" numbers" + (sizesNow.isEmpty() ? "" : " with " + sizesNow)
        + ", not \" + array.length";
    if (usesRequireLength) {
      checks.add(MethodSpec.methodBuilder("requireLength")
          .addModifiers(Modifier.PRIVATE)
          .addParameter(double[].class, "array").addParameter(int.class, "length").addParameter(String.class, "what")
          .beginControlFlow("if (array.length != length)")
          .addStatement("throw new IllegalArgumentException($L)", message)
          .endControlFlow()
          .build());
    }
    if (usesDimension) {
      checks.add(MethodSpec.methodBuilder("dimension")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(int.class)
          .addParameter(double[].class, "array").addParameter(int.class, "per").addParameter(String.class, "what")
          .beginControlFlow("if (array.length == 0 || array.length % per != 0)")
          .addStatement("throw new IllegalArgumentException(what + $S + per + $S + array.length)",
              " needs a positive multiple of ", " numbers, not ")
          .endControlFlow()
          .addStatement("return array.length / per")
          .build());
    }
    return checks;
  }

  /** {@code "X [N,2]"}, with a long name shortened. */
  private static String what(String name, Shape shape) {
    String shown = name.length() > MESSAGE_NAME ? name.substring(0, MESSAGE_NAME - 3) + "..." : name;
    return shown + " " + shape;
  }
}
