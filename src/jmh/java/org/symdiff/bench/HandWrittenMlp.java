package org.symdiff.bench;

/**
 * The baseline a competent Java programmer writes for a one-hidden-layer ReLU network with softmax
 * and mean cross-entropy: flat row-major arrays, the workspace allocated once, matrix products in
 * i-k-j order (an axpy inner loop along a row, the order that vectorises), the backward pass from
 * the notes: dZ2 = (P - Y) / N, dW2 = A1^T dZ2, dA1 = dZ2 W2^T, dZ1 = dA1 * [Z1 > 0], dW1 = X^T dZ1.
 * It assumes one-hot rows of Y (each sums to 1).
 */
final class HandWrittenMlp {
  private final int d;
  private final int h;
  private final int c;
  private final int n;
  private final double[] z1;
  private final double[] a1;
  private final double[] p;
  private final double[] dz2;
  private final double[] da1;

  HandWrittenMlp(int d, int h, int c, int n) {
    this.d = d;
    this.h = h;
    this.c = c;
    this.n = n;
    z1 = new double[n * h];
    a1 = new double[n * h];
    p = new double[n * c];
    dz2 = new double[n * c];
    da1 = new double[n * h];
  }

  double value(double[] x, double[] y, double[] w1, double[] b1, double[] w2, double[] b2) {
    // z1 = x w1 + b1, a1 = relu(z1)
    for (int i = 0; i < n; i++) {
      int row = i * h;
      System.arraycopy(b1, 0, z1, row, h);
      for (int k = 0; k < d; k++) {
        double xik = x[i * d + k];
        int wk = k * h;
        for (int j = 0; j < h; j++) z1[row + j] += xik * w1[wk + j];
      }
      for (int j = 0; j < h; j++) a1[row + j] = Math.max(0.0, z1[row + j]);
    }
    // z2 = a1 w2 + b2 (kept in p), p = softmax(z2) row by row, loss = -mean(sum(y log p))
    double loss = 0;
    for (int i = 0; i < n; i++) {
      int row = i * c;
      System.arraycopy(b2, 0, p, row, c);
      for (int k = 0; k < h; k++) {
        double aik = a1[i * h + k];
        int wk = k * c;
        for (int j = 0; j < c; j++) p[row + j] += aik * w2[wk + j];
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) max = Math.max(max, p[row + j]);
      double sum = 0;
      for (int j = 0; j < c; j++) sum += Math.exp(p[row + j] - max);
      double logSum = max + Math.log(sum);
      for (int j = 0; j < c; j++) {
        loss -= y[row + j] * (p[row + j] - logSum);
        p[row + j] = Math.exp(p[row + j] - logSum);
      }
    }
    return loss / n;
  }

  double gradient(double[] x, double[] y, double[] w1, double[] b1, double[] w2, double[] b2,
      double[] dw1, double[] db1, double[] dw2, double[] db2) {
    double loss = value(x, y, w1, b1, w2, b2);
    for (int k = 0; k < n * c; k++) dz2[k] = (p[k] - y[k]) / n;
    // dw2 = a1^T dz2, db2 = colsum(dz2)
    java.util.Arrays.fill(dw2, 0.0);
    java.util.Arrays.fill(db2, 0.0);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < h; k++) {
        double aik = a1[i * h + k];
        int row = k * c;
        for (int j = 0; j < c; j++) dw2[row + j] += aik * dz2[i * c + j];
      }
      for (int j = 0; j < c; j++) db2[j] += dz2[i * c + j];
    }
    // da1 = dz2 w2^T, then dz1 = da1 * [z1 > 0] in place
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < h; k++) {
        double s = 0;
        for (int j = 0; j < c; j++) s += dz2[i * c + j] * w2[k * c + j];
        da1[i * h + k] = z1[i * h + k] > 0 ? s : 0.0;
      }
    }
    // dw1 = x^T dz1, db1 = colsum(dz1)
    java.util.Arrays.fill(dw1, 0.0);
    java.util.Arrays.fill(db1, 0.0);
    for (int i = 0; i < n; i++) {
      int row = i * h;
      for (int k = 0; k < d; k++) {
        double xik = x[i * d + k];
        int wk = k * h;
        for (int j = 0; j < h; j++) dw1[wk + j] += xik * da1[row + j];
      }
      for (int j = 0; j < h; j++) db1[j] += da1[row + j];
    }
    return loss;
  }
}
