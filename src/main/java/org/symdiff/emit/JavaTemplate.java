package org.symdiff.emit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.symdiff.graph.Op;

/**
 * A primitive's Java form ({@link Op#java}), read once: literal text between the argument slots
 * {@code $0}, {@code $1}; how tightly the text around each slot binds, so that an argument gets
 * parentheses only where Java needs them; the operations each piece of text does, for the
 * op-count certificate; and how tightly the whole form binds.
 */
final class JavaTemplate {
  /** An argument slot: which argument, the precedence it needs, and whether it follows a unary minus. */
  record Slot(int arg, int precedence, boolean negated, boolean afterOperator) {}

  /** Text, then a slot, ..., then the last text: {@code texts.size() == slots.size() + 1}. */
  final List<String> texts = new ArrayList<>();
  final List<Slot> slots = new ArrayList<>();
  /** The operations of each text, by the certificate's kinds. */
  final List<Map<String, Integer>> costs = new ArrayList<>();
  final int precedence;

  private static final Map<Op, JavaTemplate> TEMPLATES = new EnumMap<>(Op.class);
  private static final Pattern SLOT = Pattern.compile("(-?)\\$(\\d)");
  private static final Pattern OPERATION = Pattern.compile(
      "Math\\.(\\w+)\\(|Double\\.isNaN\\(|(\\w+)\\(|(?<=[ (])-(?=[(A-Za-z])| ([-+*/]|==|!=|[<>]=?) ");

  static synchronized JavaTemplate of(Op op) {
    return TEMPLATES.computeIfAbsent(op, o -> new JavaTemplate(o.java()));
  }

  private JavaTemplate(String template) {
    Matcher m = SLOT.matcher(template);
    int from = 0;
    while (m.find()) {
      String before = template.substring(from, m.start());
      texts.add(before);
      boolean negated = !m.group(1).isEmpty();
      String left = template.substring(0, m.start()).stripTrailing();
      String right = template.substring(m.end()).stripLeading();
      int needed = negated ? Syntax.PREFIX : Math.max(leftNeeds(left), rightNeeds(right));
      boolean afterOperator = !left.isEmpty() && "*/+-=<>?:&".indexOf(left.charAt(left.length() - 1)) >= 0;
      slots.add(new Slot(Integer.parseInt(m.group(2)), needed, negated, afterOperator));
      from = m.end();
    }
    texts.add(template.substring(from));
    for (String text : texts) costs.add(cost(text));
    this.precedence = topLevel(template);
  }

  /** The precedence an argument needs after {@code left}, the template text before it. */
  private static int leftNeeds(String left) {
    if (left.isEmpty()) return 0;
    char c = left.charAt(left.length() - 1);
    return switch (c) {
      case '(', ',' -> 0;
      case '*', '/' -> Syntax.PRODUCT + 1;
      case '+' -> Syntax.SUM;
      case '-' -> Syntax.SUM + 1;
      default -> Syntax.SUM;
    };
  }

  /** The precedence an argument needs before {@code right}, the template text after it. */
  private static int rightNeeds(String right) {
    if (right.isEmpty()) return 0;
    return switch (right.charAt(0)) {
      case ')', ',' -> 0;
      case '*', '/' -> Syntax.PRODUCT;
      default -> Syntax.SUM;
    };
  }

  /** How the whole form binds: by its operators outside parentheses. */
  private static int topLevel(String template) {
    int depth = 0;
    int precedence = Syntax.ATOM;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '(') depth++;
      else if (c == ')') depth--;
      else if (depth == 0 && c == ' ' && i + 2 < template.length() && template.charAt(i + 2) == ' ') {
        char op = template.charAt(i + 1);
        if (op == '+' || op == '-') precedence = Math.min(precedence, Syntax.SUM);
        else if (op == '*' || op == '/') precedence = Math.min(precedence, Syntax.PRODUCT);
      }
    }
    return precedence;
  }

  /** The operations a piece of template text does: its calls, arithmetic, negations and comparisons. */
  private static Map<String, Integer> cost(String text) {
    Map<String, Integer> cost = new TreeMap<>();
    Matcher m = OPERATION.matcher(text);
    while (m.find()) {
      String kind;
      if (m.group(1) != null) kind = m.group(1).equals("signum") ? "signum" : m.group(1);
      else if (m.group(0).startsWith("Double.isNaN")) kind = OpTally.COMPARE;
      else if (m.group(2) != null) kind = m.group(2);
      else if (m.group(3) == null) kind = OpTally.ADD_SUB;
      else kind = switch (m.group(3)) {
        case "+", "-" -> OpTally.ADD_SUB;
        case "*", "/" -> OpTally.MUL_DIV;
        default -> OpTally.COMPARE;
      };
      cost.merge(kind, 1, Integer::sum);
    }
    return cost;
  }
}
