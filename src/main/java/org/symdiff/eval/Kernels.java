package org.symdiff.eval;

import org.symdiff.graph.Shape;
import org.symdiff.graph.Window;

/** Reference implementations of the whole-array ops, on row-major arrays. */
final class Kernels {
  private Kernels() {}

  /** numpy's a @ b for ranks 1 and 2 (shapes already checked by the graph). */
  static double[] matmul(double[] a, Shape sa, double[] b, Shape sb) {
    int m = sa.rank() == 2 ? sa.length(0) : 1;
    int k = sa.length(sa.rank() - 1);
    int n = sb.rank() == 2 ? sb.length(1) : 1;
    double[] out = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        double aip = a[i * k + p];
        for (int j = 0; j < n; j++) out[i * n + j] += aip * b[p * n + j];
      }
    }
    return out;
  }

  static double[] outer(double[] u, double[] v) {
    double[] out = new double[u.length * v.length];
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) out[i * v.length + j] = u[i] * v[j];
    }
    return out;
  }

  static double[] transpose(double[] a, Shape s) {
    if (s.rank() < 2) return a.clone();
    int m = s.length(0);
    int n = s.length(1);
    double[] out = new double[a.length];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) out[j * m + i] = a[i * n + j];
    }
    return out;
  }

  /** Softmax of each row (of the one row of a vector), shifted by the row's maximum. */
  static double[] softmax(double[] a, Shape s) {
    int n = s.fromRight(0).fixed();
    double[] out = new double[a.length];
    for (int row = 0; row < a.length; row += n) {
      double max = rowMax(a, row, n);
      double sum = 0;
      for (int j = row; j < row + n; j++) {
        out[j] = Math.exp(a[j] - max);
        sum += out[j];
      }
      for (int j = row; j < row + n; j++) out[j] /= sum;
    }
    return out;
  }

  /** log(sum(exp(row))) of each row, shifted by the row's maximum. */
  static double[] logsumexp(double[] a, Shape s) {
    int n = s.fromRight(0).fixed();
    double[] out = new double[a.length / n];
    for (int row = 0; row < a.length; row += n) {
      double max = rowMax(a, row, n);
      double sum = 0;
      for (int j = row; j < row + n; j++) sum += Math.exp(a[j] - max);
      out[row / n] = max + Math.log(sum);
    }
    return out;
  }

  /** Sums {@code a} (of shape {@code from}) down to {@code to}, which broadcasts to {@code from}. */
  static double[] sumTo(double[] a, Shape from, Shape to) {
    if (to.isScalar()) {
      double sum = 0;
      for (double x : a) sum += x;
      return new double[] {sum};
    }
    double[] out = new double[to.size()];
    int[] index = to.broadcastIndex(from);
    for (int k = 0; k < a.length; k++) out[index[k]] += a[k];
    return out;
  }

  /** The largest elements of {@code a} down to {@code to}, as sumTo sums them. */
  static double[] maxTo(double[] a, Shape from, Shape to) {
    double[] out = new double[to.size()];
    java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
    int[] index = to.isScalar() ? new int[a.length] : to.broadcastIndex(from);
    for (int k = 0; k < a.length; k++) out[index[k]] = Math.max(out[index[k]], a[k]);
    return out;
  }

  private static double rowMax(double[] a, int row, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = row; j < row + n; j++) max = Math.max(max, a[j]);
    return Double.isInfinite(max) ? 0 : max;
  }

  /** The window of {@code a} (of shape {@code base}) that a slice of shape {@code window} reads. */
  static double[] slice(double[] a, Shape base, Window at, Shape window) {
    int[] from = at.indices(base, window);
    double[] out = new double[from.length];
    for (int k = 0; k < from.length; k++) out[k] = a[from[k]];
    return out;
  }

  /** {@code a} (of shape {@code window}) in zeros of shape {@code base}, where a slice would read it. */
  static double[] pad(double[] a, Shape window, Window at, Shape base) {
    int[] to = at.indices(base, window);
    double[] out = new double[base.size()];
    for (int k = 0; k < to.length; k++) out[to[k]] = a[k];
    return out;
  }
}
