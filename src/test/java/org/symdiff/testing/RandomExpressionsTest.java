package org.symdiff.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Source;
import org.symdiff.ast.Statement;
import org.symdiff.parse.ProgramParser;

class RandomExpressionsTest {

  private static Expr parse(String text) {
    return ((Statement.Evaluate) ProgramParser.parse(new Source("<test>", text)).statements().get(0)).value();
  }

  @Test
  void theSameSeedGivesTheSameExpressions() {
    assertThat(generate(11, 50)).isEqualTo(generate(11, 50)).isNotEqualTo(generate(12, 50));
  }

  @Test
  void everyExpressionReadsBackAsPrintedAndLoads() {
    for (String text : generate(5, 300)) {
      assertThat(ExprPrinter.print(parse(text))).isEqualTo(text);
      assertThat(Differentiated.of(text).model().output()).isNotNull();
    }
  }

  @Test
  void aFewHundredExpressionsUseEveryOperatorAndFunction() {
    Coverage coverage = new Coverage();
    for (String text : generate(7, 300)) coverage.count(parse(text));
    assertThat(coverage.missing()).as(coverage.toString()).isEmpty();
  }

  private static List<String> generate(long seed, int count) {
    RandomExpressions expressions = new RandomExpressions(new Random(seed));
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) texts.add(expressions.next());
    return texts;
  }
}
