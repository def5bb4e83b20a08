package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The quoting of generated-samples/samples.txt agrees with what a shell would pass. */
class ShellWordsTest {
  @Test
  void splitsOnBlanksAndHonoursQuotes() {
    assertThat(ShellWords.split("  \"(x+y)*z\"  --emit\tjson --at x=-2,y=5 "))
        .containsExactly("(x+y)*z", "--emit", "json", "--at", "x=-2,y=5");
    assertThat(ShellWords.split("'{\"x\": 1}' \"a \\\"b\\\" \\n\" c\\ d e'f'\"g\" ''"))
        .containsExactly("{\"x\": 1}", "a \"b\" \\n", "c d", "efg", "");
  }

  @Test
  void unclosedQuotesAreErrors() {
    assertThatThrownBy(() -> ShellWords.split("\"x")).hasMessageContaining("unclosed \"");
    assertThatThrownBy(() -> ShellWords.split("'x")).hasMessageContaining("unclosed '");
  }
}
