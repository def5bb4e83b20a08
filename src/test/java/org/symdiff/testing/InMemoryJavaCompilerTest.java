package org.symdiff.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryJavaCompilerTest {
  private final InMemoryJavaCompiler javac = new InMemoryJavaCompiler();

  @Test
  void compilesSeveralClassesInOneRunAndLoadsThem() throws ReflectiveOperationException {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("a.One", "package a; public class One { public static int one() { return b.Two.two() - 1; } }");
    sources.put("b.Two", "package b; public class Two { public static int two() { return 2; } }");
    Map<String, Class<?>> classes = javac.compile(sources);
    assertThat(classes.get("a.One").getMethod("one").invoke(null)).isEqualTo(1);
  }

  @Test
  void aCompileErrorShowsTheDiagnosticAndTheNumberedSource() {
    String source = "package a;\n\npublic class Broken {\n  int x = \"text\";\n}\n";
    assertThatThrownBy(() -> javac.compile("a.Broken", source))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("/a/Broken.java:4:")
        .hasMessageContaining("error: incompatible types")
        .hasMessageContaining("   4    int x = \"text\";");
  }
}
