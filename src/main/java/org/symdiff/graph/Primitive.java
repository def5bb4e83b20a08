package org.symdiff.graph;

import java.util.Collections;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Everything about one primitive, declared once in {@link Op}: its arity and name, how it
 * evaluates on doubles, how it prints in Java and in LaTeX, its derivative rules (reverse and
 * forward) and its domain.
 * Templates name their arguments {@code $0}, {@code $1}; a printer puts each argument in place,
 * in parentheses unless the template already delimits it.
 */
public final class Primitive {
  /** The local partial of {@code y} with respect to one argument, built with the graph's own builders (free to reuse y). */
  @FunctionalInterface
  public interface Partial {
    Node of(Graph g, Node y);
  }

  /** One argument's share of the adjoint, given the gate {@code y} and its adjoint {@code dy}. */
  @FunctionalInterface
  public interface Vjp {
    Node of(Graph g, Node y, Node dy);
  }

  /** How a function of three arguments evaluates. */
  @FunctionalInterface
  public interface Ternary {
    double apply(double a, double b, double c);
  }

  /**
   * One argument's share of the tangent of {@code y} (forward mode), given that argument's tangent
   * {@code t}: the Jacobian-vector product. Elementwise ops need none: theirs is partial times t, or
   * their vjp applied to t (a diagonal Jacobian is its own transpose).
   */
  @FunctionalInterface
  public interface Jvp {
    Node of(Graph g, Node y, Node t);
  }

  final int arity;
  final String function;
  DoubleBinaryOperator eval;
  Ternary ternary;
  /** Its vector-Jacobian product reads dy twice, in a row sum and element by element: dy is worth storing. */
  boolean rereadsAdjoint;
  /** Constant between jumps (a comparison, sign, step): no gradient flows through it. */
  boolean piecewiseConstant;
  /** An infix operator's symbol in the language and in Java ({@code <}); null for the others. */
  String symbol;
  String java;
  String helper;
  String latex;
  String doc;
  List<Vjp> vjps = List.of();
  List<Jvp> jvps = List.of();
  List<Partial> partials = List.of();
  List<Domain> domains = List.of();

  private Primitive(int arity, String function) {
    this.arity = arity;
    this.function = function;
  }

  static Primitive leaf() {
    return new Primitive(0, null);
  }

  /** An operator of the language ({@code + - * / ^}, unary minus): printed by the printers themselves. */
  static Primitive operator(int arity, DoubleBinaryOperator eval) {
    Primitive p = new Primitive(arity, null);
    p.eval = eval;
    return p;
  }

  /** A comparison written infix, {@code a < b}: 1 where it holds, else 0; piecewise constant, so its derivative is 0. */
  static Primitive comparison(String symbol, DoubleBinaryOperator holds) {
    Primitive p = operator(2, (a, b) -> holds.applyAsDouble(a, b) != 0.0 ? 1.0 : 0.0);
    p.symbol = symbol;
    p.java = "($0 " + symbol + " $1 ? 1.0 : 0.0)";
    p.latex = "[$0 " + (symbol.equals("<=") ? "\\le" : symbol.equals(">=") ? "\\ge" : symbol) + " $1]";
    return p.piecewiseConstant();
  }

  /** A function of three arguments, element by element. */
  static Primitive named(String name, Ternary eval, String doc) {
    Primitive p = new Primitive(3, name);
    p.ternary = eval;
    p.eval = (a, b) -> {
      throw new IllegalArgumentException(name + " takes three arguments");
    };
    p.doc = doc;
    p.domains = Collections.nCopies(3, Domain.ANY);
    return p;
  }

  /** A function users call by name, element by element; {@code doc} is its line in --help and the README. */
  static Primitive named(String name, int arity, DoubleBinaryOperator eval, String doc) {
    Primitive p = new Primitive(arity, name);
    p.eval = eval;
    p.doc = doc;
    p.domains = Collections.nCopies(arity, Domain.ANY);
    return p;
  }

  /** A gate over whole arrays (or an internal reshaping): evaluated by kernels, written as loops. */
  static Primitive array(String name, int arity, String doc) {
    Primitive p = new Primitive(arity, name);
    p.doc = doc;
    return p;
  }

  /** How an internal elementwise op evaluates. */
  Primitive eval(DoubleBinaryOperator eval) {
    this.eval = eval;
    return this;
  }

  /** The Java expression, e.g. {@code Math.exp($0)}. */
  Primitive java(String template) {
    this.java = template;
    return this;
  }

  /** The Java expression calls {@code method}, a helper in {@code SpecialFunctions} that classes using it get a copy of. */
  Primitive helper(String method) {
    this.helper = method;
    return this;
  }

  Primitive latex(String template) {
    this.latex = template;
    return this;
  }

  /** Elementwise: the local partials, one per argument; each share is partial times dy. */
  Primitive d(Partial... partials) {
    this.partials = List.of(partials);
    return this;
  }

  /** Whole-array: each argument's vector-Jacobian product. */
  Primitive vjp(Vjp... vjps) {
    this.vjps = List.of(vjps);
    return this;
  }

  /** Its derivative is 0 wherever it exists: each partial is 0, and no gradient flows through. */
  Primitive piecewiseConstant() {
    this.piecewiseConstant = true;
    this.partials = Collections.nCopies(arity, (g, y) -> g.zero());
    return this;
  }

  /** The vjp reads dy in two passes; the backward pass stores dy rather than computing it for each. */
  Primitive rereadsAdjoint() {
    this.rereadsAdjoint = true;
    return this;
  }

  /** Whole-array: each argument's Jacobian-vector product, for forward mode (tangents, Hessian-vector products). */
  Primitive jvp(Jvp... jvps) {
    this.jvps = List.of(jvps);
    return this;
  }

  Primitive domain(Domain... domains) {
    this.domains = List.of(domains);
    return this;
  }
}
