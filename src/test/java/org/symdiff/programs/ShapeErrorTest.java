package org.symdiff.programs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;

/** Shape mistakes are caught before any code is generated, with both shapes and the operation. */
class ShapeErrorTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      input W1[4,3], x[4] ; L = sum(W1 @ x)             | net.sd:2:12: error: W1 @ x: [4,3] @ [4]: inner dimensions 3 and 4 differ
      input X[3,2], b[3] ; L = sum(X + b)               | net.sd:2:11: error: X + b: [3,2] and [3] do not broadcast
      input X[3,2], b[3] ; L = sum((-X)^2 + b)          | net.sd:2:16: error: ((-X) ^ 2) + b: [3,2] and [3] do not broadcast
      input x[3] ; f = sum(x) ; output f, x             | net.sd:3:11: error: several outputs must be scalars (the rows of a Jacobian), but 'x' has shape [3]; give a vector output alone
      input s, v[3] ; L = sum(s @ v)                    | net.sd:2:11: error: s @ v: [] @ [3]: '@' needs vectors or matrices on both sides; use '*' to scale
      input u[2,2], v[3] ; L = sum(outer(u, v))         | net.sd:2:9: error: outer(u, v): outer([2,2], [3]): needs two vectors
      input y[2], p[3] ; L = cross_entropy(y, p)        | net.sd:2:5: error: cross_entropy(y, p): [2] and [3] do not broadcast
      dim N = 2.5 ; input x[N] ; L = sum(x)              | net.sd:1:9: error: a dimension must be a whole number from 1 to 16777216 (or a runtime dimension: dim N without a value)
      dim N ; dim M ; input X[N,2], Y[M,2] ; L = sum(X + Y) | net.sd:4:11: error: X + Y: [N,2] and [M,2] do not broadcast
      dim N ; input X[N,2], W[3,4] ; L = sum(X @ W)      | net.sd:3:11: error: X @ W: [N,2] @ [3,4]: inner dimensions 2 and 3 differ
      dim N ; input X[N,2], W[N,4] ; L = sum(X @ W)      | net.sd:3:11: error: X @ W: [N,2] @ [N,4]: inner dimensions 2 and N differ
      dim N ; input x[2 * N] ; L = sum(x)                | net.sd:2:11: error: a runtime dimension stands alone in a shape; arithmetic on it (2 * N) is not supported
      input x[3] ; L = sum(x) ; output q                | net.sd:3:8: error: unknown name 'q'
      input x[3] ; input x ; L = sum(x)                 | net.sd:2:7: error: 'x' is already defined at line 1, column 7; each name is assigned once
      input x[3] ; L = sum(y)                           | net.sd:2:9: error: unknown name 'y'
      """)
  void reportsFileLineColumnAndShapes(String program, String message) {
    String text = program.replace(" ; ", "\n");
    assertThatThrownBy(() -> Symdiff.load(new Source("net.sd", text)))
        .isInstanceOf(SourceError.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SourceError) e).render().lines().findFirst().orElseThrow())
            .isEqualTo(message));
  }
}
