package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameAllocatorTest {
  @Test
  void aTakenNameGetsTheNextFreeNumber() {
    NameAllocator names = new NameAllocator();
    List<String> given = new ArrayList<>();
    for (String wanted : List.of("x3", "x", "x", "x", "x", "x2", "class", "Math")) given.add(names.allocate(wanted));
    assertThat(given).containsExactly("x3", "x", "x2", "x4", "x5", "x22", "class_", "Math2");
  }

  @Test
  void manyLocalsOfOneKindAreNumberedInOrder() {
    NameAllocator names = new NameAllocator();
    for (int i = 1; i <= 100_000; i++) {
      assertThat(names.allocate("sum")).isEqualTo(i == 1 ? "sum" : "sum" + i);
    }
  }
}
