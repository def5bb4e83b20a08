package circle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Trains the seed 001 classifier with mini-batch gradient descent, as seed 002 describes: initialise
 * the weights, then iterate over the data, computing the loss and its gradient on each mini-batch and
 * moving every parameter against its gradient, until the epoch limit or until the loss drops below
 * epsilon. The gradient comes from {@link CircleNet}, which the symdiff Maven plugin generates from
 * {@code src/main/symdiff/circle/circle_net.sd} at build time. Its batch size N is a runtime
 * dimension: the same instance takes mini-batches of 32, the short last batch of an epoch, and
 * single points to predict.
 */
public final class Train {
  static final int POINTS = 256;
  static final int BATCH = 32;
  static final int EPOCHS = 400;
  static final double EPSILON = 0.02;
  static final double LEARNING_RATE = 0.5;

  public static void main(String[] args) throws IOException {
    Path picture = Path.of(args.length > 0 ? args[0] : "target/circle-classifier.png");
    Random random = new Random(2026);
    Circles train = new Circles(POINTS, 0.08, random);
    Circles test = new Circles(4 * POINTS, 0.08, random);

    // initialise: small random weights (He scaling for the ReLU layers), zero biases
    double[][] params = {
        gaussian(random, 2 * 4, Math.sqrt(2.0 / 2)), new double[4],
        gaussian(random, 4 * 2, Math.sqrt(2.0 / 4)), new double[2],
        gaussian(random, 2 * 1, Math.sqrt(2.0 / 2)), new double[1]};
    double[][] grads = new double[params.length][];
    for (int p = 0; p < params.length; p++) grads[p] = new double[params[p].length];

    CircleNet net = new CircleNet();
    int[] order = new int[POINTS];
    for (int i = 0; i < POINTS; i++) order[i] = i;
    double[] points = new double[2 * BATCH];
    double[] labels = new double[BATCH];
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      shuffle(order, random);
      double loss = 0;
      for (int start = 0; start < POINTS; start += BATCH) {
        int n = Math.min(BATCH, POINTS - start);
        if (points.length != 2 * n) {
          points = new double[2 * n];
          labels = new double[n];
        }
        for (int i = 0; i < n; i++) {
          int from = order[start + i];
          points[2 * i] = train.points[2 * from];
          points[2 * i + 1] = train.points[2 * from + 1];
          labels[i] = train.labels[from];
        }
        loss += n * net.gradient(points, labels, params[0], params[1], params[2], params[3], params[4], params[5],
            grads[0], grads[1], grads[2], grads[3], grads[4], grads[5]);
        for (int p = 0; p < params.length; p++) {
          for (int i = 0; i < params[p].length; i++) params[p][i] -= LEARNING_RATE * grads[p][i];
        }
      }
      loss /= POINTS;
      if (epoch % 25 == 0 || epoch == 1 || loss < EPSILON) {
        System.out.printf("epoch %4d  loss %.4f  train accuracy %5.1f%%  test accuracy %5.1f%%%n", epoch, loss,
            100 * accuracy(net, train, params), 100 * accuracy(net, test, params));
      }
      if (loss < EPSILON) break;
    }
    double testAccuracy = accuracy(net, test, params);
    System.out.printf("held-out accuracy %.1f%% on %d points%n", 100 * testAccuracy, test.size());
    Plot.write(picture, train, (x, y) -> inside(net, x, y, params));
    System.out.println("wrote " + picture);
    if (testAccuracy < 0.95) {
      System.err.println("accuracy below 95%");
      System.exit(1);
    }
  }

  /** The share of points whose label the network gets right, all of them in one call. */
  static double accuracy(CircleNet net, Circles data, double[][] params) {
    net.value(data.points, data.labels, params[0], params[1], params[2], params[3], params[4], params[5]);
    double[] yhat = net.yhat();
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      if ((yhat[i] > 0.5) == (data.labels[i] == 1)) correct++;
    }
    return (double) correct / data.size();
  }

  /** Whether the network puts the single point (x, y) inside: a batch of one (the label is not read by yhat). */
  static boolean inside(CircleNet net, double x, double y, double[][] params) {
    net.value(new double[] {x, y}, new double[1], params[0], params[1], params[2], params[3], params[4], params[5]);
    return net.yhat()[0] > 0.5;
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }

  private static double[] gaussian(Random random, int n, double scale) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) values[i] = scale * random.nextGaussian();
    return values;
  }

  private Train() {}
}
