package org.symdiff.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Statement;
import org.symdiff.eval.Evaluator;
import org.symdiff.eval.GradientCheck;
import org.symdiff.graph.Node;
import org.symdiff.testing.CompiledGradient;
import org.symdiff.testing.Coverage;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.ExprPrinter;
import org.symdiff.testing.PropertyRun;
import org.symdiff.testing.RandomPrograms;
import org.symdiff.testing.Shrinker;

/**
 * For random well-shaped programs over scalars, vectors and matrices ({@link RandomPrograms}),
 * differentiated with respect to their params or, in every other case, a random {@code --wrt}
 * subset of their inputs, at random points:
 * <ul>
 *   <li>the generated Java (compiled in memory; for arrays one instance, reused for every call)
 *       agrees with the interpreter, which is what {@code --emit json} prints;
 *   <li>a second {@code gradient} call on the same instance gives the same numbers, {@code value}
 *       returns what {@code gradient} returns, and each named array's getter holds its value;
 *   <li>the interpreter agrees with five-point finite differences, where they are reliable.
 * </ul>
 * A failure is shrunk (fewer statements and declarations, smaller expressions, smaller dims) and
 * reported with its seed, the program before and after shrinking and the command that replays it.
 */
class ProgramPropertyTest {
  private static final PropertyRun RUN = PropertyRun.of(ProgramPropertyTest.class, 5_005_005L, 150);
  private static final int DEPTH = 3;
  private static final int POINTS = 3;
  /** Generated loops may add in another order than the interpreter: more than rounding is a bug. */
  private static final double TOLERANCE = 1e-10;
  /** Shrinking compiles its candidates this many to a javac run. */
  private static final int SHRINK_BATCH = 40;

  /** A generated program and the variables it is differentiated with respect to (null: its default). */
  private record Case(long seed, String program, List<String> wrt) {
    Differentiated load() {
      Differentiated model = Differentiated.of(program);
      return wrt == null ? model : model.withRespectTo(wrt);
    }
  }

  /** How much of the run each check reached. */
  private static final class Stats {
    int instanceClasses;
    int compiledPoints;
    int numericPoints;
    int casesChecked;
  }

