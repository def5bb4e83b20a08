package org.symdiff.graph;

import java.util.ArrayList;
import java.util.List;
import org.symdiff.ast.Expr;
import org.symdiff.ast.ExprText;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;

/**
 * numpy's basic indexing with constant bounds, checked against the shape: {@code x[0]},
 * {@code x[-1]}, {@code x[1:]}, {@code x[:-1]}, {@code A[i, :]}, {@code A[:, j]}, {@code A[1:3, 2:]}.
 * A position drops its axis, a range keeps it; ranges clip to the axis as numpy's do, but an empty
 * one is an error. The result is one {@link Op#SLICE} of the base.
 */
final class Indexing {
  private Indexing() {}

  /** One axis after checking: where it starts, how long it is, and whether the result keeps it. */
  private record Axis(int start, Dim length, boolean kept) {}

  static Node slice(Graph graph, Source source, Expr.Index index, Node base) {
    Shape shape = base.shape();
    List<Expr.Subscript> subscripts = index.subscripts();
    String what = ExprText.of(index.base());
    if (shape.isScalar()) {
      throw new SourceError(source, index.span(), what + " is a scalar: only vectors and matrices take an index");
    }
    if (subscripts.size() > shape.rank()) {
      throw new SourceError(source, subscripts.get(shape.rank()).span(), what + " is a " + (shape.rank() == 1
          ? "vector" : "matrix") + " of shape " + shape + ": it takes at most " + shape.rank() + " subscript"
          + (shape.rank() == 1 ? "" : "s"));
    }
    List<Axis> axes = new ArrayList<>();
    for (int a = 0; a < shape.rank(); a++) {
      Dim dim = shape.dim(a);
      Expr.Subscript s = a < subscripts.size() ? subscripts.get(a) : null;
      if (s == null || (!s.position() && s.start() == null && s.stop() == null)) {
        axes.add(new Axis(0, dim, true));
        continue;
      }
      if (!dim.isFixed()) {
        throw new SourceError(source, s.span(), what + "'s axis " + a + " has the runtime size " + dim
            + ": a subscript on it needs a fixed size (dim " + dim + " = ...)");
      }
      axes.add(axis(source, s, dim.size(), what, a));
    }
    List<Dim> kept = new ArrayList<>();
    for (Axis x : axes) if (x.kept()) kept.add(x.length());
    Shape result = Shape.of(kept.toArray(Dim[]::new));
    Window window = shape.rank() == 1 ? Window.ofVector(axes.get(0).start(), axes.get(0).kept())
        : new Window(axes.get(0).start(), axes.get(1).start(), axes.get(0).kept(), axes.get(1).kept());
    return graph.slice(base, window, result);
  }

  private static Axis axis(Source source, Expr.Subscript s, int size, String what, int axis) {
    if (s.position()) {
      int i = s.start() < 0 ? s.start() + size : s.start();
      if (i < 0 || i >= size) {
        throw new SourceError(source, s.span(), "index " + s.start() + " is out of range for axis " + axis + " of "
            + what + ", of size " + size + " (valid: " + -size + " to " + (size - 1) + ")");
      }
      return new Axis(i, Dim.ONE, false);
    }
    int start = clip(s.start() == null ? 0 : s.start(), size);
    int stop = clip(s.stop() == null ? size : s.stop(), size);
    if (stop <= start) {
      throw new SourceError(source, s.span(), what + "[" + s.text() + "] is empty: axis " + axis + " has size " + size);
    }
    return new Axis(start, Dim.of(stop - start), true);
  }

  /** A range end as numpy reads it: negative from the end, then clipped to the axis. */
  private static int clip(int end, int size) {
    int at = end < 0 ? end + size : end;
    return Math.max(0, Math.min(size, at));
  }

  /**
   * {@code a} and {@code b} one after the other along {@code axis}: each padded with zeros into
   * the whole, and the two added, so the adjoint slices each part back out.
   */
  static Node concat(Graph graph, Source source, Expr.Call call, Node a, Node b, int axis) {
    Shape sa = a.shape();
    Shape sb = b.shape();
    String written = ExprText.of(call);
    if (sa.rank() == 0 || sa.rank() != sb.rank() || axis >= sa.rank()) {
      throw new SourceError(source, call.span(), written + ": concat joins two vectors, or two matrices along axis 0 or 1, not "
          + sa + " and " + sb);
    }
    Dim da = sa.dim(axis);
    Dim db = sb.dim(axis);
    int other = 1 - axis;
    if (!da.isFixed() || !db.isFixed() || (sa.rank() == 2 && !sa.dim(other).equals(sb.dim(other)))) {
      throw new SourceError(source, call.span(), written + ": " + sa + " and " + sb + " do not join along axis " + axis
          + (da.isFixed() && db.isFixed() ? "" : " (its sizes must be fixed)"));
    }
    Dim joined = Dim.of(da.size() + db.size());
    Shape whole = sa.rank() == 1 ? Shape.of(joined) : axis == 0 ? Shape.of(joined, sa.dim(1)) : Shape.of(sa.dim(0), joined);
    Window first = sa.rank() == 1 ? Window.ofVector(0, true) : new Window(0, 0, true, true);
    Window second = sa.rank() == 1 ? Window.ofVector(da.size(), true)
        : axis == 0 ? new Window(da.size(), 0, true, true) : new Window(0, da.size(), true, true);
    return graph.add(graph.pad(a, first, whole), graph.pad(b, second, whole));
  }
}
