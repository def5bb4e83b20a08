package org.symdiff.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.symdiff.ast.Expr;
import org.symdiff.ast.Expr.BinaryOp;
import org.symdiff.ast.Program;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.ast.Statement;
import org.symdiff.parse.SymDiffParser.*;

/** Turns ANTLR's parse tree into our immutable AST, one method per grammar rule. */
final class AstBuilder {
  private final Source source;

  AstBuilder(Source source) {
    this.source = source;
  }

  Program program(ProgramContext ctx) {
    List<Statement> statements = new ArrayList<>();
    for (StatementContext s : ctx.statement()) statements.add(statement(s));
    return new Program(source, List.copyOf(statements));
  }

  private Statement statement(StatementContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof DimStatementContext d) {
      Expr value = d.expr() == null ? null : expr(d.expr());
      return new Statement.Dim(d.NAME().getText(), value, span(d.NAME().getSymbol()), span);
    }
    if (ctx instanceof DeclareStatementContext d) {
      Statement.Kind kind = d.kind.getType() == SymDiffLexer.INPUT ? Statement.Kind.INPUT : Statement.Kind.PARAM;
      List<Statement.Declared> names = new ArrayList<>();
      for (DeclaredContext n : d.declared()) {
        List<Expr> dims = n.expr().stream().map(this::expr).toList();
        names.add(new Statement.Declared(n.NAME().getText(), dims, span(n.NAME().getSymbol()), span(n)));
      }
      return new Statement.Declare(kind, List.copyOf(names), span);
    }
    if (ctx instanceof OutputStatementContext o) {
      return new Statement.Output(o.NAME().stream().map(n -> n.getText()).toList(),
          o.NAME().stream().map(n -> span(n.getSymbol())).toList(), span);
    }
    if (ctx instanceof AssignStatementContext a) {
      return new Statement.Assign(a.NAME().getText(), expr(a.expr()), span(a.NAME().getSymbol()), span);
    }
    return new Statement.Evaluate(expr(((ExprStatementContext) ctx).expr()), span);
  }

  /** A sum, or a comparison of two sums. */
  private Expr expr(ExprContext ctx) {
    Expr left = sum(ctx.sum(0));
    return ctx.op == null ? left : binary(ctx.op, left, sum(ctx.sum(1)));
  }

  /** {@code a + b - c ...}: ANTLR nests a chain to the left; walked in a loop, so a long sum does not recurse per term. */
  private Expr sum(SumContext ctx) {
    List<AdditiveContext> chain = new ArrayList<>();
    while (ctx instanceof AdditiveContext a) {
      chain.add(a);
      ctx = a.sum();
    }
    Expr e = term(((ToTermContext) ctx).term());
    for (int i = chain.size() - 1; i >= 0; i--) e = binary(chain.get(i).op, e, term(chain.get(i).term()));
    return e;
  }

  private Expr term(TermContext ctx) {
    List<MultiplicativeContext> chain = new ArrayList<>();
    while (ctx instanceof MultiplicativeContext m) {
      chain.add(m);
      ctx = m.term();
    }
    Expr e = unary(((ToUnaryContext) ctx).unary());
    for (int i = chain.size() - 1; i >= 0; i--) e = binary(chain.get(i).op, e, unary(chain.get(i).unary()));
    return e;
  }

  private Expr unary(UnaryContext ctx) {
    if (ctx instanceof SignContext s) {
      Expr operand = unary(s.unary());
      return s.op.getText().equals("-") ? new Expr.Negate(operand, span(ctx)) : operand;
    }
    return power(((ToPowerContext) ctx).power());
  }

  private Expr power(PowerContext ctx) {
    Expr base = indexed(ctx.indexed());
    if (ctx.unary() == null) return base;
    return new Expr.Binary(BinaryOp.POWER, base, unary(ctx.unary()), span(ctx));
  }

  private Expr indexed(IndexedContext ctx) {
    Expr e = primary(ctx.primary());
    for (SubscriptsContext brackets : ctx.subscripts()) {
      List<Expr.Subscript> subscripts = brackets.subscript().stream().map(this::subscript).toList();
      e = new Expr.Index(e, subscripts, span(brackets));
    }
    return e;
  }

  private Expr.Subscript subscript(SubscriptContext ctx) {
    if (ctx instanceof SingleContext s) {
      return new Expr.Subscript(true, position(s.position()), null, ctx.getText(), span(ctx));
    }
    RangeContext r = (RangeContext) ctx;
    return new Expr.Subscript(false, r.from == null ? null : position(r.from), r.to == null ? null : position(r.to),
        ctx.getText(), span(ctx));
  }

  /** A whole number, possibly negative, as an index. */
  private int position(PositionContext ctx) {
    String digits = ctx.NUMBER().getText();
    if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
      throw new SourceError(source, span(ctx), "an index is a whole number below 10^9, not " + digits);
    }
    int value = Integer.parseInt(digits);
    return ctx.getChild(0).getText().equals("-") ? -value : value;
  }

  private Expr primary(PrimaryContext ctx) {
    if (ctx instanceof NumberContext n) {
      String text = n.NUMBER().getText();
      double value = Double.parseDouble(text);
      if (Double.isInfinite(value)) {
        throw new SourceError(source, span(ctx), "number " + text + " is too large for a double");
      }
      return new Expr.Number(value, text, span(ctx));
    }
    if (ctx instanceof CallContext c) {
      List<Expr> args = c.expr().stream().map(this::expr).toList();
      return new Expr.Call(c.NAME().getText(), args, span(c.NAME().getSymbol()), span(ctx));
    }
    if (ctx instanceof NameContext n) {
      return new Expr.Name(n.NAME().getText(), span(ctx));
    }
    return expr(((ParensContext) ctx).expr());
  }

  private Expr binary(Token op, Expr left, Expr right) {
    BinaryOp binaryOp = switch (op.getText()) {
      case "+" -> BinaryOp.ADD;
      case "-" -> BinaryOp.SUBTRACT;
      case "*" -> BinaryOp.MULTIPLY;
      case "/" -> BinaryOp.DIVIDE;
      case "@" -> BinaryOp.MATMUL;
      case "<" -> BinaryOp.LESS;
      case "<=" -> BinaryOp.LESS_EQUAL;
      case ">" -> BinaryOp.GREATER;
      case ">=" -> BinaryOp.GREATER_EQUAL;
      default -> throw new IllegalStateException("operator " + op.getText());
    };
    return new Expr.Binary(binaryOp, left, right, span(op));
  }

  private static Span span(Token token) {
    return new Span(token.getLine(), token.getCharPositionInLine() + 1, Math.max(1, token.getText().length()));
  }

  /** From the first token to the last token of the context, clipped to the first line. */
  private static Span span(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop() == null ? start : ctx.getStop();
    Span first = span(start);
    return stop.getType() == Token.EOF ? first : first.to(span(stop));
  }
}
