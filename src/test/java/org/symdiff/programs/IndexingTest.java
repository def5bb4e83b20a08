package org.symdiff.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Node;
import org.symdiff.testing.Agreement;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Differentiated;

/**
 * numpy's basic indexing and reductions along an axis: slices read in place inside the loops,
 * their adjoints add into windows of the gradient, and the compiled Java agrees with the
 * interpreter and finite differences.
 */
class IndexingTest {
  private static final List<String> PROGRAMS = List.of(
      // the extended Rosenbrock function, vectorized
      "dim n = 6; input x[n]; L = sum(100 * (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2)",
      // windows of one length: the one starting last assigns, the rest add (vectors, and a matrix's)
      "param x[6], A[4,4]; L = sum(x[2:] * x[:-2]) + sum(x[1:-1] ^ 2) + sum(A[1:, 1:] * A[:-1, :-1] * A[1:, :-1])",
      // a padded adjoint both summed whole and written into its window (the copy read the whole array over the window)
      "input v[4], W[4,4]; param s; L = v @ (s + W)[3, :]",
      // windows of a matrix, a row, a column, a single element, negative positions
      "param A[4,5]; input v[3]; L = sum(A[1:3, 2:] * A[:2, :3]) + sum(A[-1, :] * A[0, :]) + A[2, -1] * sum(A[:, 1] ^ 2)"
          + " + sum(v[:] * A[0, 1:4]) + v[-1]",
      // a slice of an expression, chained indices, and a runtime batch taken whole
      "dim N; dim d = 3; input X[N, d]; param w[d]; L = mean(tanh(X @ w)) + sum((X * w)[:, 1:]) + exp(w)[1:][0]",
      // a slice in a where, and of a named value that is also used whole
      "input x[5]; param b; h = x * b; L = sum(where(h[1:] > h[:-1], h[1:] - h[:-1], 0)) + sum(h)",
      // reductions along an axis (a runtime one among them), and the norm
      "dim N; input A[N,3], v[3]; s0 = sum(A, 0); s1 = sum(A, 1); m1 = mean(A, 1); l0 = logsumexp(A, 0);"
          + " l1 = logsumexp(A, 1); L = sum(s0 * v) + sum(s1 ^ 2) + sum(m1 * l1) + sum(l0) + norm(v) + mean(v, 0)",
      // the largest element, of all and of each row
      "dim N; input A[N,3], v[4]; m = max(v); r = rowmax(A); L = m * sum(r) + max(A * A) + sum(rowmax(exp(A)))",
      // each loop reads a sum placed in the other (sum(W1) in W1's, the mean in v0's): the loops'
      // order had a cycle, and writing them recursed until the stack overflowed
      "dim M; dim N = 1; param v0[M], W1[N,M]; L = mean((v0 + sum(W1)) * max(v0, W1))",
      // concat of vectors, of matrices along either axis, and inside an expression
      "input u[2], v[3]; param A[2,2], B[2,3]; w = concat(u, v); C = concat(A, B, 1);"
          + " L = sum(w * w * concat(v, u)) + sum(C @ transpose(C)) + sum(concat(A, A) ^ 2)");

  @Test
  void compiledSlicesAgreeWithTheInterpreterAndFiniteDifferences() {
    Agreement.checkAll(PROGRAMS, 4, 11);
  }

  /** The gradient is one pass, as a person writes it: the value's loop runs inside the backward's. */
  @Test
  void rosenbrockIsOneLoopForValueAndOneForGradient() {
    String java = CompiledGradient.source(Differentiated.of(PROGRAMS.get(0)), "Rosenbrock");
    assertThat(java).contains("return backward(x, dx);");
    String backward = java.substring(java.indexOf("private double backward"));
    assertThat(backward.split("for \\(", -1)).as(backward).hasSize(2);
    assertThat(backward).contains("dx[k] += ", "dx[k + 1] = ", "L += ").doesNotContain("padded");
    // nothing kept for the backward pass: x[:-1]^2 is cheaper to compute again than to load
    assertThat(java).doesNotContain("new double[");
  }

