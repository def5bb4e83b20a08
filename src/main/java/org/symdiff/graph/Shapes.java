package org.symdiff.graph;

import java.util.List;

/** The shape rules of every op, with messages that name both shapes when they do not fit. */
final class Shapes {
  private Shapes() {}

  static Shape infer(Op op, List<Node> args) {
    Shape a = args.get(0).shape();
    return switch (op) {
      case MATMUL -> matmul(a, args.get(1).shape());
      case OUTER -> outer(a, args.get(1).shape());
      case TRANSPOSE -> a.rank() == 2 ? Shape.of(a.dim(1), a.dim(0)) : a;
      case SOFTMAX -> a;
      case LOGSUMEXP -> a.rank() == 2 ? Shape.of(a.dim(0), Dim.ONE) : Shape.SCALAR;
      default -> {
        Shape out = a;
        for (int i = 1; i < args.size(); i++) out = broadcast(out, args.get(i).shape());
        yield out;
      }
    };
  }

  /** The result of BROADCAST or SUM_TO: the target, which must broadcast to (or from) the argument. */
  static Shape shaped(Op op, Shape arg, Shape target) {
    Shape wide = op == Op.BROADCAST ? target : arg;
    Shape narrow = op == Op.BROADCAST ? arg : target;
    if (op == Op.MAX_TO && !wide.equals(Shape.broadcast(wide, narrow))) {
      throw new ShapeException("cannot take the maximum of " + arg + " down to " + target);
    }
    if (!wide.equals(Shape.broadcast(wide, narrow))) {
      throw new ShapeException("cannot " + (op == Op.BROADCAST ? "broadcast " : "sum ") + arg + " to " + target);
    }
    return target;
  }

  private static Shape broadcast(Shape a, Shape b) {
    Shape out = Shape.broadcast(a, b);
    if (out == null) throw new ShapeException(a + " and " + b + " do not broadcast");
    return out;
  }

  private static Shape matmul(Shape a, Shape b) {
    if (a.isScalar() || b.isScalar()) {
      throw new ShapeException(a + " @ " + b + ": '@' needs vectors or matrices on both sides; use '*' to scale");
    }
    Dim inner = a.dim(a.rank() - 1);
    Dim other = b.dim(0);
    if (!inner.equals(other)) {
      throw new ShapeException(a + " @ " + b + ": inner dimensions " + inner + " and " + other + " differ");
    }
    if (a.rank() == 1 && b.rank() == 1) return Shape.SCALAR;
    if (a.rank() == 1) return Shape.of(b.dim(1));
    if (b.rank() == 1) return Shape.of(a.dim(0));
    return Shape.of(a.dim(0), b.dim(1));
  }

  private static Shape outer(Shape a, Shape b) {
    if (a.rank() != 1 || b.rank() != 1) throw new ShapeException("outer(" + a + ", " + b + "): needs two vectors");
    return Shape.of(a.dim(0), b.dim(0));
  }
}
