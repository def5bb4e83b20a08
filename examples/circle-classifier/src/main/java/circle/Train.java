package circle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Trains the seed 001 classifier with plain gradient descent, as seed 002 describes: initialise
 * the weights, then iterate over the data computing the loss and its gradient and moving every
 * parameter against its gradient, until the epoch limit or until the loss drops below epsilon.
 * The gradient comes from {@link CircleNet}, which the symdiff Maven plugin generates from
 * {@code src/main/symdiff/circle/circle_net.sd} at build time.
 */
public final class Train {
  static final int BATCH = 256;       // the spec's dim N
  static final int EPOCHS = 5000;
  static final double EPSILON = 0.02;
  static final double LEARNING_RATE = 0.5;

  public static void main(String[] args) throws IOException {
    Path picture = Path.of(args.length > 0 ? args[0] : "target/circle-classifier.png");
    Random random = new Random(2026);
    Circles train = new Circles(BATCH, 0.08, random);
    Circles test = new Circles(4 * BATCH, 0.08, random);

    // initialise: small random weights (He scaling for the ReLU layers), zero biases
    double[][] params = {
        gaussian(random, 2 * 4, Math.sqrt(2.0 / 2)), new double[4],
        gaussian(random, 4 * 2, Math.sqrt(2.0 / 4)), new double[2],
        gaussian(random, 2 * 1, Math.sqrt(2.0 / 2)), new double[1]};
    double[][] grads = new double[params.length][];
    for (int p = 0; p < params.length; p++) grads[p] = new double[params[p].length];

    CircleNet net = new CircleNet();
    double loss = Double.NaN;
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      loss = net.gradient(train.points, train.labels, params[0], params[1], params[2], params[3], params[4],
          params[5], grads[0], grads[1], grads[2], grads[3], grads[4], grads[5]);
      for (int p = 0; p < params.length; p++) {
        for (int i = 0; i < params[p].length; i++) params[p][i] -= LEARNING_RATE * grads[p][i];
      }
      if (epoch % 50 == 0 || epoch == 1 || loss < EPSILON) {
        System.out.printf("epoch %4d  loss %.4f  train accuracy %5.1f%%  test accuracy %5.1f%%%n", epoch, loss,
            100 * accuracy(net, train, params), 100 * accuracy(net, test, params));
      }
      if (loss < EPSILON) break;
    }
    double testAccuracy = accuracy(net, test, params);
    System.out.printf("held-out accuracy %.1f%% on %d points%n", 100 * testAccuracy, test.size());
    Plot.write(picture, train, point -> inside(net, point, params));
    System.out.println("wrote " + picture);
    if (testAccuracy < 0.95) {
      System.err.println("accuracy below 95%");
      System.exit(1);
    }
  }

  /** The share of points whose label the network gets right (inside when X3 > 0, i.e. yhat > 1/2). */
  static double accuracy(CircleNet net, Circles data, double[][] params) {
    int correct = 0;
    double[] batch = new double[2 * BATCH];
    for (int start = 0; start < data.size(); start += BATCH) {
      int n = Math.min(BATCH, data.size() - start);
      System.arraycopy(data.points, 2 * start, batch, 0, 2 * n);
      double[] logits = logits(net, batch, params);
      for (int i = 0; i < n; i++) {
        if ((logits[i] > 0) == (data.labels[start + i] == 1)) correct++;
      }
    }
    return (double) correct / data.size();
  }

  /** Whether the network puts each of a batch's points inside; unused rows of the batch are ignored. */
  static boolean[] inside(CircleNet net, double[] batch, double[][] params) {
    double[] logits = logits(net, batch, params);
    boolean[] inside = new boolean[logits.length];
    for (int i = 0; i < logits.length; i++) inside[i] = logits[i] > 0;
    return inside;
  }

  private static double[] logits(CircleNet net, double[] batch, double[][] params) {
    net.value(batch, new double[BATCH], params[0], params[1], params[2], params[3], params[4], params[5]);
    return net.X3();
  }

  private static double[] gaussian(Random random, int n, double scale) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) values[i] = scale * random.nextGaussian();
    return values;
  }

  private Train() {}
}
