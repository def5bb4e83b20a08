package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an array class's {@code forward} or {@code backward} method as the blocks of its
 * statements (the forward section's statements, the backward section's regions), and what it
 * returns ({@code null}: nothing). A body too large for HotSpot to compile (see {@link JavaSize})
 * is spread over methods of whole statements, each below the limit.
 */
record MethodBody(List<CodeBlock> parts, String returned) {
  /** The body as one method's code. */
  CodeBlock whole() {
    CodeBlock.Builder code = CodeBlock.builder();
    parts.forEach(code::add);
    if (returned != null) code.addStatement("return $L", returned);
    return code.build();
  }

  boolean fitsOneMethod() {
    return bytes(whole()) <= JavaSize.METHOD_BUDGET;
  }

  /** The statements grouped, in order, into methods below the limit (a statement larger than it alone). */
  List<CodeBlock> methods() {
    List<CodeBlock> methods = new ArrayList<>();
    CodeBlock.Builder method = CodeBlock.builder();
    long bytes = 0;
    for (CodeBlock part : parts) {
      long more = bytes(part);
      if (bytes > 0 && bytes + more > JavaSize.METHOD_BUDGET) {
        methods.add(method.build());
        method = CodeBlock.builder();
        bytes = 0;
      }
      method.add(part);
      bytes += more;
    }
    if (!method.isEmpty()) methods.add(method.build());
    return methods;
  }

  /** The bytecode estimate of a block: its statements, less its comments. */
  private static long bytes(CodeBlock block) {
    long bytes = 0;
    for (String line : block.toString().split("\n")) {
      String code = line.strip();
      if (!code.isEmpty() && !code.startsWith("//")) bytes += JavaSize.bytes(code);
    }
    return bytes;
  }
}
