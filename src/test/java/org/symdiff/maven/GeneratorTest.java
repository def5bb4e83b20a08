package org.symdiff.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
  private static final String CIRCLE = "input x, y\nr2 = x^2 + y^2\nf = sqrt(r2) - 1\n";
  private static final String LINE = "input x\nparam w, b\nf = w*x + b\n";
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path project;
  Path specs;
  Path out;

  @BeforeEach
  void folders() {
    specs = project.resolve("src/main/symdiff");
    out = project.resolve("target/generated-sources/symdiff");
  }

  @Test
  void generatesOneClassPerSpecInThePackageNamedByItsFolder() throws IOException {
    spec("demo/circle_net.sd", CIRCLE);
    spec("demo/nets/line.sd", LINE);
    spec("top.sd", "input z\nf = z^2\n");

    Generator.Report report = run();

    assertThat(report.errors()).isEmpty();
    assertThat(report.written()).containsExactlyInAnyOrder("demo/CircleNet.java", "demo/nets/Line.java", "Top.java");
    assertThat(Files.readString(out.resolve("demo/CircleNet.java")))
        .contains("package demo;", "public final class CircleNet", "public static double gradient(double x, double y, double[] grad)");
    assertThat(Files.readString(out.resolve("demo/nets/Line.java"))).contains("package demo.nets;");
    assertThat(Files.readString(out.resolve("Top.java"))).doesNotContain("package");
  }

  @Test
  void aSecondRunTouchesNothing() throws IOException {
    spec("demo/circle_net.sd", CIRCLE);
    spec("demo/line.sd", LINE);
    run();
    age("demo/CircleNet.java", "demo/Line.java", Stamp.FILE_NAME);

    Generator.Report again = run();

    assertThat(again.regenerated()).isEmpty();
    assertThat(again.written()).isEmpty();
    for (String f : new String[] {"demo/CircleNet.java", "demo/Line.java", Stamp.FILE_NAME}) {
      assertThat(Files.getLastModifiedTime(out.resolve(f))).as(f).isEqualTo(LONG_AGO);
    }
  }

  @Test
  void onlyAChangedSpecIsGeneratedAgain() throws IOException {
    spec("demo/circle_net.sd", CIRCLE);
    spec("demo/line.sd", LINE);
    run();

    spec("demo/line.sd", LINE.replace("w*x", "w*x^2"));
    Generator.Report again = run();

    assertThat(again.regenerated()).containsExactly("demo/line.sd");
    assertThat(again.written()).containsExactly("demo/Line.java");
  }

  @Test
  void aSpecWhoseTextIsUnchangedIsNotGeneratedAgainEvenIfTouched() throws IOException {
    Path spec = spec("demo/line.sd", LINE);
    run();
    Files.setLastModifiedTime(spec, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

    assertThat(run().regenerated()).isEmpty();
  }

  @Test
  void newSettingsOrANewPluginGenerateEverythingAgain() throws IOException {
    spec("demo/circle_net.sd", CIRCLE);
    run();

    Generator.Report newPlugin = Generator.run(settings(null, null, "{name}", "2.0"));
    assertThat(newPlugin.regenerated()).containsExactly("demo/circle_net.sd");
    assertThat(newPlugin.written()).as("same code, so the file is left alone").isEmpty();

    Generator.Report newWrt = Generator.run(settings(null, "x", "{name}", "2.0"));
    assertThat(newWrt.written()).containsExactly("demo/CircleNet.java");
    assertThat(Files.readString(out.resolve("demo/CircleNet.java"))).contains("Gradient order: x.");
  }

  @Test
  void aHandEditedClassIsRestored() throws IOException {
    spec("demo/line.sd", LINE);
    run();
    String generated = Files.readString(out.resolve("demo/Line.java"));
    Files.writeString(out.resolve("demo/Line.java"), "// edited");

    assertThat(run().written()).containsExactly("demo/Line.java");
    assertThat(out.resolve("demo/Line.java")).hasContent(generated);
  }

  @Test
  void theClassOfARemovedSpecIsDeletedButFilesTheGeneratorDidNotMakeAreKept() throws IOException {
    Path line = spec("demo/line.sd", LINE);
    spec("demo/circle_net.sd", CIRCLE);
    run();
    Files.writeString(out.resolve("demo/Handwritten.java"), "class Handwritten {}");

    Files.delete(line);
    Generator.Report report = run();

    assertThat(report.deleted()).containsExactly("demo/Line.java");
    assertThat(out.resolve("demo/Line.java")).doesNotExist();
    assertThat(out.resolve("demo/Handwritten.java")).exists();
    assertThat(out.resolve("demo/CircleNet.java")).exists();
  }

  @Test
  void renamingTheClassesDeletesTheOldOnes() throws IOException {
    spec("demo/line.sd", LINE);
    run();

    Generator.Report report = Generator.run(settings(null, null, "{name}Gradient", "1.0"));

    assertThat(report.written()).containsExactly("demo/LineGradient.java");
    assertThat(report.deleted()).containsExactly("demo/Line.java");
    assertThat(Files.readString(out.resolve("demo/LineGradient.java"))).contains("public final class LineGradient");
  }

  @Test
  void aBadSpecIsReportedWithFileLineAndColumnWhileTheOthersAreGenerated() throws IOException {
    spec("demo/line.sd", LINE);
    spec("demo/broken.sd", "input x\nf = x + * 2\n");

    Generator.Report report = run();

    String name = Path.of("src/main/symdiff/demo/broken.sd").toString();
    assertThat(report.errors()).singleElement().asString()
        .startsWith(name + ":2:9: error: ")
        .contains("\n  f = x + * 2\n          ^");
    assertThat(out.resolve("demo/Line.java")).exists();
    assertThat(out.resolve("demo/Broken.java")).doesNotExist();

    spec("demo/broken.sd", "input x\nf = x * 2\n");
    Generator.Report fixed = run();
    assertThat(fixed.errors()).isEmpty();
    assertThat(fixed.regenerated()).containsExactly("demo/broken.sd");
  }

  @Test
  void aSpecThatBreaksKeepsItsOldClassUntilItIsFixed() throws IOException {
    spec("demo/line.sd", LINE);
    run();
    spec("demo/line.sd", "input x\nf = (x\n");

    assertThat(run().errors()).hasSize(1);
    assertThat(out.resolve("demo/Line.java")).exists();
    assertThat(run().regenerated()).as("retried, not taken as up to date").containsExactly("demo/line.sd");
  }

  @Test
  void anUnknownWrtNameIsReportedForTheSpecThatLacksIt() throws IOException {
    spec("demo/line.sd", LINE);

    Generator.Report report = Generator.run(settings(null, "w,q", "{name}", "1.0"));

    assertThat(report.errors()).singleElement().asString()
        .startsWith("<wrt> for " + Path.of("src/main/symdiff/demo/line.sd") + ":1:3: error: 'q' is not an input");
  }

  @Test
  void aFolderThatCannotBeAPackageIsReportedUnlessAPackageIsConfigured() throws IOException {
    spec("my-models/line.sd", LINE);

    assertThat(run().errors()).singleElement().asString()
        .contains("my-models/line.sd: error: folder 'my-models' cannot be a Java package name");

    Generator.Report configured = Generator.run(settings("org.demo", null, "{name}", "1.0"));
    assertThat(configured.errors()).isEmpty();
    assertThat(Files.readString(out.resolve("org/demo/Line.java"))).contains("package org.demo;");
  }

  @Test
  void aFolderThatIsAPackageOfTheJdkIsReported() throws IOException {
    spec("java/lang/line.sd", LINE);
    spec("record/var/line.sd", LINE);

    assertThat(run().errors()).singleElement().asString()
        .contains("java/lang/line.sd: error: package 'java.lang' cannot be used: the java package and those under it")
        .contains("rename the folder, or set <packageName>");
    assertThat(out.resolve("record/var/Line.java")).exists();
    assertThatThrownBy(() -> Generator.run(settings("javax.swing", null, "{name}", "1.0")))
        .hasMessageContaining("<packageName> 'javax.swing' cannot be used: it belongs to the JDK's module java.desktop");
  }

  @Test
  void twoSpecsThatWouldMakeTheSameClassAreReported() throws IOException {
    spec("demo/a_b.sd", LINE);
    spec("demo/aB.sd", LINE);

    assertThat(run().errors()).singleElement().asString()
        .contains("its class demo.AB is also generated from");
  }

  @Test
  void classNamesAndPackagesAreCheckedBeforeAnythingIsWritten() throws IOException {
    spec("demo/line.sd", LINE);

    assertThat(Generator.run(settings(null, null, "{name}-x", "1.0")).errors()).singleElement().asString()
        .contains("'Line-x' is not a Java class name");
    assertThatThrownBy(() -> Generator.run(settings("../evil", null, "{name}", "1.0")))
        .hasMessageContaining("<packageName> '../evil' is not a Java package name");
    assertThatThrownBy(() -> Generator.run(settings(null, null, "Fixed", "1.0")))
        .hasMessageContaining("must contain {name}");
    assertThat(out).doesNotExist();
  }

  @Test
  void aStampThatPointsOutsideTheFolderIsRefused() throws IOException {
    Path victim = Files.writeString(project.resolve("victim.java"), "keep me");
    Files.createDirectories(out);
    Files.writeString(out.resolve(Stamp.FILE_NAME),
        "# symdiff generated files: source hash, output hash, output, source\nfingerprint x\n"
            + "aa\tbb\t../../victim.java\tgone.sd\n");

    assertThatThrownBy(this::run).hasMessageContaining("refusing");
    assertThat(victim).hasContent("keep me");
  }

  @Test
  void withoutSpecsNothingIsCreated() throws IOException {
    Generator.Report report = run();

    assertThat(report.specs()).isZero();
    assertThat(out).doesNotExist();
  }

  private Generator.Report run() throws IOException {
    return Generator.run(settings(null, null, "{name}", "1.0"));
  }

  private Generator.Settings settings(String packageName, String wrt, String pattern, String plugin) {
    return new Generator.Settings(specs, out, project, packageName, wrt, pattern, plugin, false);
  }

  @Test
  void testsGoBesideTheClassesWithARecordOfTheirOwn() throws IOException {
    spec("demo/circle_net.sd", "input x, y\nparam w, b\nf = sigmoid(w * (sqrt(x^2 + y^2) - 1) + b)");
    Generator.run(settings(null, null, "{name}", "1.0"));
    Generator.Settings tests = new Generator.Settings(specs, out, project, null, null, "{name}", "1.0", true);
    Generator.Report report = Generator.run(tests);
    assertThat(report.errors()).isEmpty();
    assertThat(report.written()).containsExactly("demo/CircleNetTest.java");
    assertThat(Files.readString(out.resolve("demo/CircleNetTest.java")))
        .contains("final class CircleNetTest", "CircleNet.gradient(in, grad)", "@Test");
    // each run keeps its own record: a second run of either touches nothing, and deletes nothing of the other
    assertThat(Generator.run(tests).written()).isEmpty();
    assertThat(Generator.run(settings(null, null, "{name}", "1.0")).deleted()).isEmpty();
    assertThat(out.resolve("demo/CircleNet.java")).exists();
    assertThat(out.resolve("demo/CircleNetTest.java")).exists();
  }

  @Test
  void aSpecWithNoSmoothPointGetsNoTestAndAnError() throws IOException {
    spec("demo/nowhere.sd", "input x\nf = sqrt(-1 - x^2)");
    Generator.Report report = Generator.run(new Generator.Settings(specs, out, project, null, null, "{name}", "1.0", true));
    assertThat(report.errors()).singleElement().asString()
        .contains("nowhere.sd: error: no point with inputs in [-1, 1] where f is finite and smooth");
  }

  private Path spec(String relative, String text) throws IOException {
    Path file = specs.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private void age(String... outputs) throws IOException {
    for (String f : outputs) Files.setLastModifiedTime(out.resolve(f), LONG_AGO);
  }
}
