package org.symdiff.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {
  @Test
  void findsEachLineAsSourceDoes() {
    for (String text : List.of("", "a", "a\n", "a\nbc", "a\nbc\n", "\n", "\n\nx\n\n", "a\r\nb\rc")) {
      Source source = new Source("t", text);
      Lines lines = new Lines(source);
      for (int line = -1; line <= 6; line++) {
        assertThat(lines.line(line)).as("line %d of %s", line, text.replace("\n", "\\n")).isEqualTo(source.line(line));
      }
    }
  }
}
