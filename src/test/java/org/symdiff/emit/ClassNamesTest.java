package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassNamesTest {

  @ParameterizedTest
  @CsvSource({
      "circle_net.sd, CircleNet",
      "circleNet.sd, CircleNet",
      "my-model.v2.sd, MyModelV2",
      "net.sd, Net",
      "2d.sd, Gradient2d",
      "_.sd, Gradient",
      "été.sd, Été",
  })
  void namesTheClassAfterTheFileInPascalCase(String file, String className) {
    assertThat(ClassNames.fromFileName(file)).isEqualTo(className);
  }

  @ParameterizedTest
  @CsvSource({"Net, true", "class, false", "a.B, false", "'', false", "9a, false", "_x, true",
      "var, false", "yield, false", "record, false", "sealed, false", "permits, false", "Record, true"})
  void acceptsOnlyIdentifiersThatAreNotKeywordsAsClassNames(String name, boolean valid) {
    assertThat(ClassNames.isClassName(name)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"'', true", "demo, true", "org.demo.nets, true", "org..demo, false", "demo.class, false", "../x, false"})
  void acceptsDottedIdentifiersOrNothingAsPackageNames(String name, boolean valid) {
    assertThat(ClassNames.isPackageName(name)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"java, true", "java.lang, true", "java.util.stuff, true", "javax.swing, true", "jdk.internal.misc, true",
      "javax, false", "javafx, false", "demo, false", "'', false", "demo.java.lang, false", "record, false"})
  void refusesThePackagesOfTheJdk(String name, boolean reserved) {
    assertThat(ClassNames.whyReserved(name) != null).as(name).isEqualTo(reserved);
  }
}
