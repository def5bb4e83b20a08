package circle;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Draws the decision regions and the training points, with Java2D only. */
final class Plot {
  private static final int SIZE = 480;
  private static final double EXTENT = 1.6;   // the picture shows [-1.6, 1.6] in both directions

  /** Says whether the point (x, y) of the plane is inside. */
  interface Classifier {
    boolean inside(double x, double y);
  }

  /** The decision regions, asking {@code classify} about each pixel's point, one point at a time. */
  static void write(Path file, Circles data, Classifier classify) throws IOException {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < SIZE; row++) {
      for (int column = 0; column < SIZE; column++) {
        boolean inside = classify.inside(toPlane(column), -toPlane(row));
        image.setRGB(column, row, inside ? 0xFFE0B2 : 0xBBDEFB);
      }
    }
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setStroke(new BasicStroke(1.2f));
    for (int i = 0; i < data.size(); i++) {
      int x = toPixel(data.points[2 * i]);
      int y = toPixel(-data.points[2 * i + 1]);
      g.setColor(data.labels[i] == 1 ? new Color(0xE65100) : new Color(0x0D47A1));
      g.fillOval(x - 4, y - 4, 8, 8);
      g.setColor(Color.WHITE);
      g.drawOval(x - 4, y - 4, 8, 8);
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static double toPlane(int pixel) {
    return (pixel + 0.5) / SIZE * 2 * EXTENT - EXTENT;
  }

  private static int toPixel(double coordinate) {
    return (int) Math.round((coordinate + EXTENT) / (2 * EXTENT) * SIZE);
  }

  private Plot() {}
}
