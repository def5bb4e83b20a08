package org.symdiff.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.StatementGradient;
import org.symdiff.emit.ArrayPlan.Product;
import org.symdiff.emit.Loops.Request;
import org.symdiff.emit.Slot.Mode;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.Shape;

/**
 * The bodies of an array class's {@code forward} and {@code backward} methods, statement by
 * statement: each block headed by the program's line as written, elementwise work of one shape
 * fused into one loop, whole-array operations as kernels, and in the backward one adjoint per
 * value with {@code +=} for each further use. The slots of stored values and adjoints come from
 * {@link ArrayEmitter}, which declares them.
 */
final class ArrayBodies {
  private final Model model;
  private final StatementGradient program;
  private final ArrayPlan plan;
  private final ArrayEmitter storage;
  /** Values both methods can read: inputs and the fields the forward section fills. */
  private final Map<Node, Slot> values = new HashMap<>();
  private final Map<Node, Slot> forwardLocals = new HashMap<>();
  private final Map<Node, Slot> adjoints = new HashMap<>();
  private final Map<Node, Slot> temporaries = new HashMap<>();
  /** Tangent leaves' slots (directions, tangents of stored values and of adjoints), and the tangent section's own temporaries. */
  private final Map<Node, Slot> tangents = new HashMap<>();
  private final Map<Node, Slot> tangentTemporaries = new HashMap<>();
  private final Map<Node, Slot> adjointTemporaries = new HashMap<>();
  private final Set<Node> adjointInputs = new LinkedHashSet<>();
  /** Every expression the tangent section writes, for the helpers it calls. */
  private final List<Node> tangentExpressions = new ArrayList<>();
  private final Set<Node> forwardInputs = new LinkedHashSet<>();
  private final Set<Node> backwardInputs = new LinkedHashSet<>();
  private final Set<Node> tangentInputs = new LinkedHashSet<>();
  private final OpTally forwardOps = new OpTally();
  private final OpTally backwardOps = new OpTally();
  /** Whether {@code gradient} may run a forward section of one loop inside the backward section. */
  private final boolean fuse;
  /** The forward section as one loop that {@code gradient} runs inside the backward one; null when it is not. */
  private FusedLoop fusion;
  /** The order the backward section's loops are written in; also holds the fusion while that section is written. */
  private final LoopSchedule schedule;

  ArrayBodies(Model model, StatementGradient program, ArrayPlan plan, ArrayEmitter storage, boolean fuse) {
    this.fuse = fuse;
    this.schedule = new LoopSchedule(storage);
    this.model = model;
    this.program = program;
    this.plan = plan;
    this.storage = storage;
    for (Node input : model.inputs()) values.put(input, storage.inputSlot(input));
  }

  Set<Node> forwardInputs() {
    return forwardInputs;
  }

  Set<Node> backwardInputs() {
    return backwardInputs;
  }

  /** What the backward section without the gradient ({@link #adjoints}) reads. */
  Set<Node> adjointInputs() {
    return adjointInputs;
  }

  Set<Node> tangentInputs() {
    return tangentInputs;
  }

  List<Node> tangentExpressions() {
    return tangentExpressions;
  }

  /** Tangent leaves' slots, for {@link TangentSection}, which fills them. */
  Map<Node, Slot> tangents() {
    return tangents;
  }

  StatementGradient program() {
    return program;
  }

  ArrayEmitter storage() {
    return storage;
  }

  /** The operations of the two bodies, once both are written. */
  OpCertificate certificate() {
    return new OpCertificate(forwardOps.counts(), backwardOps.counts(), isFused());
  }

  /**
   * Whether the backward section computes the forward section's loop too, and returns the output,
   * so that {@code gradient} runs it alone; known once the forward section is written.
   */
  boolean isFused() {
    return fusion != null;
  }

  /**
   * Whether, once the backward section is written, the forward's loop found no backward loop to
   * share and ran on its own: nothing gained, so the class is better written unfused.
   */
  boolean fusedAlone() {
    return fusion != null && !fusion.shared();
  }

  /** Where the forward section keeps {@code n}: a workspace array or a field; null for a local. */
  Slot stored(Node n) {
    return values.get(n);
  }

  /** The method a body is written into, which decides what it can read and where it keeps what it computes first. */
  enum Section { FORWARD, BACKWARD, ADJOINTS, TANGENT }

  /** One method's code, and the writers bound to it. */
  final class Body implements Loops.Values {
    final CodeBlock.Builder code = CodeBlock.builder();
    final Section section;
    final boolean backward;
    final Loops loops;
    final MatrixKernels kernels;

    Body(Section section) {
      this.section = section;
      this.backward = section != Section.FORWARD;
      OpTally ops = switch (section) {
        case FORWARD -> forwardOps;
        case BACKWARD -> backwardOps;
        // the backward section again, less the gradient's work, and the second-order sections:
        // not part of the certificate
        case ADJOINTS, TANGENT -> new OpTally();
      };
      this.loops = storage.loops(code, this, ops);
      this.kernels = storage.kernels(code, ops);
    }

    /** How many values were computed before the loop that reads them ({@link #materialize}). */
    int materialized;

