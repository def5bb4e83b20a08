package org.symdiff.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symdiff.diff.StatementGradient;
import org.symdiff.emit.Loops.Request;
import org.symdiff.emit.Slot.Mode;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Shape;

/**
 * The body of an array class's {@code forward} method: statement by statement, each block headed
 * by the program's line as written, the elementwise work of a statement fused into one loop,
 * whole-array operations as kernels; and whether the section is one loop, which {@code gradient}
 * can then run inside the backward section ({@link FusedLoop}).
 */
final class ForwardSection {
  private final ArrayBodies bodies;
  private final Model model;
  private final StatementGradient program;
  private final ArrayPlan plan;
  private final ArrayEmitter storage;
  private FusedLoop fusion;

  ForwardSection(ArrayBodies bodies, Model model, StatementGradient program, ArrayPlan plan, ArrayEmitter storage) {
    this.bodies = bodies;
    this.model = model;
    this.program = program;
    this.plan = plan;
    this.storage = storage;
  }

  /** The section as one loop (and scalar arithmetic) for the backward to take in, once written; null if it is not. */
  FusedLoop fusion() {
    return fusion;
  }

  /** The section's code, statement by statement. */
  MethodBody write() {
    ArrayBodies.Body body = bodies.new Body(ArrayBodies.Section.FORWARD);
    Map<Model.Assignment, List<Node>> byStatement = new LinkedHashMap<>();
    for (Model.Assignment a : model.assignments()) byStatement.put(a, new ArrayList<>());
    for (Node gate : program.forward()) {
      Model.Assignment owner = program.owners().get(gate);
      if (owner != null && plan.isStored(gate)) byStatement.get(owner).add(gate);
    }
    List<LoopGroup> groups = new ArrayList<>();
    boolean fusable = model.hasScalarOutput();
    for (Map.Entry<Model.Assignment, List<Node>> entry : byStatement.entrySet()) {
      Model.Assignment statement = entry.getKey();
      List<Node> gates = entry.getValue();
      if (gates.isEmpty()) continue;
      body.endPart();
      body.code.add("// $L\n", statement.text());
      LoopGroup pending = null;
      for (Node gate : gates) {
        Node into = plan.writtenInto(gate);
        Slot slot = storage.valueSlot(into != null ? into : gate, plan.outlivesForward(gate));
        Mode mode = slot.array() || storage.isField(slot) ? Mode.ASSIGN : Mode.DECLARE;
        List<Node> parts = WindowTerms.of(gate);
        if (parts.size() > 1) {
          // a concat: each part is written into its window of the cleared array
          if (pending != null) pending = pending.flush();
          fusable = false;
          body.loops.clear(slot);
          for (Node part : parts) body.compute(part, slot, Mode.ACCUMULATE);
        } else if (ArrayBodies.isKernel(gate)) {
          if (pending != null && pending.reaches(gate, true)) pending = pending.flush();
          fusable = false;
          body.compute(gate, slot, mode);
        } else {
          Shape shape = Loops.loopShape(gate);
          if (pending != null && (!pending.shape.equals(shape) || pending.reaches(gate, false))) {
            pending = pending.flush();
          }
          if (pending == null) groups.add(pending = ArrayBodies.group(shape, body));
          pending.add(new Request(slot, gate, mode), gate);
        }
        bodies.keep(gate, slot);
      }
      if (pending != null) pending.flush();
    }
    String returned = model.hasScalarOutput() ? bodies.output(body) : null;
    // a loop that needs something computed before it is not the forward section's one loop
    if (fusable && body.materialized == 0) {
      fusion = FusedLoop.of(groups.stream().map(g -> new FusedLoop.Part(g.shape, g.requests())).toList());
    }
    return body.method(returned);
  }
}
