package circle;

import java.util.Random;

/**
 * Two noisy concentric rings in the plane: label 1 on the inner ring (radius 0.5), label 0 on the
 * outer one (radius 1), each coordinate jittered by Gaussian noise.
 */
final class Circles {
  final double[] points;   // row-major [n,2]
  final double[] labels;   // [n,1]

  Circles(int n, double noise, Random random) {
    points = new double[2 * n];
    labels = new double[n];
    for (int i = 0; i < n; i++) {
      boolean inner = i % 2 == 0;
      double angle = 2 * Math.PI * random.nextDouble();
      double radius = inner ? 0.5 : 1.0;
      points[2 * i] = radius * Math.cos(angle) + noise * random.nextGaussian();
      points[2 * i + 1] = radius * Math.sin(angle) + noise * random.nextGaussian();
      labels[i] = inner ? 1 : 0;
    }
  }

  int size() {
    return labels.length;
  }
}
