package org.symdiff.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.symdiff.ast.Program;
import org.symdiff.ast.Source;
import org.symdiff.diff.ClosedForm;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.graph.Lowering;
import org.symdiff.graph.Model;
import org.symdiff.parse.ProgramParser;
import org.symdiff.simplify.Simplifier;

/**
 * How each pipeline stage's time grows with the size of the program ({@link ScalingSource}).
 * Linear work shows as a constant time per gate across sizes. Stages that add nodes to the
 * model's graph (differentiation, closed form) get a freshly lowered model for every call, made
 * outside the timed region, since a second run on the same graph would only find shared nodes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
// A 10^6-gate run keeps about 4 GB live; less heap turns the largest size into a GC benchmark.
@Fork(value = 1, jvmArgsAppend = "-Xmx10g")
public class PipelineScaling {
  static final long SEED = 20261123L;

  /** The program text and its parsed and lowered forms, made once per size. */
  @State(Scope.Benchmark)
  public static class Built {
    @Param({"1000", "10000", "100000", "1000000"})
    public int size;

    Source source;
    Program program;
    Model model;
    Gradient gradient;

    @Setup(Level.Trial)
    public void build() {
      source = new Source("scaling-" + size + ".sd", ScalingSource.program(size, SEED));
      program = ProgramParser.parse(source);
      model = Lowering.lower(program, Simplifier.graph());
      gradient = differentiate(model);
    }
  }

  /** A model no stage has touched yet, lowered anew for each call. */
  @State(Scope.Benchmark)
  public static class FreshModel {
    @Param({"1000", "10000", "100000", "1000000"})
    public int size;

    Program program;
    Model model;

    @Setup(Level.Trial)
    public void parse() {
      program = ProgramParser.parse(new Source("scaling-" + size + ".sd", ScalingSource.program(size, SEED)));
    }

    @Setup(Level.Invocation)
    public void lower() {
      model = Lowering.lower(program, Simplifier.graph());
    }

    /** Lets the used model go before the next is built: two 10^6-gate graphs would crowd the heap. */
    @TearDown(Level.Invocation)
    public void release() {
      model = null;
    }
  }

  /** A freshly lowered and differentiated model for each call. */
  @State(Scope.Benchmark)
  public static class FreshGradient {
    @Param({"1000", "10000", "100000", "1000000"})
    public int size;

    Program program;
    Model model;
    Gradient gradient;

    @Setup(Level.Trial)
    public void parse() {
      program = ProgramParser.parse(new Source("scaling-" + size + ".sd", ScalingSource.program(size, SEED)));
    }

    @Setup(Level.Invocation)
    public void lowerAndDifferentiate() {
      model = Lowering.lower(program, Simplifier.graph());
      gradient = differentiate(model);
    }

    @TearDown(Level.Invocation)
    public void release() {
      model = null;
      gradient = null;
    }
  }

  static Gradient differentiate(Model model) {
    return ReverseSweep.differentiate(model.graph(), model.output(), model.defaultWrt());
  }

  @Benchmark
  public Program parse(Built b) {
    return ProgramParser.parse(b.source);
  }

  @Benchmark
  public Model lower(Built b) {
    return Lowering.lower(b.program, Simplifier.graph());
  }

  @Benchmark
  public Gradient differentiate(FreshModel f) {
    return differentiate(f.model);
  }

  @Benchmark
  public String emitJava(Built b) {
    return JavaEmitter.emit(b.model, b.gradient, "bench", "Scaling");
  }

  /** Builds the closed form as a shared graph; printing it as a tree is what would swell. */
  @Benchmark
  public ClosedForm closedForm(FreshGradient f) {
    return ClosedForm.of(f.model.graph(), f.gradient);
  }
}
