package org.symdiff.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.symdiff.ast.Source;
import org.symdiff.ast.Statement;
import org.symdiff.parse.ProgramParser;

class RandomProgramsTest {

  @Test
  void theSameSeedGivesTheSamePrograms() {
    assertThat(generate(11, 20)).isEqualTo(generate(11, 20)).isNotEqualTo(generate(12, 20));
  }

  @Test
  void everyProgramIsWellShapedAndReadsBackAsPrinted() {
    for (String text : generate(5, 200)) {
      List<Statement> statements = ProgramParser.parse(new Source("<test>", text)).statements();
      assertThat(ExprPrinter.print(statements, "\n")).isEqualTo(text);
      assertThat(Differentiated.of(text).model().output().shape().isScalar()).as(text).isTrue();
    }
  }

  @Test
  void aFewHundredProgramsUseEveryOperatorAndFunction() {
    Coverage coverage = Coverage.ofPrograms();
    for (String text : generate(7, 300)) {
      for (Statement s : ProgramParser.parse(new Source("<test>", text)).statements()) {
        if (s instanceof Statement.Assign a) coverage.count(a.value());
      }
      coverage.count(Differentiated.of(text).gradient());
    }
    assertThat(coverage.missing()).as(coverage.toString()).isEmpty();
  }

  private static List<String> generate(long seed, int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) texts.add(new RandomPrograms(PropertyRun.random(seed + i), 3).next());
    return texts;
  }
}
