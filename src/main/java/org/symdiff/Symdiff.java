package org.symdiff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.diff.Gradient;
import org.symdiff.diff.Jacobian;
import org.symdiff.diff.ReverseSweep;
import org.symdiff.graph.Lowering;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Suggestions;
import org.symdiff.parse.ProgramParser;
import org.symdiff.simplify.Simplifier;

/** The library entry points: text to model, model to gradient. Emitters live in {@code emit}. */
public final class Symdiff {
  private Symdiff() {}

  /**
   * Runs {@code work} on a thread with a 1 GiB stack and returns its result, rethrowing what it
   * throws. Parsing, lowering and printing recurse as deep as the input nests, so the command line
   * and the Maven plugin both run there to accept the same inputs.
   */
  public static <T> T onDeepStack(Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker = new Thread(null, () -> {
      try {
        result.set(work.get());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "symdiff", 1L << 30);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    return result.get();
  }

  /** Parses and lowers a program or expression; throws {@link SourceError} for bad input. */
  public static Model load(Source source) {
    return Lowering.lower(ProgramParser.parse(source), Simplifier.graph());
  }

  /** Differentiates with respect to the model's default variables (every param, else every input). */
  public static Gradient differentiate(Model model) {
    requireScalarOutput(model);
    return ReverseSweep.differentiate(model.graph(), model.output(), model.defaultWrt());
  }

  /** The Jacobian of a model's outputs with respect to {@code wrt}: what a program with several outputs, or a vector one, has. */
  public static Jacobian jacobian(Model model, List<Node> wrt) {
    return Jacobian.of(model.graph(), model.outputs().stream().map(Model.Output::value).toList(), wrt);
  }

  private static void requireScalarOutput(Model model) {
    if (model.hasScalarOutput()) return;
    String what = model.outputs().size() > 1 ? "has " + model.outputs().size() + " outputs"
        : "has the output '" + model.outputName() + "' of shape " + model.output().shape();
    throw new SourceError(model.source(), Span.NONE, "the program " + what + ": a gradient needs one scalar output;"
        + " take its Jacobian instead (Symdiff.jacobian, or --emit java, json or expr)");
  }

  /**
   * Differentiates with respect to {@code wrt}, names of the model's inputs, as typed in
   * {@code wrtSource} (a comma-separated list): an unknown name is reported with a caret under it.
   */
  public static Gradient differentiate(Model model, Source wrtSource) {
    requireScalarOutput(model);
    return ReverseSweep.differentiate(model.graph(), model.output(), wrt(model, wrtSource));
  }

  /** The inputs {@code wrtSource} names (a comma-separated list, as --wrt takes it), in its order. */
  public static List<Node> wrt(Model model, Source wrtSource) {
    List<Node> wrt = new ArrayList<>();
    Map<String, Node> inputs = new HashMap<>();
    for (Node input : model.inputs()) inputs.put(input.name(), input);
    Set<Node> listed = new HashSet<>();
    int offset = 0;
    for (String part : wrtSource.text().split(",", -1)) {
      String name = part.strip();
      int column = offset + part.indexOf(name.isEmpty() ? part : name) + 1;
      Span span = new Span(1, Math.max(1, column), Math.max(1, name.length()));
      Node input = inputs.get(name);
      if (input == null) {
        List<String> known = model.inputs().stream().map(Node::name).toList();
        String detail = name.isEmpty() ? "empty name in the list"
            : "'" + name + "' is not an input" + Suggestions.didYouMean(name, known);
        throw new SourceError(wrtSource, span, detail + " (inputs: " + String.join(", ", known) + ")");
      }
      if (!listed.add(input)) throw new SourceError(wrtSource, span, "'" + name + "' is listed twice");
      wrt.add(input);
      offset += part.length() + 1;
    }
    return wrt;
  }
}
