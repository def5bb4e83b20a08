package org.symdiff.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.ast.Statement;
import org.symdiff.parse.ProgramParser;

/**
 * Reduces a failing expression or program to a small one that still fails: repeatedly tries the
 * candidates one step simpler, simplest first, and keeps the first that fails, until none does.
 *
 * <p>Within an expression, a candidate replaces one subtree with one of its children, with a name
 * the expression uses, or with the constant 1. A program's candidates also inline a named value
 * into its uses, drop a declaration or dim nothing uses and lower a dim towards 1; within each
 * statement the expression candidates apply. Some program candidates do not load (a subtree
 * replaced by an operand of another shape): the check should let those pass, so only programs
 * that load are kept.
 */
public final class Shrinker {
  /** The property under test: a description of how {@code text} fails, or null if it holds. */
  @FunctionalInterface
  public interface Check {
    String failure(String text);
  }

  /**
   * The property checked on many candidates at once (so that one javac run can compile them all):
   * how each fails, or null where it holds, in order.
   */
  @FunctionalInterface
  public interface BatchCheck {
    List<String> failures(List<String> texts);
  }

  /** A failing expression before and after shrinking, with how each fails. */
  public record Result(String original, String originalFailure, String shrunk, String shrunkFailure, int tries) {}

  private static final int MAX_TRIES = 400;

  /**
   * Smaller first: fewer statements and declared names, then fewer nodes (a dim counts its value),
   * then fewer leaves other than the constant 1. Every accepted step goes down this order, so
   * shrinking ends.
   */
  private static final Comparator<List<Statement>> SIMPLER = Comparator.comparingInt(Shrinker::parts)
      .thenComparingInt(Shrinker::nodes).thenComparingInt(Shrinker::leavesOtherThanOne);

  private Shrinker() {}

  /** Shrinks {@code text}, which must fail {@code check}; exceptions from the check count as failures. */
  public static Result shrink(String text, Check check) {
    return shrink(text, texts -> texts.stream().map(t -> failureOf(check, t)).toList(), 1, MAX_TRIES);
  }

  /** Shrinks {@code text}, checking candidates {@code batchSize} at a time and at most {@code maxTries} in all. */
  public static Result shrink(String text, BatchCheck check, int batchSize, int maxTries) {
    String originalFailure = check.failures(List.of(text)).get(0);
    if (originalFailure == null) throw new IllegalArgumentException("does not fail: " + text);
    List<Statement> current = parse(text);
    if (current == null) return new Result(text, originalFailure, text, originalFailure, 0);
    String separator = text.contains("\n") ? "\n" : "; ";
    String failure = originalFailure;
    int tries = 0;
    boolean smaller = true;
    while (smaller && tries < maxTries) {
      smaller = false;
      List<List<Statement>> candidates = candidates(current);
      for (int from = 0; from < candidates.size() && !smaller && tries < maxTries; from += batchSize) {
        List<List<Statement>> batch = candidates.subList(from, Math.min(candidates.size(), from + batchSize));
        batch = batch.subList(0, Math.min(batch.size(), maxTries - tries));
        tries += batch.size();
        List<String> failures = check.failures(batch.stream().map(c -> ExprPrinter.print(c, separator)).toList());
        for (int i = 0; i < batch.size() && !smaller; i++) {
          if (failures.get(i) != null) {
            current = batch.get(i);
            failure = failures.get(i);
            smaller = true;
          }
        }
      }
    }
    return new Result(text, originalFailure, ExprPrinter.print(current, separator), failure, tries);
  }

  /** How {@code text} fails {@code check} (a thrown exception or error included), or null. */
  public static String failureOf(Check check, String text) {
    try {
      return check.failure(text);
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      return e.toString();
    }
  }

  /** The statements of {@code text}, or null if it does not parse. */
  private static List<Statement> parse(String text) {
    try {
      return ProgramParser.parse(new Source("<shrink>", text)).statements();
    } catch (SourceError e) {
      return null;
    }
  }