  @Test
  void compiledInterpretedAndNumericGradientsAgree() {
    Coverage coverage = Coverage.ofPrograms();
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < RUN.cases(); i++) cases.add(generate(RUN.caseSeed(i), coverage));
    Stats stats = new Stats();
    List<String> failures = failures(cases, stats);
    for (int i = 0; i < cases.size(); i++) {
      if (failures.get(i) != null) throw shrunk(cases.get(i), failures.get(i));
    }
    System.out.printf("%s: %d programs (%d instance classes), compiled code checked at %d points,"
            + " finite differences at %d points in %d programs; %s%n", RUN.test(), cases.size(),
        stats.instanceClasses, stats.compiledPoints, stats.numericPoints, stats.casesChecked, coverage);
    assertThat(stats.casesChecked).as("programs with a point smooth enough for finite differences")
        .isGreaterThanOrEqualTo(RUN.cases() * 3 / 4);
    if (RUN.cases() >= 100) {
      assertThat(stats.instanceClasses).as("programs over arrays").isGreaterThanOrEqualTo(RUN.cases() * 9 / 10);
      assertThat(coverage.missing()).as("operators, functions and gates never generated").isEmpty();
    }
  }

  /** The case of {@code seed}: its program, and half the time a random --wrt subset of its inputs. */
  private static Case generate(long seed, Coverage coverage) {
    List<Statement> program = new RandomPrograms(PropertyRun.random(seed), DEPTH).nextProgram();
    String text = ExprPrinter.print(program, "\n");
    Differentiated model;
    try {
      model = Differentiated.of(text);
    } catch (SourceError e) {
      throw new AssertionError("RandomPrograms made a program that does not load (seed " + seed + "):\n"
          + text + "\n" + e.render(), e);
    }
    Differentiated differentiated = model.withRandomWrt(PropertyRun.random(seed + 1));
    program.stream().filter(s -> s instanceof Statement.Assign).forEach(s -> coverage.count(((Statement.Assign) s).value()));
    coverage.count(differentiated.gradient());
    List<String> wrt = differentiated == model ? null : differentiated.gradient().wrt().stream().map(Node::name).toList();
    return new Case(seed, text, wrt);
  }

  /**
   * The failing case shrunk to a smaller program that fails the same way (not another bug it runs
   * into): first the program, then its --wrt list name by name, then the program again, since
   * a variable no longer differentiated may now go.
   */
  private static AssertionError shrunk(Case failing, String failure) {
    String kind = kind(failure);
    Shrinker.Result program;
    try {
      program = shrink(failing, kind);
    } catch (IllegalArgumentException notAlone) {
      return new AssertionError(RUN.test() + " failed for seed " + failing.seed() + ", but not when run alone:\n"
          + failing.program() + "\n--wrt " + failing.wrt() + "\n" + failure);
    }
    List<String> wrt = failing.wrt();
    boolean smaller = wrt != null;
    while (smaller && wrt.size() > 1) {
      List<Case> fewer = new ArrayList<>();
      for (String name : wrt) {
        List<String> rest = new ArrayList<>(wrt);
        rest.remove(name);
        fewer.add(new Case(failing.seed(), program.shrunk(), rest));
      }
      List<String> failures = sameKind(failures(fewer, new Stats()), kind);
      int first = IntStream.range(0, fewer.size()).filter(i -> failures.get(i) != null).findFirst().orElse(-1);
      smaller = first >= 0;
      if (smaller) wrt = fewer.get(first).wrt();
    }
    if (wrt != failing.wrt()) {
      Shrinker.Result again = shrink(new Case(failing.seed(), program.shrunk(), wrt), kind);
      program = new Shrinker.Result(failing.program(), program.originalFailure(), again.shrunk(), again.shrunkFailure(),
          program.tries() + again.tries());
    }
    String note = failing.wrt() == null ? "--wrt: the params (the default)"
        : "--wrt " + String.join(",", failing.wrt()) + ", shrunk to --wrt " + String.join(",", wrt);
    return RUN.failure(failing.seed(), program, note);
  }

  private static Shrinker.Result shrink(Case failing, String kind) {
    Shrinker.BatchCheck sameFailure = texts -> sameKind(
        failures(texts.stream().map(t -> new Case(failing.seed(), t, failing.wrt())).toList(), new Stats()), kind);
    return Shrinker.shrink(failing.program(), sameFailure, SHRINK_BATCH, 2000);
  }

  /** The failures of {@code kind}; others (null where the case holds) become null. */
  private static List<String> sameKind(List<String> failures, String kind) {
    return failures.stream().map(f -> f != null && kind(f).equals(kind) ? f : null).toList();
  }

  /**
   * How each case fails, or null where it holds, with all classes compiled in one javac run. A
   * program that does not load (a shrinking candidate of the wrong shape) holds: it is no case.
   */
  private static List<String> failures(List<Case> cases, Stats stats) {
    String[] failures = new String[cases.size()];
    List<Integer> loaded = new ArrayList<>();
    List<Differentiated> models = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      try {
        models.add(cases.get(i).load());
        loaded.add(i);
      } catch (SourceError invalid) {
        // not a well-shaped program: nothing to check
      } catch (RuntimeException | AssertionError | StackOverflowError e) {
        failures[i] = "loading or differentiating throws " + e;
      }
    }
    List<Object> compiled = compileEach(models);
    for (int k = 0; k < loaded.size(); k++) {
      int i = loaded.get(k);
      if (compiled.get(k) instanceof String javacFailure) {
        failures[i] = javacFailure;
        continue;
      }
      CompiledGradient gradient = (CompiledGradient) compiled.get(k);
      if (gradient.hasWorkspace()) stats.instanceClasses++;
      int before = stats.numericPoints;
      try {
        failures[i] = check(gradient, cases.get(i).seed(), stats);
      } catch (RuntimeException | AssertionError | StackOverflowError e) {
        failures[i] = "checking throws " + e + "\n" + gradient.source();
      }
      if (stats.numericPoints > before) stats.casesChecked++;
    }
    return Arrays.asList(failures);
  }

  /**
   * What a failure says on its first line, without the numbers, shapes and signatures that change
   * as a program shrinks ("variable acc is already defined in method gradient(double[],double[])").
   */
  private static String kind(String failure) {
    return failure.lines().findFirst().orElse("")
        .replaceAll("\\([^()]*\\)|\\[[^\\]]*\\]|\\{[^}]*\\}", "()")
        .replaceAll("-?(\\d[\\w.+-]*|NaN|Infinity)", "#");
  }

  /** Each model compiled, or how emitting or compiling it fails: one javac run for all, halves on a failure. */
  private static List<Object> compileEach(List<Differentiated> models) {
    if (models.isEmpty()) return List.of();
    try {
      return new ArrayList<>(CompiledGradient.compileAll(models));
    } catch (AssertionError | RuntimeException | StackOverflowError e) {
      if (models.size() == 1) {
        return List.of(e instanceof AssertionError ? "javac rejects the generated class: " + firstError(e.getMessage()) + "\n" + e.getMessage()
            : "emitting Java throws " + e);
      }
      int half = models.size() / 2;
      List<Object> both = new ArrayList<>(compileEach(models.subList(0, half)));
      both.addAll(compileEach(models.subList(half, models.size())));
      return both;
    }
  }

  /** The first error javac reports, without its file and position. */
  private static String firstError(String diagnostics) {
    return diagnostics.lines().filter(l -> l.contains(": error: ")).map(l -> l.substring(l.indexOf(": error: ") + 9))
        .findFirst().orElse(diagnostics.lines().findFirst().orElse(""));
  }

  /**
   * How the compiled class, the interpreter and finite differences disagree at the case's points,
   * or null. The first line of each message says what went wrong, the next ones the numbers, so
   * that {@link #kind} tells one failure from another.
   */
  private static String check(CompiledGradient compiled, long seed, Stats stats) {
    Differentiated model = compiled.model();
    Random random = PropertyRun.random(~seed);
    for (int p = 0; p < POINTS; p++) {
      // runtime dims get new sizes at every point: the one instance grows and shrinks
      Map<String, Integer> sizes = model.randomSizes(random);
      Differentiated instance = model.instantiate(sizes);
      Map<Node, double[]> point = instance.randomValues(random);
      if (!instance.inDomain(point)) continue;
      String at = "\n  at " + (sizes.isEmpty() ? "" : sizes + " ") + describe(point) + "\n" + compiled.source();
      Evaluator.Result interpreted = instance.interpret(point);
      Evaluator.Result first = compiled.gradient(sizes, point);
      Evaluator.Result again = compiled.gradient(sizes, point);
      String mismatch = mismatch(first, interpreted);
      if (mismatch != null) return mismatch + at;
      if (!identical(first, again)) {
        return "a second gradient call on the same instance differs:\n  first:  " + first.value() + ", "
            + describe(first.gradient()) + "\n  second: " + again.value() + ", " + describe(again.gradient()) + at;
      }
      double value = compiled.value(sizes, point);
      if (Double.compare(value, first.value()) != 0) {
        return "value(...) and gradient(...) return different values\n  " + value + " and " + first.value() + at;
      }
      if (compiled.hasWorkspace()) {
        String getter = getterMismatch(compiled, instance, point);
        if (getter != null) return getter + at;
      }
      stats.compiledPoints++;
      GradientCheck.Report report = GradientCheck.at(instance.gradient(), point);
      if (!report.smooth()) continue;
      stats.numericPoints++;
      if (!report.passed()) {
        return "the interpreter's gradient disagrees with finite differences\n  worst " + report.worst()
            + "\n  at " + describe(point);
      }
    }
    return null;
  }

  private static String mismatch(Evaluator.Result compiled, Evaluator.Result interpreted) {
    if (!close(compiled.value(), interpreted.value())) {
      return "compiled value differs from the interpreter's\n  " + compiled.value() + " and " + interpreted.value();
    }
    for (Map.Entry<Node, double[]> e : interpreted.gradient().entrySet()) {
      double[] want = e.getValue();
      double[] got = compiled.gradient().get(e.getKey());
      for (int i = 0; i < want.length; i++) {
        if (!close(got[i], want[i])) {
          return "compiled gradient differs from the interpreter's\n  d/d" + e.getKey().name() + "[" + i + "]: "
              + got[i] + " and " + want[i] + "\n  compiled:    " + describe(compiled.gradient())
              + "\n  interpreted: " + describe(interpreted.gradient());
        }
      }
    }
    return null;
  }

  /** Each named array's getter against the interpreter's value of it, after the calls at {@code point}. */
  private static String getterMismatch(CompiledGradient compiled, Differentiated model, Map<Node, double[]> point) {
    Evaluator evaluator = new Evaluator(point);
    for (Node gate : model.gradient().forward()) {
      String name = model.model().names().get(gate);
      if (name == null || gate.shape().isScalar()) continue;
      double[] want = evaluator.value(gate);
      double[] got = compiled.named(name);
      for (int i = 0; i < want.length; i++) {
        if (!close(got[i], want[i])) {
          return "a getter differs from the interpreter's value\n  " + name + "() gives " + Arrays.toString(got)
              + ", the interpreter " + Arrays.toString(want);
        }
      }
    }
    return null;
  }

  /** Equal up to {@link #TOLERANCE}, relative to the larger of 1 and the numbers; NaN matches NaN. */
  private static boolean close(double a, double b) {
    return Double.compare(a, b) == 0 || GradientCheck.error(a, b) <= TOLERANCE;
  }

  private static boolean identical(Evaluator.Result a, Evaluator.Result b) {
    if (Double.compare(a.value(), b.value()) != 0) return false;
    return a.gradient().keySet().stream().allMatch(v -> Arrays.equals(a.gradient().get(v), b.gradient().get(v)));
  }

  private static String describe(Map<Node, double[]> values) {
    return values.entrySet().stream().map(e -> e.getKey().name() + "=" + Arrays.toString(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
