package org.symdiff.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;

class NaturalOrderTest {

  /** An expression's inputs are its free names in natural order: digit runs compare by value, of any length. */
  @Test
  void freeNamesSortByTheirDigitRunsValues() {
    Model model = Symdiff.load(new Source("<expr>",
        "x10 + y + x2 + x + x02 + b1c10 + b1c2 + x123456789012345678901 + x99999999999999999999 + _a + B"));
    assertThat(model.inputs()).extracting(Node::name).containsExactly("B", "_a", "b1c2", "b1c10", "x", "x2", "x02",
        "x10", "x99999999999999999999", "x123456789012345678901", "y");
  }
}
