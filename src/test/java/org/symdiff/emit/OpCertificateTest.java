package org.symdiff.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.RandomExpressions;

/** The op-count certificate: counted on the code as written, so a count of the printed Java agrees with it. */
class OpCertificateTest {
  private static final String SEED_004 = "sigy = sigmoid(y); num = x + sigy; sigx = sigmoid(x); xpy = x + y;"
      + " xpysqr = xpy^2; den = sigx + xpysqr; invden = 1/den; f = num * invden";

  /**
   * Counted by hand on Seed004.java: the forward's divisions of the two sigmoids, xpy * xpy, 1.0 / den and
   * num * invden; the backward's invden * df, num * df, -1.0 / (den * den) * dinvden (three), 2.0 * xpy *
   * dxpysqr (two) and two sigmoid derivatives s * (1 - s) * ds (two each).
   */
  @Test
  void seed004CountsAsOnTheBoard() {
    OpCertificate c = certificate(SEED_004);
    assertThat(c.forward().mulDiv()).isEqualTo(Count.of(5));
    assertThat(c.forward().addSub()).isEqualTo(Count.of(7));
    assertThat(c.forward().calls()).isEqualTo(Map.of("exp", Count.of(2)));
    assertThat(c.backward().mulDiv()).isEqualTo(Count.of(11));
    assertThat(c.backward().addSub()).isEqualTo(Count.of(5));
    assertThat(c.backward().calls()).isEmpty();
    assertThat(c.ratio()).isEqualTo(18.0 / 7);
  }

  /** The MNIST network: 784 * 128 + 128 * 10 products per example, ten softmax divisions, ten cross-entropy products. */
  @Test
  void networkCountsGrowWithTheBatch() {
    OpCertificate c = certificate("""
        dim D = 784
        dim H = 128
        dim C = 10
        dim N
        input X[N,D], Y[N,C]
        param W1[D,H], b1[H], W2[H,C], b2[C]
        Z1 = X @ W1 + b1
        A1 = relu(Z1)
        Z2 = A1 @ W2 + b2
        P = softmax(Z2)
        L = cross_entropy(Y, P) / N
        """);
    assertThat(c.forward().mulDiv()).hasToString("101,652·N + 1");
    assertThat(c.forward().calls()).containsEntry("exp", Count.of(20).times(org.symdiff.graph.Dim.runtime("N")));
    assertThat(c.table()).contains("forward   101,652·N + 1");
    assertThat(c.summary()).contains("as the runtime sizes grow");
  }

  /** Over random expressions: the operators in the text of value and gradient are exactly the counts. */
  @Test
  void scalarCountsAreTheOperatorsOfTheGeneratedText() {
    for (int seed = 0; seed < 300; seed++) {
      String text = "f = " + new RandomExpressions(new Random(seed)).next();
      Differentiated d = Differentiated.of(text);
      String java = JavaEmitter.emit(d.model(), d.gradient(), "p", "F");
      OpCertificate c = JavaEmitter.certificate(d.model(), d.gradient());
      assertThat(operators(body(java, "value(double")))
          .as("value of %s:\n%s", text, java).isEqualTo(byKind(c.forward()));
      assertThat(operators(body(java, "gradient(double")))
          .as("gradient of %s:\n%s", text, java).isEqualTo(byKind(c.gradient()));
    }
  }

  private static OpCertificate certificate(String program) {
    Differentiated d = Differentiated.of(program);
    return JavaEmitter.certificate(d.model(), d.gradient());
  }

  private static Map<String, Long> byKind(OpCounts counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.byKind().forEach((kind, n) -> out.put(kind, n.at(Map.of())));
    return out;
  }

  /** The body of the first public static method whose signature starts so (the parameter-list form). */
  private static String body(String java, String signature) {
    int at = java.indexOf("public static double " + signature);
    int open = java.indexOf('{', at);
    return java.substring(open + 1, java.indexOf("\n    }\n", open));
  }

  /** The generated helper methods (erf), called by name. */
  private static final java.util.Set<String> HELPERS = java.util.Arrays.stream(org.symdiff.graph.Op.values())
      .map(org.symdiff.graph.Op::helper).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());

  /** A helper's name followed by a parenthesis: a call, not a local that took the same name. */
  private static boolean isCall(String code, int end, String name) {
    return HELPERS.contains(name) && end < code.length() && code.charAt(end) == '(';
  }

  private static final Pattern TOKEN = Pattern.compile(
      "\\d+(\\.\\d+)?([eE][-+]?\\d+)?|Math\\.\\w+\\(|Double\\.isNaN\\(|[A-Za-z_]\\w*|\\+=|==|!=|<=|>=|&&|[-+*/()<>?:!,\\[\\]=;]");

  /** The arithmetic of the statements, by the certificate's kinds; gradient copies and returns are not arithmetic. */
  private static Map<String, Long> operators(String body) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : body.split("\n")) {
      String code = line.strip();
      if (code.isEmpty() || code.startsWith("//") || code.startsWith("grad[") || code.startsWith("return ")) continue;
      Matcher m = TOKEN.matcher(code);
      String previous = "";
      while (m.find()) {
        String t = m.group();
        String kind = switch (t) {
          case "*", "/" -> OpTally.MUL_DIV;
          case "+", "+=" -> OpTally.ADD_SUB;
          case "-" -> OpTally.ADD_SUB;
          case ">", "<", "<=", ">=", "==", "!=", "Double.isNaN(" -> OpTally.COMPARE;
          default -> t.startsWith("Math.") ? t.substring(5, t.length() - 1) : isCall(code, m.end(), t) ? t : null;
        };
        // a minus after an operator or a parenthesis is part of a negative literal only when a number follows
        if (t.equals("-") && !isOperand(previous) && code.substring(m.end()).matches("^\\d.*")) kind = null;
        if (kind != null) counts.merge(kind, 1L, Long::sum);
        previous = t;
      }
    }
    return counts;
  }

  private static boolean isOperand(String token) {
    return token.equals(")") || token.equals("]") || Character.isLetterOrDigit(token.charAt(0)) && !token.startsWith("Math.");
  }
}
