package org.symdiff.maven;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.ast.Span;
import org.symdiff.diff.Gradient;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.emit.SecondOrder;
import org.symdiff.emit.TestEmitter;
import org.symdiff.graph.Model;

/**
 * Turns every {@code .sd} file under a folder into a Java class under another, redoing only the
 * specs whose source, output or settings changed, and deleting the classes of specs that are gone.
 * Knows nothing of Maven, so that tests can drive it directly.
 */
final class Generator {

  /**
   * What to generate. {@code packageName} and {@code wrt} may be null (from the folder; each
   * spec's default variables); {@code pluginIdentity} changes whenever the generated code could;
   * with {@code tests}, each spec's JUnit test ({@code NameTest}) instead of its class.
   * {@code secondOrder} says which specs get {@code hvp} and {@code hessian}.
   */
  record Settings(Path sourceDir, Path outputDir, Path baseDir, String packageName, String wrt,
      String classNamePattern, String pluginIdentity, boolean tests, SecondOrderSpecs secondOrder) {

    Settings(Path sourceDir, Path outputDir, Path baseDir, String packageName, String wrt, String classNamePattern,
        String pluginIdentity, boolean tests) {
      this(sourceDir, outputDir, baseDir, packageName, wrt, classNamePattern, pluginIdentity, tests, SecondOrderSpecs.NONE);
    }

    String fingerprint() {
      return Stamp.hash(String.join("\n", pluginIdentity, String.valueOf(packageName), String.valueOf(wrt),
          classNamePattern, String.valueOf(tests), secondOrder.toString()));
    }

    /** The stamp's file: the classes and the tests may share a folder, each run keeps its own record. */
    String stampFile() {
      return tests ? Stamp.FILE_NAME + "-tests" : Stamp.FILE_NAME;
    }

    String output(Specs.Spec spec) {
      return tests ? spec.output().replaceFirst("\\.java$", "Test.java") : spec.output();
    }
  }

  /**
   * What a run did: the specs it generated again (keys), the files whose bytes changed and the files
   * it deleted (relative to the output folder), and compiler-style error messages.
   */
  record Report(int specs, List<String> regenerated, List<String> written, List<String> deleted,
      List<String> errors) {}

  private Generator() {}

  static Report run(Settings settings) throws IOException {
    OutputFolder out = new OutputFolder(settings.outputDir());
    List<String> errors = new ArrayList<>();
    List<Specs.Spec> specs = Specs.find(settings.sourceDir(), settings.baseDir(), settings.packageName(),
        settings.classNamePattern(), errors);
    settings.secondOrder().unknown(specs).forEach(errors::add);
    Stamp previous = Stamp.read(out, settings.stampFile());
    boolean sameSettings = previous.fingerprint().equals(settings.fingerprint());
    Map<String, Stamp.Entry> entries = new TreeMap<>();
    List<String> regenerated = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (Specs.Spec spec : specs) {
      byte[] source = Files.readAllBytes(spec.file());
      String sourceHash = Stamp.hash(source);
      Stamp.Entry old = previous.entries().get(spec.key());
      String output = settings.output(spec);
      if (sameSettings && old != null && old.sourceHash().equals(sourceHash) && old.output().equals(output)
          && old.outputHash().equals(Stamp.hash(out.read(output)))) {
        entries.put(spec.key(), old);
        continue;
      }
      regenerated.add(spec.key());
      String java;
      try {
        java = java(spec, source, settings.wrt(), settings.tests(), settings.secondOrder().of(spec.key()));
      } catch (SourceError e) {
        errors.add(e.render());
        // Keep the old class (the build fails anyway) but make sure the next run retries this spec.
        if (old != null) entries.put(spec.key(), new Stamp.Entry("", old.outputHash(), old.output()));
        continue;
      }
      // a Jacobian's spec has no generated test: those check gradients
      if (java == null) continue;
      if (out.writeIfChanged(output, java)) written.add(output);
      entries.put(spec.key(), new Stamp.Entry(sourceHash, Stamp.hash(java), output));
    }
    List<String> deleted = deleteOrphans(out, previous, entries);
    if (!entries.isEmpty() || !previous.entries().isEmpty()) {
      new Stamp(settings.fingerprint(), entries).write(out, settings.stampFile());
    }
    return new Report(specs.size(), regenerated, written, deleted, errors);
  }

  /** The spec's class, or its test (null for a Jacobian's spec, which has none). */
  private static String java(Specs.Spec spec, byte[] bytes, String wrt, boolean test, SecondOrder secondOrder) {
    Source source = new Source(spec.displayName(), decode(spec, bytes));
    try {
      return Symdiff.onDeepStack(() -> {
        Model model = Symdiff.load(source);
        List<org.symdiff.graph.Node> variables = wrt == null ? model.defaultWrt()
            : Symdiff.wrt(model, new Source("<wrt> for " + spec.displayName(), wrt));
        if (!model.hasScalarOutput()) {
          return test ? null : JavaEmitter.emitJacobian(model, variables, secondOrder, spec.packageName(), spec.className());
        }
        Gradient gradient = org.symdiff.diff.ReverseSweep.differentiate(model.graph(), model.output(), variables);
        if (!test) return JavaEmitter.emit(model, gradient, secondOrder, spec.packageName(), spec.className());
        try {
          return TestEmitter.emit(model, gradient, spec.packageName(), spec.className());
        } catch (IllegalArgumentException untestable) {
          throw new SourceError(source, Span.NONE, untestable.getMessage());
        }
      });
    } catch (StackOverflowError e) {
      throw new SourceError(source, Span.NONE, "the program is nested too deeply");
    } catch (SourceError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException("symdiff failed on " + spec.displayName() + " (please report it with the file): " + e, e);
    }
  }

  private static String decode(Specs.Spec spec, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SourceError(new Source(spec.displayName(), ""), Span.NONE, "not UTF-8 text");
    }
  }

  /** Deletes what the previous run generated and this one did not; never a file it did not make. */
  private static List<String> deleteOrphans(OutputFolder out, Stamp previous, Map<String, Stamp.Entry> entries)
      throws IOException {
    Set<String> kept = new HashSet<>();
    entries.values().forEach(e -> kept.add(e.output()));
    List<String> deleted = new ArrayList<>();
    for (Stamp.Entry old : previous.entries().values()) {
      if (!kept.contains(old.output()) && old.output().endsWith(".java") && out.delete(old.output())) {
        deleted.add(old.output());
      }
    }
    return deleted;
  }
}
