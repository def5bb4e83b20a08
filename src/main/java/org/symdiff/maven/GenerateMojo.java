package org.symdiff.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Generates a Java class with {@code value} and {@code gradient} methods from every {@code .sd}
 * spec under {@code src/main/symdiff}, and adds the generated folder to the main sources; and, when
 * the project tests with JUnit 5, a test of each class ({@code NameTest}) that checks its gradient
 * against central differences, among the test sources.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST)
public final class GenerateMojo extends AbstractGenerateMojo {
  /**
   * Write each spec's JUnit 5 test: by default when junit-jupiter is a test dependency; true asks
   * for them (and fails the build without JUnit 5), false never writes them.
   */
  @Parameter(property = "symdiff.generateTests")
  Boolean generateTests;

  /** Where the generated tests go (the same folder as the test specs' classes, with a record of its own). */
  @Parameter(defaultValue = "${project.build.directory}/generated-test-sources/symdiff", required = true)
  File generatedTestsDirectory;

  @Override
  File testsDirectory() throws MojoFailureException {
    if (Boolean.FALSE.equals(generateTests)) return null;
    boolean junit = project.getArtifacts().stream().anyMatch(a -> a.getGroupId().equals("org.junit.jupiter")
        && (a.getArtifactId().equals("junit-jupiter-api") || a.getArtifactId().equals("junit-jupiter")));
    if (junit) return generatedTestsDirectory;
    if (Boolean.TRUE.equals(generateTests)) {
      throw new MojoFailureException("symdiff: <generateTests> is true, but JUnit 5 is not a test dependency: add "
          + "org.junit.jupiter:junit-jupiter (scope test), or set <generateTests>false</generateTests>");
    }
    getLog().info("symdiff: no gradient tests generated: JUnit 5 (org.junit.jupiter:junit-jupiter) is not a test "
        + "dependency; add it to have one per spec, or set <generateTests>false</generateTests> to say so");
    return null;
  }


  /** Where the specs are; a spec's folder under it names its package. */
  @Parameter(defaultValue = "${project.basedir}/src/main/symdiff", required = true)
  File sourceDirectory;

  /** Where the generated classes go; the plugin writes nowhere else. */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/symdiff", required = true)
  File outputDirectory;

  @Override
  File sourceDirectory() {
    return sourceDirectory;
  }

  @Override
  File outputDirectory() {
    return outputDirectory;
  }

  @Override
  void addSourceRoot(String directory) {
    project.addCompileSourceRoot(directory);
  }
}
