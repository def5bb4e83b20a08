package org.symdiff.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.Jacobian;
import org.symdiff.diff.Tangents;
import org.symdiff.graph.Node;

/**
 * Jacobians and Hessians on numbers, for {@code --emit json} and {@code --check}: one forward (and
 * backward) run, then the tangent program once per unit direction, each on a fork of that run.
 */
public final class HigherDerivatives {
  private HigherDerivatives() {}

  /** The outputs' values (elements in order) and the Jacobian's rows. */
  public record JacobianResult(double[] values, double[][] rows) {}

  public static JacobianResult jacobian(Jacobian jacobian, Map<Node, double[]> point) {
    Evaluator e = new Evaluator(point);
    double[] values = outputs(jacobian, e);
    double[][] rows = new double[jacobian.rows()][jacobian.columns()];
    int column = 0;
    for (Map<Node, double[]> direction : unitDirections(jacobian.wrt())) {
      Evaluator run = e.fork();
      run.tangents(jacobian.tangents(), direction);
      int row = 0;
      for (int k = 0; k < jacobian.outputs().size(); k++) {
        Node leaf = jacobian.outputLeaves().get(k);
        double[] t = leaf == null ? null : run.tangent(leaf);
        int size = jacobian.outputs().get(k).shape().size();
        for (int i = 0; i < size; i++) rows[row + i][column] = t == null ? 0 : t[i];
        row += size;
      }
      column++;
    }
    return new JacobianResult(values, rows);
  }

  /** The outputs' values, one after another in row order, as {@code e} evaluates them. */
  static double[] outputs(Jacobian jacobian, Evaluator e) {
    double[] values = new double[jacobian.rows()];
    int at = 0;
    for (Node out : jacobian.outputs()) {
      double[] v = e.value(out);
      System.arraycopy(v, 0, values, at, v.length);
      at += v.length;
    }
    return values;
  }

  /** The Hessian, n x n over the wrt variables' elements, column j as H e_j. */
  public static double[][] hessian(Gradient gradient, Tangents tangents, Map<Node, double[]> point) {
    Evaluator e = new Evaluator(point);
    e.value(gradient.output());
    e.backward(gradient);
    List<Map<Node, double[]>> units = unitDirections(gradient.wrt());
    double[][] h = new double[units.size()][units.size()];
    for (int j = 0; j < units.size(); j++) {
      double[] column = hvp(e.fork(), gradient, tangents, units.get(j));
      for (int i = 0; i < column.length; i++) h[i][j] = column[i];
    }
    return h;
  }

  /** H v, flattened over the wrt variables in order, from a run that did the forward and backward sections. */
  static double[] hvp(Evaluator run, Gradient gradient, Tangents tangents, Map<Node, double[]> direction) {
    run.tangents(tangents, direction);
    List<Double> out = new ArrayList<>();
    for (Node v : gradient.wrt()) {
      Node leaf = tangents.results().get(v);
      double[] t = leaf == null ? null : run.tangent(leaf);
      for (int i = 0; i < v.shape().size(); i++) out.add(t == null ? 0 : t[i]);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** One direction per element of the variables: 1 there, 0 elsewhere. */
  static List<Map<Node, double[]>> unitDirections(List<Node> wrt) {
    List<Map<Node, double[]>> units = new ArrayList<>();
    for (Node v : wrt) {
      for (int i = 0; i < v.shape().size(); i++) {
        Map<Node, double[]> d = new LinkedHashMap<>();
        for (Node w : wrt) d.put(w, new double[w.shape().size()]);
        d.get(v)[i] = 1;
        units.add(d);
      }
    }
    return units;
  }
}