    /** The blocks of the statements written so far, each closed by {@link #endPart}. */
    final List<CodeBlock> parts = new ArrayList<>();

    /** Closes the code written since the last part as a part: a statement's block, which a method can hold whole. */
    void endPart() {
      if (code.isEmpty()) return;
      parts.add(code.build());
      code.clear();
    }

    /** The parts, and what the method returns. */
    MethodBody method(String returned) {
      endPart();
      return new MethodBody(List.copyOf(parts), returned);
    }

    /** Values this backward region has written whole into an adjoint, valid until the region ends. */
    final Map<Node, Slot> regionMemo = new HashMap<>();

    Map<Node, Slot> locals() {
      return switch (section) {
        case FORWARD -> forwardLocals;
        case BACKWARD -> temporaries;
        case ADJOINTS -> adjointTemporaries;
        case TANGENT -> tangentTemporaries;
      };
    }

    @Override
    public Slot slot(Node n) {
      if (n.op() == Op.ADJOINT) return adjoints.get(n.target());
      if (n.op() == Op.TANGENT) return tangents.get(n);
      if (n.op() == Op.VARIABLE) {
        (switch (section) {
          case FORWARD -> forwardInputs;
          case BACKWARD -> backwardInputs;
          case ADJOINTS -> adjointInputs;
          case TANGENT -> tangentInputs;
        }).add(n);
      }
      Slot slot = values.get(n);
      if (slot == null) slot = locals().get(n);
      if (slot == null) slot = regionMemo.get(n);
      return slot;
    }

    @Override
    public Slot materialize(Node n) {
      materialized++;
      Slot slot = backward ? storage.temporary(n) : storage.valueSlot(n, false);
      boolean kept = slot.array() || storage.isField(slot);
      (backward ? locals() : kept ? values : forwardLocals).put(n, slot);
      compute(n, slot, kept ? Mode.ASSIGN : Mode.DECLARE);
      return slot;
    }

    /** Writes {@code n} into {@code dest}: a kernel, or a loop of its own. */
    void compute(Node n, Slot dest, Mode mode) {
      if (n.op() == Op.MATMUL && ArrayPlan.product(n) == Product.ROWS) {
        MatrixKernels.Strided a = strided(n.arg(0));
        MatrixKernels.Strided b = strided(n.arg(1));
        kernels.product(dest, n, mode, a, b, storage.packedRows(n, b), storage.rowSums(n));
      } else if ((n.op() == Op.SOFTMAX || n.op() == Op.LOGSUMEXP) && mode != Mode.ACCUMULATE) {
        Slot in = slot(n.arg(0));
        kernels.rowwise(dest, n, in != null ? in : materialize(n.arg(0)), mode);
      } else if (n.op() == Op.SOFTMAX || n.op() == Op.LOGSUMEXP) {
        materialize(n);
        loops.write(n.shape(), List.of(new Request(dest, n, mode)));
      } else {
        loops.write(Loops.loopShape(n), List.of(new Request(dest, n, mode)));
      }
    }

    /** A product's operand as an array: its own, or (for a transpose not stored) its argument's read in place. */
    private MatrixKernels.Strided strided(Node n) {
      boolean inPlace = n.op() == Op.TRANSPOSE && slot(n) == null;
      Node array = inPlace ? n.arg(0) : n;
      Slot slot = slot(array);
      return kernels.strided(n.shape(), slot != null ? slot : materialize(array), inPlace);
    }
  }

  static boolean isKernel(Node n) {
    return n.op() == Op.SOFTMAX || n.op() == Op.LOGSUMEXP
        || (n.op() == Op.MATMUL && ArrayPlan.product(n) == Product.ROWS);
  }

  // ---- forward

  /** The forward section; returns the code and, through {@link #forwardInputs}, what it reads. */
  MethodBody forward() {
    ForwardSection section = new ForwardSection(this, model, program, plan, storage);
    MethodBody body = section.write();
    fusion = fuse ? section.fusion() : null;
    return body;
  }

  /** Where the forward section keeps a gate: a workspace array or field both sections read, or a local of its own. */
  void keep(Node gate, Slot slot) {
    (slot.array() || storage.isField(slot) ? values : forwardLocals).put(gate, slot);
  }

  /** The output as Java: its slot, or a number when the program's output is a constant. */
  String output(Body body) {
    Node output = program.gradient().output();
    if (output.isConstant()) return Numbers.javaLiteral(output.value());
    Slot slot = body.slot(output);
    if (slot == null) slot = body.materialize(output);
    return slot.at("0");
  }

  /** A loop for {@code body} over {@code shape}; a backward or tangent loop remembers what it wrote whole. */
  static LoopGroup group(Shape shape, Body body) {
    return new LoopGroup(shape, body.loops, body, body.backward ? body.regionMemo : null);
  }

  // ---- backward

