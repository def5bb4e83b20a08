package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jacobians, Hessian-vector products and Hessians from the command line: expr, json, --check and the refusals. */
class HigherOrderCliTest {
  @TempDir
  Path dir;

  private Path file(String name, String text) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, text);
    return path;
  }

  @Test
  void theHessianOfAQuadraticFormIsAPlusItsTranspose() throws Exception {
    Path quadratic = file("quadratic.sd", "param x[3]\ninput A[3,3]\nL = x @ A @ x\n");
    CliRun run = CliRun.of("-f", quadratic.toString(), "--emit", "expr", "--hessian");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("dL/dx = x @ A + x @ transpose(A)\n", "d2L/dxdx = A + transpose(A)\n");
    CliRun check = CliRun.of("-f", quadratic.toString(), "--check", "--hessian", "--hvp");
    assertThat(check.exit()).as(check.out()).isZero();
    assertThat(check.out()).contains("checking H u along random directions u, and the Hessian").endsWith(": ok\n");
  }

  @Test
  void scalarSecondDerivativesInClosedFormAndAsNumbers() {
    CliRun expr = CliRun.of("x*y^2 + sin(x)", "--emit", "expr", "--hessian");
    assertThat(expr.out()).isEqualTo("df/dx = cos(x) + y ^ 2\ndf/dy = 2 * y * x\nd2f/dxdx = -sin(x)\nd2f/dydy = 2 * x\n"
        .replace("d2f/dydy", "d2f/dxdy = 2 * y\nd2f/dydy"));
    assertThat(CliRun.of("x*y^2 + sin(x)", "--emit", "expr", "--hvp").out())
        .endsWith("Hv_x = 2 * y * v_y - sin(x) * v_x\nHv_y = 2 * x * v_y + 2 * y * v_x\n");
    CliRun json = CliRun.of("x*y^2", "--emit", "json", "--hessian", "--at", "x=3,y=2");
    assertThat(json.out()).isEqualTo("{\"value\": 12, \"gradient\": {\"x\": 4, \"y\": 12}, \"hessian\": [[0, 4], [4, 6]]}\n");
  }

  @Test
  void aResidualVectorGetsItsJacobianInEveryFormat() throws Exception {
    Path lsq = file("lsq.sd", "param a, b\ninput t[3], y[3]\nr = a * exp(-b * t) - y\noutput r\n");
    CliRun expr = CliRun.of("-f", lsq.toString(), "--emit", "expr");
    assertThat(expr.out()).isEqualTo("dr/da = exp(-b * t)\ndr/db = -a * exp(-b * t) * t\n");
    CliRun json = CliRun.of("-f", lsq.toString(), "--emit", "json", "--at",
        "{\"a\": 2, \"b\": 0, \"t\": [0, 1, 2], \"y\": [1, 1, 1]}");
    assertThat(json.out()).isEqualTo("{\"value\": [1, 1, 1], \"jacobian\": [[1, 0], [1, -2], [1, -4]]}\n");
    CliRun check = CliRun.of("-f", lsq.toString(), "--check");
    assertThat(check.exit()).as(check.out()).isZero();
    assertThat(check.out()).contains("checking the Jacobian, column by column").endsWith(": ok\n");
    assertThat(CliRun.of("-f", lsq.toString(), "--class", "Residual").out()).contains("public void jacobian(double a, double b,");
  }

  @Test
  void severalScalarOutputsGetOneBlockOfLinesEach() throws Exception {
    Path fg = file("fg.sd", "input a, b\nf = a * b\ng = exp(a - b)\noutput f, g\n");
    assertThat(CliRun.of("-f", fg.toString(), "--emit", "expr").out())
        .isEqualTo("df/da = b\ndf/db = a\ndg/da = exp(a - b)\ndg/db = -exp(a - b)\n");
  }

  @Test
  void formatsWithoutSecondDerivativesOrJacobiansSaySoAndExitTwo() throws Exception {
    assertThat(CliRun.of("x*y", "--hvp", "--emit", "json", "--at", "x=1,y=2").err())
        .contains("--emit json does not show --hvp; --hessian prints the whole matrix (H v is H @ v)");
    CliRun tables = CliRun.of("x*y", "--hvp", "--emit", "markdown");
    assertThat(tables.exit()).isEqualTo(2);
    assertThat(tables.err()).contains("--emit markdown does not show --hvp");
    Path lsq = file("r.sd", "input t[3]\nparam a\nr = a * t\noutput r\n");
    CliRun hvp = CliRun.of("-f", lsq.toString(), "--hvp");
    assertThat(hvp.exit()).isEqualTo(2);
    assertThat(hvp.err()).contains("--hvp is for a scalar output; the output 'r' [3] has a Jacobian");
    assertThat(CliRun.of("-f", lsq.toString(), "--emit", "dot").err()).contains("--emit dot does not show the output 'r' [3] (a Jacobian)");
    StringBuilder wide = new StringBuilder("input ");
    for (int i = 0; i < 130; i++) wide.append(i == 0 ? "" : ", ").append("x").append(i);
    CliRun many = CliRun.of("-f", file("wide.sd", wide + "\nf = x0 * x129\ng = f * 2\noutput f, g\n").toString());
    assertThat(many.exit()).isEqualTo(2);
    assertThat(many.err()).contains("and at most 127 parameters: write the function over arrays");
  }
}
