package org.symdiff.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symdiff.emit.Count;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.emit.OpCertificate;
import org.symdiff.emit.OpCounts;
import org.symdiff.testing.Differentiated;
import org.symdiff.testing.ExprPrinter;
import org.symdiff.testing.PropertyRun;
import org.symdiff.testing.RandomExpressions;
import org.symdiff.testing.RandomPrograms;

/**
 * A report, not a test (Surefire runs no {@code *Report} by default): the operations of the
 * generated Java over the gradient property tests' corpus, the random expressions of
 * GradientPropertyTest and the random programs of ProgramPropertyTest with their seeds and --wrt,
 * compared case by case with {@code src/test/resources/reports/op-counts-before.txt}, the counts
 * of main before the canonical simplifier (6958fe9). Run with {@code bin/op-count-report}; with
 * {@code -Dsymdiff.report.write=true} it rewrites that file from the code as it is.
 *
 * <p>A case's count is every operation of its forward and backward sections (mul/div, add/sub,
 * compare, calls), with each runtime dimension of size 4.
 */
class OpCountReport {
  private static final Path BEFORE = Path.of("src/test/resources/reports/op-counts-before.txt");
  private static final int RUNTIME_SIZE = 4;

  @Test
  void report() throws IOException {
    Map<String, Long> now = new LinkedHashMap<>();
    Map<String, String> inputs = new HashMap<>();
    PropertyRun expressions = new PropertyRun("GradientPropertyTest", 4_004_004L, 300);
    for (int i = 0; i < expressions.cases(); i++) {
      long seed = expressions.caseSeed(i);
      String text = new RandomExpressions(PropertyRun.random(seed)).next();
      Differentiated d = Differentiated.of(text).withRandomWrt(PropertyRun.random(seed + 1));
      now.put("expression " + i, operations(d));
      inputs.put("expression " + i, describe(text, d));
    }
    PropertyRun programs = new PropertyRun("ProgramPropertyTest", 5_005_005L, 150);
    for (int i = 0; i < programs.cases(); i++) {
      long seed = programs.caseSeed(i);
      String text = ExprPrinter.print(new RandomPrograms(PropertyRun.random(seed), 3).nextProgram(), "\n");
      Differentiated d = Differentiated.of(text).withRandomWrt(PropertyRun.random(seed + 1));
      now.put("program " + i, operations(d));
      inputs.put("program " + i, describe(text.replace("\n", "; "), d));
    }
    if (Boolean.getBoolean("symdiff.report.write")) {
      List<String> lines = new ArrayList<>();
      now.forEach((name, ops) -> lines.add(name + " " + ops));
      Files.createDirectories(BEFORE.getParent());
      Files.write(BEFORE, lines);
    }
    Map<String, Long> before = new HashMap<>();
    for (String line : Files.readAllLines(BEFORE)) {
      int space = line.lastIndexOf(' ');
      before.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
    }
    print("random expressions", "expression ", now, before, inputs);
    print("random programs", "program ", now, before, inputs);
  }

  private static String describe(String text, Differentiated d) {
    return "\"" + text + "\" --wrt " + String.join(",", d.gradient().wrt().stream().map(n -> n.name()).toList());
  }

  private static void print(String title, String prefix, Map<String, Long> now, Map<String, Long> before,
      Map<String, String> inputs) {
    long totalBefore = 0;
    long totalNow = 0;
    int fewer = 0;
    int more = 0;
    int cases = 0;
    StringBuilder worse = new StringBuilder();
    for (var entry : now.entrySet()) {
      if (!entry.getKey().startsWith(prefix)) continue;
      long b = before.get(entry.getKey());
      long n = entry.getValue();
      cases++;
      totalBefore += b;
      totalNow += n;
      if (n < b) fewer++;
      if (n > b) {
        more++;
        worse.append("  ").append(entry.getKey()).append(": ").append(b).append(" -> ").append(n).append("   ")
            .append(inputs.get(entry.getKey())).append('\n');
      }
    }
    System.out.printf("%s (%d cases): operations of the generated Java before %d, now %d (%+.1f%%);"
            + " fewer in %d cases, more in %d%n%s", title, cases, totalBefore, totalNow,
        100.0 * (totalNow - totalBefore) / totalBefore, fewer, more, worse);
  }

  private static long operations(Differentiated d) {
    OpCertificate certificate = JavaEmitter.certificate(d.model(), d.gradient());
    OpCounts all = certificate.gradient();
    Map<String, Integer> sizes = new HashMap<>();
    d.model().runtimeDims().forEach(dim -> sizes.put(dim, RUNTIME_SIZE));
    long total = 0;
    for (Count count : all.byKind().values()) total += count.at(sizes);
    return total;
  }
}