  /**
   * Adds the contribution {@code e} to {@code slot} ({@code first}: nothing has written it yet),
   * term by term: a kernel at once, the rest in the region's loop of its shape, which contributions
   * of one shape share unless one reads another's total. {@code produced} names what a term's
   * loop makes, for the later terms that read it.
   */
  void add(Body body, Map<Shape, LoopGroup> loops, Slot slot, Node e, boolean first,
      java.util.function.UnaryOperator<Node> produced) {
    boolean written = !first;
    List<Node> windows = first ? WindowTerms.assigningFirst(WindowTerms.of(e)) : null;
    for (Node term : windows != null ? windows : WindowTerms.of(e)) {
      Mode mode = written ? Mode.ACCUMULATE : slot.array() || storage.isField(slot) ? Mode.ASSIGN : Mode.DECLARE;
      written = true;
      if (term.op() == Op.PAD && mode != Mode.ACCUMULATE && windows == null) {
        // the first write is a window: the rest of the array is zero, and this region's loops all add
        body.loops.clear(slot);
        mode = Mode.ACCUMULATE;
      }
      if (body.slot(term) == null) schedule.placeSums(body, loops, term);
      if (isKernel(term)) {
        schedule.beforeKernel(term, slot);
        body.compute(term, slot, mode);
        continue;
      }
      // a stored value is copied
      Shape shape = body.slot(term) != null ? term.shape() : Loops.loopShape(term);
      LoopGroup group = schedule.groupFor(body, loops, term, shape);
      schedule.awaitFirstWrite(slot, group);
      schedule.awaitSums(term, group);
      // written by now to keep the loops in order: the term goes into a new one
      if (group.flushed) group = schedule.groupAfterSums(body, loops, term, shape);
      group.add(new Request(slot, term, mode), produced.apply(term));
      if (mode != Mode.ACCUMULATE) schedule.firstWrite(slot, group);
    }
  }

  LoopSchedule schedule() {
    return schedule;
  }

  /** The backward section, from the output down; what it reads shows in {@link #backwardInputs}. */
  MethodBody backward() {
    return backward(true);
  }

  /**
   * The backward section without its contributions to the wrt variables' adjoints: the adjoints
   * the tangent section of an HVP reads, without the gradient's products, which it does not.
   */
  MethodBody adjoints() {
    return backward(false);
  }

  private MethodBody backward(boolean withGradient) {
    Body body = new Body(withGradient ? Section.BACKWARD : Section.ADJOINTS);
    FusedLoop fusing = withGradient ? fusion : null;
    schedule.fusing(fusing);
    if (fusing != null) fusing.begin(new FusedLoop.Section() {
      @Override
      public void write(FusedLoop.Part part) {
        body.loops.write(part.shape(), part.requests());
        record(part);
      }

      @Override
      public void record(FusedLoop.Part part) {
        for (Request r : part.requests()) {
          if (!r.dest().array() && !storage.isField(r.dest())) temporaries.put(r.expression(), r.dest());
        }
      }

      @Override
      public void flush(LoopGroup group) {
        schedule.flush(group);
      }
    });
    Gradient gradient = program.gradient();
    Map<Node, Integer> contributions = new HashMap<>();
    program.regions().forEach(r -> r.contributions().forEach(c -> contributions.merge(c.target(), 1, Integer::sum)));
    Set<Node> wrt = new HashSet<>(gradient.wrt());
    Set<Node> written = new HashSet<>();
    Model.Assignment heading = null;
    for (StatementGradient.Region region : program.regions()) {
      body.regionMemo.clear();
      List<Gradient.Contribution> kept = region.contributions().stream()
          .filter(c -> withGradient || !wrt.contains(c.target())).toList();
      if (kept.isEmpty()) continue;
      if (region.statement() != heading) {
        heading = region.statement();
        body.endPart();
        if (heading != null) body.code.add("// $L\n", heading.text());
      }
      Map<Shape, LoopGroup> loops = new LinkedHashMap<>();
      for (Gradient.Contribution c : kept) {
        Node target = c.target();
        Node e = c.expression();
        if (e.op() == Op.ADJOINT && e.shape().equals(target.shape()) && !wrt.contains(target)
            && contributions.get(target) == 1 && !target.shape().isScalar()) {
          // an adjoint equal to another is that array
          adjoints.put(target, adjoints.get(e.target()));
          body.code.add("// $L is $L\n", storage.adjointName(target), adjoints.get(e.target()).name());
          continue;
        }
        Slot slot = adjoints.computeIfAbsent(target, storage::adjointSlot);
        add(body, loops, slot, e, written.add(target), term -> term);
      }
      loops.values().forEach(g -> {
        if (!g.flushed) schedule.flush(g);
      });
    }
    for (Node v : gradient.wrt()) {
      if (written.contains(v) || !withGradient) continue;
      Slot slot = storage.adjointSlot(v);
      if (v == gradient.output()) {
        body.code.addStatement("$L = 1.0", slot.at("0"));
      } else {
        body.code.add("// $L does not affect $L\n", v.name(), model.outputName());
        body.code.addStatement("$T.fill($L, 0.0)", java.util.Arrays.class, slot.name());
      }
    }
    String returned = null;
    if (fusing != null) {
      fusing.end();
      schedule.fusing(null);
      returned = output(body);
    }
    return body.method(returned);
  }
}
