package org.symdiff.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What the main and the test goal share: the settings, the run, the report, the failure message. */
abstract class AbstractGenerateMojo extends AbstractMojo {

  /** One package for every generated class, instead of the package named by each spec's folder. */
  @Parameter
  String packageName;

  /** Differentiate every spec with respect to these names (comma-separated) instead of its params. */
  @Parameter
  String wrt;

  /**
   * Which specs' classes get {@code hvp(..., v, Hv)}, the Hessian-vector product: {@code true} for
   * every spec, or a comma-separated list of specs by path under the source folder.
   */
  @Parameter(property = "symdiff.hvp")
  String hvp;

  /** Which specs' classes get {@code hessian(..., H)}, the full Hessian: {@code true}, or a list as for {@code hvp}. */
  @Parameter(property = "symdiff.hessian")
  String hessian;

  /** The class name; {@code {name}} stands for the spec's file name in PascalCase. */
  @Parameter(defaultValue = Specs.NAME_PLACEHOLDER)
  String classNamePattern;

  /** Skip generation (the generated folder is still added to the compile sources). */
  @Parameter(property = "symdiff.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  PluginDescriptor plugin;

  abstract File sourceDirectory();

  abstract File outputDirectory();

  abstract void addSourceRoot(String directory);

  /** Whether a spec that {@code <hvp>} or {@code <hessian>} lists must be in this goal's folder. */
  boolean checksSpecNames() {
    return true;
  }

  /** Where each spec's JUnit test goes, or null when this goal writes none. */
  File testsDirectory() throws MojoFailureException {
    return null;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    addSourceRoot(outputDirectory().getAbsolutePath());
    File tests = testsDirectory();
    if (tests != null) project.addTestCompileSourceRoot(tests.getAbsolutePath());
    if (skip) {
      getLog().info("symdiff: skipped");
      return;
    }
    generate(outputDirectory(), false);
    if (tests != null) generate(tests, true);
  }

  private void generate(File output, boolean tests) throws MojoExecutionException, MojoFailureException {
    Generator.Report report;
    try {
      report = Generator.run(new Generator.Settings(sourceDirectory().toPath(), output.toPath(),
          project.getBasedir().toPath(), packageName, wrt, classNamePattern, pluginIdentity(), tests,
          new SecondOrderSpecs(hvp, hessian, checksSpecNames())));
    } catch (IOException | RuntimeException e) {
      throw new MojoExecutionException("symdiff: " + e.getMessage(), e);
    }
    report.written().forEach(f -> getLog().debug("symdiff: wrote " + f));
    report.deleted().forEach(f -> getLog().info("symdiff: deleted " + f + " (no spec makes it any more)"));
    if (!report.errors().isEmpty()) {
      throw new MojoFailureException(report.errors().size() + (report.errors().size() == 1 ? " spec has" : " specs have")
          + " errors:\n" + String.join("\n", report.errors()));
    }
    String what = tests ? " test(s) of spec(s) in " : " spec(s) in ";
    if (report.specs() == 0) {
      getLog().debug("symdiff: no .sd specs in " + relative(sourceDirectory()));
    } else {
      getLog().info("symdiff: " + report.specs() + what + relative(sourceDirectory()) + ": "
          + report.regenerated().size() + " generated, " + (report.specs() - report.regenerated().size())
          + " up to date");
    }
  }

  /**
   * The plugin's version; for a snapshot also its jar's size and time, since a rebuilt snapshot
   * may generate different code under the same version.
   */
  private String pluginIdentity() {
    if (plugin == null) return "unknown";
    String identity = plugin.getVersion();
    File jar = plugin.getPluginArtifact() == null ? null : plugin.getPluginArtifact().getFile();
    if (identity.endsWith("-SNAPSHOT") && jar != null) identity += " " + jar.length() + " " + jar.lastModified();
    return identity;
  }

  private String relative(File dir) {
    Path base = project.getBasedir().toPath().toAbsolutePath();
    Path path = dir.toPath().toAbsolutePath();
    return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
  }
}
