package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.diff.StatementGradient;
import org.symdiff.diff.Tangents;
import org.symdiff.emit.Loops.Request;
import org.symdiff.emit.Slot.Mode;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * The body of an array class's {@code tangent} method, forward mode over {@link ArrayBodies}' slots:
 * the tangents of the values each statement stores, and for a Hessian-vector product the tangents
 * of the adjoints, region by region, written through the same loops and additions as the
 * backward section.
 */
final class TangentSection {
  private final ArrayBodies bodies;
  private final StatementGradient program;
  private final ArrayEmitter storage;
  private final Map<Node, Slot> tangents;

  TangentSection(ArrayBodies bodies) {
    this.bodies = bodies;
    this.program = bodies.program();
    this.storage = bodies.storage();
    this.tangents = bodies.tangents();
  }

  /**
   * The tangent section along the directions {@code sweep} starts from: the tangents of the values
   * each statement stores, statement by statement as the forward section computes them, then (for
   * a Hessian-vector product, {@code overBackward}) the tangents of the adjoints region by region
   * as the backward section computes them. Directions, results and outputs have the slots
   * {@code given} assigns them; what the section reads shows in {@link ArrayBodies#tangentInputs}.
   */
  CodeBlock write(Tangents.Sweep sweep, Map<Node, Slot> given, boolean overBackward, List<Node> outputs) {
    ArrayBodies.Body body = bodies.new Body(ArrayBodies.Section.TANGENT);
    tangents.putAll(given);
    List<Tangents.Step> forward = sweep.forward(program.forward(), program.boundary()::contains);
    List<List<Tangents.Step>> backward = new ArrayList<>();
    List<Node> readers = new ArrayList<>(outputs);
    if (overBackward) {
      for (StatementGradient.Region region : program.regions()) backward.add(sweep.backward(region.contributions()));
      backward.forEach(steps -> steps.forEach(st -> readers.add(st.expression())));
    }
    Model.Assignment heading = null;
    LoopGroup pending = null;
    bodies.tangentExpressions().addAll(readers);
    for (Tangents.Step step : Tangents.needed(forward, readers)) {
      bodies.tangentExpressions().add(step.expression());
      Node gate = step.leaf().target();
      Model.Assignment owner = program.owners().get(gate);
      if (owner != heading) {
        if (pending != null) pending = pending.flush();
        heading = owner;
        if (owner != null) body.code.add("// $L\n", owner.text());
      }
      Slot slot = tangents.computeIfAbsent(step.leaf(), storage::tangentSlot);
      Mode mode = slot.array() || storage.isField(slot) ? Mode.ASSIGN : Mode.DECLARE;
      Node e = step.expression();
      List<Node> parts = WindowTerms.of(e);
      if (parts.size() > 1) {
        // a concat's tangent: each part into its window of the cleared array
        if (pending != null) pending = pending.flush();
        body.loops.clear(slot);
        for (Node part : parts) body.compute(part, slot, Mode.ACCUMULATE);
        continue;
      }
      if (ArrayBodies.isKernel(e)) {
        if (pending != null && pending.reaches(e, true)) pending = pending.flush();
        body.compute(e, slot, mode);
        continue;
      }
      Shape shape = Loops.loopShape(e);
      if (pending != null && (!pending.shape.equals(shape) || pending.reaches(e, false))) pending = pending.flush();
      if (pending == null) pending = ArrayBodies.group(shape, body);
      pending.add(new Request(slot, e, mode), step.leaf());
    }
    if (pending != null) pending.flush();
    if (overBackward) tangentOfBackward(body, backward, given.keySet());
    return body.code.build();
  }

  /** The tangents of the backward section's contributions, region by region; results are written whole (or zero). */
  private void tangentOfBackward(ArrayBodies.Body body, List<List<Tangents.Step>> steps, Set<Node> fixed) {
    Map<Node, Integer> counts = new HashMap<>();
    steps.forEach(share -> share.forEach(st -> counts.merge(st.leaf(), 1, Integer::sum)));
    body.code.add("// backward, differentiated: d<v>Dot = the derivative of d<v> along v\n");
    Set<Node> written = new HashSet<>();
    Model.Assignment heading = null;
    for (int r = 0; r < steps.size(); r++) {
      if (steps.get(r).isEmpty()) continue;
      body.regionMemo.clear();
      Model.Assignment statement = program.regions().get(r).statement();
      if (statement != heading) {
        heading = statement;
        if (heading != null) body.code.add("// $L\n", heading.text());
      }
      Map<Shape, LoopGroup> loops = new LinkedHashMap<>();
      for (Tangents.Step step : steps.get(r)) {
        Node leaf = step.leaf();
        Node e = step.expression();
        if (e.op() == Op.TANGENT && e.shape().equals(leaf.shape()) && !fixed.contains(leaf) && counts.get(leaf) == 1
            && !leaf.shape().isScalar() && tangents.containsKey(e)) {
          tangents.put(leaf, tangents.get(e));
          body.code.add("// $L is $L\n", storage.tangentName(leaf), tangents.get(e).name());
          continue;
        }
        Slot slot = tangents.computeIfAbsent(leaf, storage::tangentSlot);
        bodies.add(body, loops, slot, e, written.add(leaf), term -> leaf);
      }
      loops.values().forEach(g -> {
        if (!g.flushed) bodies.schedule().flush(g);
      });
    }
    for (Node leaf : fixed) {
      Slot slot = tangents.get(leaf);
      if (leaf.target().op() == Op.ADJOINT && !written.contains(leaf)) {
        body.code.addStatement("$T.fill($L, 0.0)", java.util.Arrays.class, slot.name());
      }
    }
  }
}
