package org.symdiff.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMojoTest {
  @TempDir Path basedir;
  MavenProject project;

  @BeforeEach
  void project() {
    project = new MavenProject();
    project.setFile(basedir.resolve("pom.xml").toFile());
  }

  @Test
  void generatesTheMainClassesAndAddsTheirFolderToTheMainSources() throws Exception {
    spec("src/main/symdiff/demo/circle.sd", "input x, y\nf = x * y\n");
    GenerateMojo mojo = mainMojo();

    mojo.execute();

    assertThat(basedir.resolve("target/gen/demo/Circle.java")).exists();
    assertThat(project.getCompileSourceRoots()).containsExactly(mojo.outputDirectory.getAbsolutePath());
    assertThat(project.getTestCompileSourceRoots()).isEmpty();
  }

  @Test
  void generatesTheTestClassesAndAddsTheirFolderToTheTestSources() throws Exception {
    spec("src/test/symdiff/demo/probe.sd", "input x\nf = x^3\n");
    TestGenerateMojo mojo = new TestGenerateMojo();
    mojo.project = project;
    mojo.classNamePattern = "{name}Gradient";
    mojo.testSourceDirectory = basedir.resolve("src/test/symdiff").toFile();
    mojo.testOutputDirectory = basedir.resolve("target/gen-test").toFile();

    mojo.execute();

    assertThat(basedir.resolve("target/gen-test/demo/ProbeGradient.java")).exists();
    assertThat(project.getTestCompileSourceRoots()).containsExactly(mojo.testOutputDirectory.getAbsolutePath());
    assertThat(project.getCompileSourceRoots()).isEmpty();
  }

  @Test
  void aBadSpecFailsTheBuildWithItsPlaceAndTheLineUnderlined() throws IOException {
    spec("src/main/symdiff/demo/broken.sd", "input x\nf = x + * 2\n");

    assertThatThrownBy(() -> mainMojo().execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining(Path.of("src/main/symdiff/demo/broken.sd") + ":2:9: error: ")
        .hasMessageContaining("\n  f = x + * 2\n          ^");
  }

  @Test
  void aBadSettingIsAConfigurationError() {
    GenerateMojo mojo = mainMojo();
    mojo.packageName = "demo.class";

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("<packageName> 'demo.class' is not a Java package name");
  }

  @Test
  void skipGeneratesNothing() throws Exception {
    spec("src/main/symdiff/demo/circle.sd", "input x, y\nf = x * y\n");
    GenerateMojo mojo = mainMojo();
    mojo.skip = true;

    mojo.execute();

    assertThat(basedir.resolve("target/gen")).doesNotExist();
  }

  private GenerateMojo mainMojo() {
    GenerateMojo mojo = new GenerateMojo();
    mojo.project = project;
    mojo.classNamePattern = Specs.NAME_PLACEHOLDER;
    mojo.sourceDirectory = basedir.resolve("src/main/symdiff").toFile();
    mojo.outputDirectory = basedir.resolve("target/gen").toFile();
    return mojo;
  }

  private void spec(String relative, String text) throws IOException {
    File file = basedir.resolve(relative).toFile();
    Files.createDirectories(file.getParentFile().toPath());
    Files.writeString(file.toPath(), text);
  }
}