  /** Every one-step simplification of {@code program} that is simpler than it, simplest first. */
  static List<List<Statement>> candidates(List<Statement> program) {
    List<List<Statement>> candidates = new ArrayList<>();
    for (int i = 0; i < program.size(); i++) {
      inlined(program, i, candidates);
      unused(program, i, candidates);
      smallerDims(program, i, candidates);
      Expr value = expression(program.get(i));
      if (value == null) continue;
      List<Expr> atoms = new ArrayList<>();
      for (String name : names(value, new TreeSet<>())) atoms.add(new Expr.Name(name, Span.NONE));
      atoms.add(new Expr.Number(1, "1", Span.NONE));
      int index = i;
      replacements(value, atoms, e -> withStatement(program, index, withExpression(program.get(index), e)), candidates);
    }
    candidates.removeIf(c -> SIMPLER.compare(c, program) >= 0);
    candidates.sort(SIMPLER);
    return candidates;
  }

  /** Statement {@code i}, if it names a value other than the output, inlined into every use. */
  private static void inlined(List<Statement> program, int i, List<List<Statement>> out) {
    if (!(program.get(i) instanceof Statement.Assign a) || isOutput(program, i)) return;
    List<Statement> result = new ArrayList<>();
    for (int k = 0; k < program.size(); k++) {
      Statement s = program.get(k);
      if (k == i) continue;
      Expr value = expression(s);
      result.add(k < i || value == null ? s : withExpression(s, substitute(value, a.name(), a.value())));
    }
    out.add(result);
  }

  private static boolean isOutput(List<Statement> program, int i) {
    String name = ((Statement.Assign) program.get(i)).name();
    for (int k = i + 1; k < program.size(); k++) {
      Statement s = program.get(k);
      if (s instanceof Statement.Assign || s instanceof Statement.Evaluate) return false;
      if (s instanceof Statement.Output o && o.names().contains(name)) return true;
    }
    return program.stream().noneMatch(s -> s instanceof Statement.Output);
  }

  /** Statement {@code i}, a declaration or a dim, without a name that nothing uses. */
  private static void unused(List<Statement> program, int i, List<List<Statement>> out) {
    Set<String> used = new TreeSet<>();
    for (Statement s : program) {
      Expr value = expression(s);
      if (value != null) names(value, used);
      if (s instanceof Statement.Output o) used.addAll(o.names());
      if (s instanceof Statement.Declare d) d.names().forEach(v -> v.dims().forEach(e -> names(e, used)));
      if (s instanceof Statement.Dim d && d.value() != null) names(d.value(), used);
    }
    if (program.get(i) instanceof Statement.Dim d && !used.contains(d.name())) {
      List<Statement> result = new ArrayList<>(program);
      result.remove(i);
      out.add(result);
    }
    if (!(program.get(i) instanceof Statement.Declare d)) return;
    for (Statement.Declared v : d.names()) {
      if (used.contains(v.name())) continue;
      List<Statement.Declared> rest = new ArrayList<>(d.names());
      rest.remove(v);
      List<Statement> result = new ArrayList<>(program);
      if (rest.isEmpty()) {
        result.remove(i);
      } else {
        result.set(i, new Statement.Declare(d.kind(), List.copyOf(rest), d.span()));
      }
      out.add(result);
    }
  }

  /** Statement {@code i}, a {@code dim N = n}, with n lowered to 1, to n/2 or by one; a runtime {@code dim N} made 2. */
  private static void smallerDims(List<Statement> program, int i, List<List<Statement>> out) {
    if (program.get(i) instanceof Statement.Dim d && d.value() == null) {
      out.add(withStatement(program, i, new Statement.Dim(d.name(), new Expr.Number(2, "2", Span.NONE), d.nameSpan(), d.span())));
      return;
    }
    if (!(program.get(i) instanceof Statement.Dim d) || !(d.value() instanceof Expr.Number n)) return;
    int current = (int) n.value();
    for (int smaller : new TreeSet<>(List.of(1, current / 2, current - 1))) {
      if (smaller < 1 || smaller >= current) continue;
      Expr value = new Expr.Number(smaller, Integer.toString(smaller), Span.NONE);
      out.add(withStatement(program, i, new Statement.Dim(d.name(), value, d.nameSpan(), d.span())));
    }
  }

