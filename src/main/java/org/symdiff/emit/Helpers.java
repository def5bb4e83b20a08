package org.symdiff.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;
import org.symdiff.diff.Gradient;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import org.symdiff.graph.Op;
import org.symdiff.graph.SpecialFunctions;

/**
 * The helper methods a generated class calls ({@link Op#helper()}, such as {@code erf}): copies of
 * {@link SpecialFunctions}' own source, so the class computes what the evaluator computes and
 * needs no library at run time.
 */
final class Helpers {
  private static final String SOURCE = "/org/symdiff/graph/SpecialFunctions.java";

  private Helpers() {}

  /** Adds to {@code type} the helpers the forward and backward code of {@code gradient} call. */
  static void addTo(TypeSpec.Builder type, Gradient gradient) {
    addTo(type, gradient, List.of());
  }

  /** The same, with {@code more} expressions the class computes too (tangent sections, other outputs' sections). */
  static void addTo(TypeSpec.Builder type, Gradient gradient, java.util.Collection<Node> more) {
    Set<Op> used = used(gradient, more);
    if (used.isEmpty()) return;
    String source = source();
    for (Op op : used) type.addMethod(method(source, op.helper()));
  }

  /**
   * The same for an array class, whose forward section computes every named value (a getter
   * returns it), also one the output does not read: the helpers those call are added too.
   */
  static void addToArrayClass(TypeSpec.Builder type, Model model, Gradient gradient, java.util.Collection<Node> more) {
    List<Node> computed = new ArrayList<>(more);
    model.assignments().forEach(a -> computed.add(a.value()));
    addTo(type, gradient, computed);
  }

  private static Set<Op> used(Gradient gradient, java.util.Collection<Node> more) {
    Set<Op> used = EnumSet.noneOf(Op.class);
    BitSet seen = new BitSet();
    List<Node> stack = new ArrayList<>(gradient.forward());
    stack.addAll(more);
    gradient.steps().forEach(s -> s.contributions().forEach(c -> stack.add(c.expression())));
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (seen.get(n.id())) continue;
      seen.set(n.id());
      if (n.op().helper() != null) used.add(n.op());
      stack.addAll(n.args());
    }
    return used;
  }

  /** The method {@code name} of the source: its Javadoc, signature and body, re-indented for JavaPoet. */
  static MethodSpec method(String source, String name) {
    Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public static double " + name
        + "\\(double (\\w+)\\) \\{\\n(.*?)\\n  }\\n", Pattern.DOTALL).matcher(source);
    if (!m.find()) throw new IllegalStateException("no helper " + name + " in " + SOURCE);
    String doc = m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", "")).filter(l -> !l.isBlank())
        .reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    StringBuilder body = new StringBuilder();
    for (String line : m.group(3).split("\n")) {
      int indent = line.length() - line.stripLeading().length();
      body.append("    ".repeat(Math.max(0, indent - 4) / 2)).append(line.strip()).append('\n');
    }
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(double.class)
        .addParameter(double.class, m.group(2)).addJavadoc(doc.replace("$", "$$"))
        .addCode(body.toString().replace("$", "$$")).build();
  }

  private static String source() {
    try (InputStream in = Helpers.class.getResourceAsStream(SOURCE)) {
      if (in == null) throw new IllegalStateException(SOURCE + " is not on the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
