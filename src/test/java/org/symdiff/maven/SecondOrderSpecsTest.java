package org.symdiff.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's {@code <hvp>} and {@code <hessian>}: for every spec or the ones listed; Jacobian specs. */
class SecondOrderSpecsTest {
  @TempDir Path project;

  private Generator.Report run(String hvp, String hessian, boolean tests) throws IOException {
    return Generator.run(new Generator.Settings(project.resolve("src/main/symdiff"), project.resolve(tests ? "tests" : "out"),
        project, null, null, "{name}", "1.0", tests, new SecondOrderSpecs(hvp, hessian, true)));
  }

  private void spec(String relative, String text) throws IOException {
    Path file = project.resolve("src/main/symdiff").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private String generated(String relative) throws IOException {
    return Files.readString(project.resolve("out").resolve(relative));
  }

  @Test
  void listedSpecsGetTheirMethodsAndTrueMeansEverySpec() throws IOException {
    spec("demo/line.sd", "input x\nparam w, b\nf = (w*x + b)^2\n");
    spec("demo/bowl.sd", "input x, y\nf = x^2 + x*y\n");
    assertThat(run("demo/line.sd", "true", false).errors()).isEmpty();
    assertThat(generated("demo/Line.java")).contains("public static double hvp(double x, double w, double b, double[] v, double[] Hv)",
        "public static double hessian(double x, double w, double b, double[] H)");
    assertThat(generated("demo/Bowl.java")).contains("public static double hessian(").doesNotContain("hvp(");
    // a changed setting regenerates
    assertThat(run(null, null, false).regenerated()).containsExactlyInAnyOrder("demo/line.sd", "demo/bowl.sd");
    assertThat(generated("demo/Line.java")).doesNotContain("hvp(", "hessian(");
  }

  @Test
  void anUnknownSpecIsAnErrorNamingTheParameter() throws IOException {
    spec("demo/line.sd", "input x\nparam w\nf = w*x\n");
    assertThat(run("demo/lines.sd", null, false).errors())
        .containsExactly("<hvp>: 'demo/lines.sd' is not a spec under the source folder (specs: demo/line.sd; or give true for every spec)");
  }

  @Test
  void aJacobianSpecGetsItsClassAndNoGeneratedTest() throws IOException {
    spec("fit/residual.sd", "param a, b\ninput t[4], y[4]\nr = a * exp(-b * t) - y\noutput r\n");
    assertThat(run(null, null, false).errors()).isEmpty();
    assertThat(generated("fit/Residual.java")).contains("public void jacobian(double a, double b, double[] t, double[] y, double[] J)");
    Generator.Report tests = run(null, null, true);
    assertThat(tests.errors()).isEmpty();
    assertThat(tests.written()).isEmpty();
  }
}
