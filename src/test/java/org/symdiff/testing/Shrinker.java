package org.symdiff.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Source;
import org.symdiff.ast.Span;
import org.symdiff.ast.Statement;
import org.symdiff.parse.ProgramParser;

/**
 * Reduces a failing expression to a small one that still fails: repeatedly tries the candidates
 * made by replacing one subtree with one of its children, with a variable of the expression, or
 * with the constant 1, smallest first, and keeps the first that fails, until none does.
 */
public final class Shrinker {
  /** The property under test: a description of how {@code expression} fails, or null if it holds. */
  @FunctionalInterface
  public interface Check {
    String failure(String expression);
  }

  /** A failing expression before and after shrinking, with how each fails. */
  public record Result(String original, String originalFailure, String shrunk, String shrunkFailure, int tries) {}

  private static final int MAX_TRIES = 400;

  /**
   * Smaller first: fewer nodes, then fewer leaves other than the constant 1. Every accepted step
   * goes down this order, so shrinking ends.
   */
  private static final Comparator<Expr> SIMPLER =
      Comparator.comparingInt(Shrinker::size).thenComparingInt(Shrinker::leavesOtherThanOne);

  private Shrinker() {}

  /** Shrinks {@code expression}, which must fail {@code check}; exceptions from the check count as failures. */
  public static Result shrink(String expression, Check check) {
    String originalFailure = failureOf(check, expression);
    if (originalFailure == null) throw new IllegalArgumentException("does not fail: " + expression);
    Expr current = parse(expression);
    if (current == null) return new Result(expression, originalFailure, expression, originalFailure, 0);
    String failure = originalFailure;
    int tries = 0;
    boolean smaller = true;
    while (smaller && tries < MAX_TRIES) {
      smaller = false;
      for (Expr candidate : candidates(current)) {
        if (++tries > MAX_TRIES) break;
        String candidateFailure = failureOf(check, ExprPrinter.print(candidate));
        if (candidateFailure != null) {
          current = candidate;
          failure = candidateFailure;
          smaller = true;
          break;
        }
      }
    }
    return new Result(expression, originalFailure, ExprPrinter.print(current), failure, tries);
  }

  /** How {@code expression} fails {@code check} (a thrown exception or error included), or null. */
  public static String failureOf(Check check, String expression) {
    try {
      return check.failure(expression);
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      return e.toString();
    }
  }

  /** The single expression of {@code text}, or null for a program, which is not shrunk. */
  private static Expr parse(String text) {
    List<Statement> statements = ProgramParser.parse(new Source("<shrink>", text)).statements();
    return statements.size() == 1 && statements.get(0) instanceof Statement.Evaluate e ? e.value() : null;
  }

  /** Every one-step simplification of {@code root} that is simpler than it, simplest first. */
  static List<Expr> candidates(Expr root) {
    List<Expr> atoms = new ArrayList<>();
    for (String name : names(root, new TreeSet<>())) atoms.add(new Expr.Name(name, Span.NONE));
    atoms.add(new Expr.Number(1, "1", Span.NONE));
    List<Expr> candidates = new ArrayList<>();
    replacements(root, atoms, candidates, e -> e);
    candidates.removeIf(c -> SIMPLER.compare(c, root) >= 0);
    candidates.sort(SIMPLER);
    return candidates;
  }

  /** Adds {@code wrap(r)} for every replacement r of {@code e} or of a subtree inside it. */
  private static void replacements(Expr e, List<Expr> atoms, List<Expr> out, UnaryOperator<Expr> wrap) {
    List<Expr> children = children(e);
    for (Expr child : children) out.add(wrap.apply(child));
    for (Expr atom : atoms) out.add(wrap.apply(atom));
    for (int i = 0; i < children.size(); i++) {
      int index = i;
      replacements(children.get(i), atoms, out, r -> wrap.apply(withChild(e, index, r)));
    }
  }

  private static List<Expr> children(Expr e) {
    if (e instanceof Expr.Negate n) return List.of(n.operand());
    if (e instanceof Expr.Binary b) return List.of(b.left(), b.right());
    if (e instanceof Expr.Call c) return c.args();
    return List.of();
  }

  private static Expr withChild(Expr e, int i, Expr child) {
    if (e instanceof Expr.Negate n) return new Expr.Negate(child, n.span());
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), i == 0 ? child : b.left(), i == 1 ? child : b.right(), b.span());
    }
    Expr.Call c = (Expr.Call) e;
    List<Expr> args = new ArrayList<>(c.args());
    args.set(i, child);
    return new Expr.Call(c.function(), List.copyOf(args), c.nameSpan(), c.span());
  }

  private static TreeSet<String> names(Expr e, TreeSet<String> into) {
    if (e instanceof Expr.Name n) into.add(n.name());
    for (Expr child : children(e)) names(child, into);
    return into;
  }

  static int size(Expr e) {
    int size = 1;
    for (Expr child : children(e)) size += size(child);
    return size;
  }

  private static int leavesOtherThanOne(Expr e) {
    List<Expr> children = children(e);
    if (children.isEmpty()) return e instanceof Expr.Number n && n.value() == 1 ? 0 : 1;
    return children.stream().mapToInt(Shrinker::leavesOtherThanOne).sum();
  }
}