  /** A maximum shared by several elements shares its gradient evenly among them. */
  @Test
  void tiedMaximaShareTheGradient() {
    Differentiated max = Differentiated.of("input v[3], A[2,2]; L = max(v) + sum(rowmax(A))")
        .withRespectTo(List.of("v", "A"));
    Map<Node, double[]> point = Map.of(max.model().input("v"), new double[] {1, 3, 3},
        max.model().input("A"), new double[] {2, 2, 5, -1});
    for (Evaluator.Result result : List.of(max.interpret(point), CompiledGradient.compile(max).gradient(point))) {
      assertThat(result.value()).isEqualTo(3 + 2 + 5);
      assertThat(result.gradient().get(max.model().input("v"))).containsExactly(0, 0.5, 0.5);
      assertThat(result.gradient().get(max.model().input("A"))).containsExactly(0.5, 0.5, 1, 0);
    }
  }

  /**
   * A row's maximum selects its gradient with a mask of the sum's shape [2,2]; the vector broadcast
   * into the sum gets the column sum of the masked adjoint, and no mask of its own: passed on, it
   * was applied again to relu's share and summed once more (the gradient was 4, not 2).
   */
  @Test
  void aMaskDoesNotPassToABroadcastArgument() {
    Differentiated d = Differentiated.of("dim M = 2; dim N = 2; input v[N]; param W[M,1]; L = sum(rowmax(relu(v) + W))")
        .withRespectTo(List.of("v", "W"));
    Map<Node, double[]> point = Map.of(d.model().input("v"), new double[] {-1.542, 0.983},
        d.model().input("W"), new double[] {-0.006, -1.566});
    for (Evaluator.Result result : List.of(d.interpret(point), CompiledGradient.compile(d).gradient(point))) {
      assertThat(result.gradient().get(d.model().input("v"))).containsExactly(0, 2);
      assertThat(result.gradient().get(d.model().input("W"))).containsExactly(1, 1);
    }
  }

  /** The norm's gradient v / norm(v) is taken as 0 at v = 0, in the interpreter and the compiled class alike. */
  @Test
  void theNormHasGradientZeroAtZero() {
    Differentiated norm = Differentiated.of("input v[3]; L = norm(v) + 2 * norm(v - v)").withRespectTo(List.of("v"));
    Map<Node, double[]> zero = Map.of(norm.model().input("v"), new double[3]);
    assertThat(norm.interpret(zero).gradient().get(norm.model().input("v"))).containsExactly(0, 0, 0);
    Evaluator.Result compiled = CompiledGradient.compile(norm).gradient(zero);
    assertThat(compiled.value()).isZero();
    assertThat(compiled.gradient().get(norm.model().input("v"))).containsExactly(0, 0, 0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "input x[3]; L = x[3]                | 19 | index 3 is out of range for axis 0 of x, of size 3 (valid: -3 to 2)",
      "input x[3]; L = x[-4]               | 19 | index -4 is out of range for axis 0 of x, of size 3 (valid: -3 to 2)",
      "input x[3]; L = sum(x[2:1])         | 23 | x[2:1] is empty: axis 0 has size 3",
      "input x[3]; L = x[0, 1]             | 22 | x is a vector of shape [3]: it takes at most 1 subscript",
      "input s; L = s[0]                   | 16 | s is a scalar: only vectors and matrices take an index",
      "dim N; input x[N]; L = sum(x[1:])   | 30 | x's axis 0 has the runtime size N: a subscript on it needs a fixed size",
      "input x[3]; L = x[1.5]              | 19 | an index is a whole number below 10^9, not 1.5",
      "input A[2,2], B[3,3]; L = sum(concat(A, B, 1)) | 31 | concat(A, B, 1): [2,2] and [3,3] do not join along axis 1",
      "input a[2], b[2]; L = sum(concat(a, b, 2))      | 40 | concat's axis is 0 (the rows) or 1 (the columns)",
      "input v[3]; L = sum(sum(v, 1))                 | 28 | sum(v, 1): a vector of shape [3] has one axis, 0",
      "input A[2,3]; L = sum(mean(A, x))             | 31 | mean's axis is 0 (the rows) or 1 (the columns)"})
  void badIndicesArePointedAt(String program, int column, String message) {
    assertThatThrownBy(() -> Symdiff.load(new Source("<expr>", program)))
        .isInstanceOf(SourceError.class)
        .satisfies(e -> assertThat(((SourceError) e).render()).startsWith("<expr>:1:" + column + ": error: " + message));
  }
}
