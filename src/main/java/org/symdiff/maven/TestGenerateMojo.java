package org.symdiff.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Like {@code generate}, for tests: specs under {@code src/test/symdiff} become classes that only
 * the tests see.
 */
@Mojo(name = "test-generate", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true)
public final class TestGenerateMojo extends AbstractGenerateMojo {

  /** Where the test specs are; a spec's folder under it names its package. */
  @Parameter(defaultValue = "${project.basedir}/src/test/symdiff", required = true)
  File testSourceDirectory;

  /** Where the generated test classes go; the plugin writes nowhere else. */
  @Parameter(defaultValue = "${project.build.directory}/generated-test-sources/symdiff", required = true)
  File testOutputDirectory;

  @Override
  File sourceDirectory() {
    return testSourceDirectory;
  }

  @Override
  File outputDirectory() {
    return testOutputDirectory;
  }

  /** {@code <hvp>} and {@code <hessian>} usually list main specs: names this folder lacks are not errors here. */
  @Override
  boolean checksSpecNames() {
    return false;
  }

  @Override
  void addSourceRoot(String directory) {
    project.addTestCompileSourceRoot(directory);
  }
}
