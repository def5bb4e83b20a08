package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.symdiff.testing.Agreement;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.InMemoryJavaCompiler;
import org.symdiff.testing.MethodSizes;

/**
 * An array program too large for one {@code forward} and one {@code backward} method: its
 * statements are spread over private methods of whole statements, none above HotSpot's limit of
 * 8,000 bytes of bytecode (above which a method is never JIT-compiled), and the class still agrees
 * with the interpreter and finite differences. ADBench's GMM at d = 10 made a backward method of 10 KB before.
 */
class LargeArrayProgramTest {
  private static final int JIT_LIMIT = 8000;

  /** 120 layers of a recurrence, each reading the last layer whole and at one element. */
  private static final String DEEP = "dim n = 30\nparam x[n], w[n]\nh0 = tanh(x * w)\n"
      + IntStream.range(1, 120).mapToObj(i -> "h" + i + " = tanh(h" + (i - 1) + " * w + x[0] * h" + (i - 1) + "[-1])")
          .collect(Collectors.joining("\n"))
      + "\nL = sum(h119 ^ 2)\n";

  @Test
  void aLargeProgramIsSpreadOverMethodsBelowTheJitLimitAndAgreesWithTheInterpreter() {
    Differentiated model = Differentiated.of(DEEP);
    CompiledGradient compiled = CompiledGradient.compile(model);
    assertThat(compiled.source()).contains("forwardPart1(x, w);", "backwardPart1(x, w, dx, dw);", "private double L;");
    Map<String, Integer> sizes = MethodSizes.of(InMemoryJavaCompiler.classFile(compiled.type()));
    assertThat(sizes.keySet().stream().filter(m -> m.startsWith("backwardPart"))).hasSizeGreaterThan(1);
    assertThat(sizes).allSatisfy((method, bytes) -> assertThat(bytes).as(method).isLessThan(JIT_LIMIT));

    Agreement.check(compiled, Map.of(), new Random(8), "120 layers");
  }

  /** The seeds' programs fit: one forward and one backward method, their scalars locals as before. */
  @Test
  void aSmallProgramKeepsOneMethodEach() {
    String java = CompiledGradient.source(Differentiated.of(
        "dim N = 4\ninput X[N,2]\nparam W[2,3]\nH = tanh(X @ W)\nL = sum(H ^ 2) / N"), "Small");
    assertThat(java).doesNotContain("Part1(").contains("private double forward(", "private void backward(");
    assertThat(List.of(java.split("\n"))).noneMatch(line -> line.strip().startsWith("private double L;"));
  }
}
