package org.symdiff.emit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.symdiff.ast.Expr;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;

/**
 * Mathematics typeset as people write it, in LaTeX: {@code W1} is {@code W_{1}} (or {@code W^{(1)}}),
 * {@code yhat} is {@code \hat{y}}, {@code alpha} is {@code \alpha}, {@code sigmoid} is {@code \sigma},
 * matrix products are juxtaposed, elementwise products of arrays are {@code \odot}, transposes
 * {@code ^{T}}, adjoints {@code \frac{\partial L}{\partial x}}. Written for expressions as the program
 * wrote them (the AST) and for the graph's own expressions (the backward pass).
 */
final class Latex {
  /** Where a layer number in a name goes: {@code W_{1}} or {@code W^{(1)}}. */
  enum Layers { SUBSCRIPT, SUPERSCRIPT }

  private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
      "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
      "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega");
  private static final Pattern PARTS = Pattern.compile("([A-Za-z]+?)(hat|bar|tilde|star)?(\\d*)([A-Za-z][A-Za-z0-9]*)?");

  private static final int SUM = 1;
  private static final int PRODUCT = 2;
  private static final int UNARY = 3;
  private static final int POWER = 4;
  private static final int ATOM = 5;

  private record Text(String text, int precedence) {}

  private final Layers layers;
  private final Model model;
  private final Map<String, Node> named = new HashMap<>();

  Latex(Model model, Layers layers) {
    this.model = model;
    this.layers = layers;
    model.names().forEach((node, name) -> named.put(name, node));
  }

  /** A program name: {@code X1r} is {@code X_{1r}}, {@code yhat} is {@code \hat{y}}, {@code den} is {@code \mathit{den}}. */
  String name(String name) {
    int underscore = name.indexOf('_');
    if (underscore > 0 && underscore < name.length() - 1) {
      return name(name.substring(0, underscore)) + "_{" + name.substring(underscore + 1).replace("_", "\\_") + "}";
    }
    Matcher m = PARTS.matcher(name);
    if (!m.matches()) return "\\mathit{" + name.replace("_", "\\_") + "}";
    String base = base(m.group(1), m.group(2));
    String layer = m.group(3);
    String rest = m.group(4) == null ? "" : m.group(4);
    if (layer.isEmpty()) return rest.isEmpty() ? base : base + "_{" + rest + "}";
    return layers == Layers.SUPERSCRIPT
        ? base + "^{(" + layer + ")}" + (rest.isEmpty() ? "" : "_{" + rest + "}")
        : base + "_{" + layer + rest + "}";
  }

  private static String base(String letters, String decoration) {
    String symbol = GREEK.contains(letters) ? "\\" + letters : letters.length() == 1 ? letters : "\\mathit{" + letters + "}";
    if (decoration == null) return symbol;
    return switch (decoration) {
      case "hat" -> "\\hat{" + symbol + "}";
      case "bar" -> "\\bar{" + symbol + "}";
      case "tilde" -> "\\tilde{" + symbol + "}";
      default -> symbol + "^{*}";
    };
  }

  /** d(output)/d(name), as a fraction of partials. */
  String adjoint(String target) {
    return "\\frac{\\partial " + name(model.outputName()) + "}{\\partial " + name(target) + "}";
  }

  // ---- the program's expressions, as written

  String written(Expr e) {
    return text(e).text;
  }

  private Text text(Expr e) {
    if (e instanceof Expr.Number n) return number(n.text());
    if (e instanceof Expr.Name n) return new Text(name(n.name()), ATOM);
    if (e instanceof Expr.Negate n) return new Text("-" + grouped(text(n.operand()), UNARY), UNARY);
    if (e instanceof Expr.Binary b) {
      Text left = text(b.left());
      Text right = text(b.right());
      return switch (b.op()) {
        case ADD -> new Text(left.text + " + " + grouped(right, SUM), SUM);
        case SUBTRACT -> new Text(left.text + " - " + grouped(right, SUM + 1), SUM);
        case MULTIPLY -> product(left, right, rank(b.left()) > 0 && rank(b.right()) > 0);
        case DIVIDE -> new Text("\\frac{" + left.text + "}{" + right.text + "}", ATOM);
        case POWER -> new Text(base(left) + "^{" + right.text + "}", POWER);
        case MATMUL -> product(left, right, false);
        case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> template(comparison(b.op().symbol).latex(), List.of(left, right));
      };
    }
    if (e instanceof Expr.Index i) {
      String subscripts = i.subscripts().stream().map(Expr.Subscript::text).collect(java.util.stream.Collectors.joining(", "));
      return new Text(base(text(i.base())) + "_{[" + subscripts + "]}", POWER);
    }
    Expr.Call c = (Expr.Call) e;
    List<Text> args = c.args().stream().map(this::text).toList();
    return function(c.function(), args, c.args().isEmpty() ? 0 : rank(c.args().get(0)));
  }

  /** The rank of an expression as written: 0 scalar, 1 vector, 2 matrix. */
  private int rank(Expr e) {
    if (e instanceof Expr.Number) return 0;
    if (e instanceof Expr.Name n) {
      Node node = model.input(n.name()) != null ? model.input(n.name()) : named.get(n.name());
      return node == null ? 0 : node.shape().rank();
    }
    if (e instanceof Expr.Negate n) return rank(n.operand());
    if (e instanceof Expr.Binary b) {
      int l = rank(b.left());
      int r = rank(b.right());
      return b.op() == Expr.BinaryOp.MATMUL ? Math.max(0, l + r - 2) : Math.max(l, r);
    }
    if (e instanceof Expr.Index i) {
      return rank(i.base()) - (int) i.subscripts().stream().filter(Expr.Subscript::position).count();
    }
    Expr.Call c = (Expr.Call) e;
    int a = c.args().isEmpty() ? 0 : rank(c.args().get(0));
    return switch (c.function()) {
      case "sum", "mean", "cross_entropy" -> 0;
      case "logsumexp", "rowsum" -> a == 2 ? 2 : 0;
      case "colsum" -> Math.min(a, 1);
      case "outer" -> 2;
      default -> c.args().stream().mapToInt(this::rank).max().orElse(0);
    };
  }

  // ---- the graph's expressions

  /** {@code n} over the graph, with named values (and inputs) printed by {@code names} as their names. */
  String node(Node n, Function<Node, String> names) {
    return node(n, names, new HashMap<>()).text;
  }

  private Text node(Node n, Function<Node, String> names, Map<Node, Text> done) {
    Text known = done.get(n);
    if (known != null) return known;
    String name = names.apply(n);
    Text t = name != null ? new Text(name(name), ATOM) : switch (n.op()) {
      case CONSTANT -> number(Numbers.shortest(n.value()));
      case VARIABLE, DIM -> new Text(name(n.name()), ATOM);
      case ADJOINT -> new Text(adjointOf(n.target(), names), ATOM);
      default -> gate(n, n.args().stream().map(a -> node(a, names, done)).toList());
    };
    done.put(n, t);
    return t;
  }

  private String adjointOf(Node target, Function<Node, String> names) {
    String name = names.apply(target);
    return "\\frac{\\partial " + name(model.outputName()) + "}{\\partial " + (name != null ? name(name)
        : target.op().isLeaf() ? name(target.name()) : "(\\cdot)") + "}";
  }

  private Text gate(Node n, List<Text> args) {
    Text a = args.isEmpty() ? null : args.get(0);
    Text b = args.size() > 1 ? args.get(1) : null;
    return switch (n.op()) {
      case ADD -> new Text(a.text + " + " + grouped(b, SUM), SUM);
      case SUBTRACT -> new Text(a.text + " - " + grouped(b, SUM + 1), SUM);
      case NEGATE -> new Text("-" + grouped(a, UNARY), UNARY);
      case MULTIPLY -> product(a, b, !scalarLike(n.arg(0)) && !scalarLike(n.arg(1)));
      case DIVIDE -> new Text("\\frac{" + a.text + "}{" + b.text + "}", ATOM);
      case POWER -> new Text(base(a) + "^{" + b.text + "}", POWER);
      case MATMUL -> product(a, b, false);
      case BROADCAST -> a;
      case SUM_TO -> sumTo(n, a);
      case MAX_TO -> call(n.shape().isScalar() ? "\\max" : "\\operatorname{rowmax}", List.of(a));
      case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> template(n.op().latex(), args);
      // where(c, x, 0) is x times the Iverson bracket [c]: the relu step's dL/da1 \odot [z1 > 0]
      case WHERE -> n.arg(2).isConstant(0) && n.arg(0).op().symbol() != null
          ? product(args.get(1), args.get(0), !scalarLike(n.arg(1)) && !scalarLike(n.arg(0)))
          : template(n.op().latex(), args);
      case SLICE -> new Text(base(a) + "_{[" + Spellings.subscripts(n) + "]}", POWER);
      case PAD -> call("\\operatorname{pad}", List.of(a, new Text(Spellings.subscripts(n), ATOM)));
      default -> function(n.op().function(), args, n.arg(0).shape().rank());
    };
  }

  /** The comparison written {@code symbol}: an Iverson bracket, {@code [x > 0]}. */
  private static Op comparison(String symbol) {
    return java.util.Arrays.stream(Op.values()).filter(op -> symbol.equals(op.symbol())).findFirst().orElseThrow();
  }

  /** A number or a number spread over an array: its product with an array is scaling, not {@code \odot}. */
  private static boolean scalarLike(Node n) {
    return n.shape().isScalar() || n.isConstant() || (n.op() == Op.BROADCAST && scalarLike(n.arg(0)));
  }

  /** A sum down to a shape: all of it, over the rows (1_N^T X) or over the columns (X 1_n). */
  private Text sumTo(Node n, Text a) {
    if (n.shape().isScalar()) return new Text("\\sum " + grouped(a, POWER), PRODUCT);
    Node from = n.arg(0);
    boolean rows = n.shape().rank() == 2 && n.shape().dim(1).isOne();
    return rows ? new Text(grouped(a, PRODUCT) + " \\mathbf{1}_{" + from.shape().fromRight(0) + "}", PRODUCT)
        : new Text("\\mathbf{1}_{" + from.shape().dim(0) + "}^{T} " + grouped(a, PRODUCT), PRODUCT);
  }

  // ---- shared by both

  private static Text product(Text a, Text b, boolean elementwise) {
    if (elementwise) return new Text(grouped(a, PRODUCT) + " \\odot " + grouped(b, PRODUCT + 1), PRODUCT);
    String right = grouped(b, PRODUCT + 1);
    boolean digits = Character.isDigit(right.charAt(0)) || right.startsWith("-");
    return new Text(grouped(a, PRODUCT) + (digits ? " \\cdot " : " ") + right, PRODUCT);
  }

  /** The forms that depend on the arguments; every other primitive prints by its own LaTeX template. */
  private static Text function(String f, List<Text> args, int firstRank) {
    Text a = args.isEmpty() ? null : args.get(0);
    String x = a == null ? "" : a.text;
    return switch (f) {
      case "exp" -> x.length() <= 12 ? new Text("e^{" + x + "}", POWER) : call("\\exp", args);
      case "pow" -> new Text(base(a) + "^{" + args.get(1).text + "}", POWER);
      case "transpose" -> new Text(base(a) + "^{T}", POWER);
      case "outer" -> new Text(grouped(a, PRODUCT) + " " + base(args.get(1)) + "^{T}", PRODUCT);
      case "sum" -> new Text("\\sum " + grouped(a, POWER), PRODUCT);
      case "colsum" -> firstRank == 2 ? new Text("\\mathbf{1}^{T} " + grouped(a, PRODUCT), PRODUCT) : a;
      case "rowsum" -> firstRank == 2 ? new Text(grouped(a, PRODUCT) + " \\mathbf{1}", PRODUCT)
          : new Text("\\sum " + grouped(a, POWER), PRODUCT);
      case "cross_entropy" -> call("\\mathrm{CE}", args);
      case "square" -> new Text(base(a) + "^{2}", POWER);
      case "cube" -> new Text(base(a) + "^{3}", POWER);
      default -> Op.byFunction(f).map(Op::latex).map(t -> template(t, args))
          .orElseGet(() -> call("\\operatorname{" + f + "}", args));
    };
  }

  /**
   * A primitive's template with its arguments in place: an argument the template delimits goes in
   * as it is, one leading the template is grouped as a factor; the whole is a sum if the template
   * adds at its top level, a product if it starts with an argument, else an atom.
   */
  private static Text template(String template, List<Text> args) {
    String text = template;
    for (int i = 0; i < args.size(); i++) {
      String slot = "$" + i;
      Text arg = args.get(i);
      text = text.startsWith(slot) ? grouped(arg, PRODUCT) + text.substring(slot.length()) : text;
      text = text.replace(slot, arg.text);
    }
    int precedence = adds(template) ? SUM : template.startsWith("$") ? PRODUCT : ATOM;
    return new Text(text, precedence);
  }

  private static boolean adds(String template) {
    int depth = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '(' || c == '{' || c == '[') depth++;
      else if (c == ')' || c == '}' || c == ']') depth--;
      else if (depth == 0 && (c == '+' || c == '-') && i > 0 && template.charAt(i - 1) == ' ') return true;
    }
    return false;
  }

  private static Text call(String f, List<Text> args) {
    return new Text(f + "(" + String.join(", ", args.stream().map(t -> t.text).toList()) + ")", ATOM);
  }

  private static String grouped(Text t, int precedence) {
    return t.precedence < precedence ? "(" + t.text + ")" : t.text;
  }

  /** {@code t} as the base of a superscript: a name that has one already ({@code W^{(2)}}) is braced. */
  private static String base(Text t) {
    String text = grouped(t, ATOM);
    return text.contains("^") && !text.startsWith("(") ? "{" + text + "}" : text;
  }

  /** A number: {@code 1e-3} is {@code 10^{-3}} times its mantissa. */
  private static Text number(String text) {
    int e = Math.max(text.indexOf('e'), text.indexOf('E'));
    String shown = e < 0 ? text : (text.substring(0, e).equals("1") ? "" : text.substring(0, e) + " \\times ")
        + "10^{" + text.substring(e + 1).replace("+", "") + "}";
    return new Text(shown, shown.startsWith("-") ? UNARY : ATOM);
  }
}
