package org.symdiff.graph;

import java.util.Collections;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Everything about one primitive, declared once in {@link Op}: its arity and name, how it
 * evaluates on doubles, how it prints in Java and in LaTeX, its derivative rule and its domain.
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

  final int arity;
  final String function;
  DoubleBinaryOperator eval;
  String java;
  String helper;
  String latex;
  String doc;
  List<Vjp> vjps = List.of();
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

  Primitive domain(Domain... domains) {
    this.domains = List.of(domains);
    return this;
  }
}