  /** Adds {@code wrap(r)} for every replacement r of {@code e} or of a subtree inside it. */
  private static void replacements(Expr e, List<Expr> atoms, Function<Expr, List<Statement>> wrap,
      List<List<Statement>> out) {
    List<Expr> children = children(e);
    for (Expr child : children) out.add(wrap.apply(child));
    for (Expr atom : atoms) out.add(wrap.apply(atom));
    for (int i = 0; i < children.size(); i++) {
      int index = i;
      replacements(children.get(i), atoms, r -> wrap.apply(withChild(e, index, r)), out);
    }
  }

  /** The expression of an assignment or a bare expression; null for other statements. */
  private static Expr expression(Statement s) {
    if (s instanceof Statement.Assign a) return a.value();
    if (s instanceof Statement.Evaluate e) return e.value();
    return null;
  }

  private static Statement withExpression(Statement s, Expr value) {
    if (s instanceof Statement.Assign a) return new Statement.Assign(a.name(), value, a.nameSpan(), a.span());
    return new Statement.Evaluate(value, s.span());
  }

  private static List<Statement> withStatement(List<Statement> program, int i, Statement s) {
    List<Statement> result = new ArrayList<>(program);
    result.set(i, s);
    return result;
  }

  private static Expr substitute(Expr e, String name, Expr value) {
    if (e instanceof Expr.Name n && n.name().equals(name)) return value;
    List<Expr> children = children(e);
    for (int i = 0; i < children.size(); i++) e = withChild(e, i, substitute(children.get(i), name, value));
    return e;
  }

  private static List<Expr> children(Expr e) {
    if (e instanceof Expr.Negate n) return List.of(n.operand());
    if (e instanceof Expr.Binary b) return List.of(b.left(), b.right());
    if (e instanceof Expr.Call c) return c.args();
    if (e instanceof Expr.Index x) return List.of(x.base());
    return List.of();
  }

  private static Expr withChild(Expr e, int i, Expr child) {
    if (e instanceof Expr.Negate n) return new Expr.Negate(child, n.span());
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), i == 0 ? child : b.left(), i == 1 ? child : b.right(), b.span());
    }
    if (e instanceof Expr.Index x) return new Expr.Index(child, x.subscripts(), x.span());
    Expr.Call c = (Expr.Call) e;
    List<Expr> args = new ArrayList<>(c.args());
    args.set(i, child);
    return new Expr.Call(c.function(), List.copyOf(args), c.nameSpan(), c.span());
  }

  private static Set<String> names(Expr e, Set<String> into) {
    if (e instanceof Expr.Name n) into.add(n.name());
    for (Expr child : children(e)) names(child, into);
    return into;
  }

  private static int size(Expr e) {
    int size = 1;
    for (Expr child : children(e)) size += size(child);
    return size;
  }

  private static int parts(List<Statement> program) {
    return program.size() + program.stream().mapToInt(s -> s instanceof Statement.Declare d ? d.names().size() : 0).sum();
  }

  private static int nodes(List<Statement> program) {
    int nodes = 0;
    for (Statement s : program) {
      Expr value = expression(s);
      if (value != null) nodes += size(value);
      if (s instanceof Statement.Dim d && d.value() != null) {
        nodes += d.value() instanceof Expr.Number n ? (int) n.value() : size(d.value());
      }
    }
    return nodes;
  }

  private static int leavesOtherThanOne(List<Statement> program) {
    return program.stream().map(Shrinker::expression).filter(e -> e != null).mapToInt(Shrinker::leavesOtherThanOne).sum();
  }

  private static int leavesOtherThanOne(Expr e) {
    List<Expr> children = children(e);
    if (children.isEmpty()) return e instanceof Expr.Number n && n.value() == 1 ? 0 : 1;
    return children.stream().mapToInt(Shrinker::leavesOtherThanOne).sum();
  }
}
