package org.symdiff.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates a Java class with {@code value} and {@code gradient} methods from every {@code .sd}
 * spec under {@code src/main/symdiff}, and adds the generated folder to the main sources.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractGenerateMojo {

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
