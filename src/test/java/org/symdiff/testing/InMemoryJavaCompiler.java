package org.symdiff.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java source strings with the JDK's own javac, in memory, and loads the classes in a
 * fresh class loader (so the same class name can be compiled again by another test). Javac's
 * start-up is the cost: compile many classes in one {@link #compile(Map)} call when you can.
 * A compile error fails the test with javac's diagnostics and each offending file, numbered.
 */
public final class InMemoryJavaCompiler {
  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern PUBLIC_CLASS = Pattern.compile("(?m)^public (?:final )?class ([\\w$]+)");
  /** Generated code promises plain Java 8 that compiles without a warning (contract section 4). */
  private static final InMemoryJavaCompiler GENERATED_CODE =
      new InMemoryJavaCompiler("--release", "8", "-Xlint:all", "-Xlint:-options", "-Werror", "-parameters");

  private final List<String> options;

  /** {@code options} are javac's, e.g. {@code "--release", "8"} to hold generated code to Java 8. */
  public InMemoryJavaCompiler(String... options) {
    if (JAVAC == null) throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
    this.options = List.of(options);
  }

  /** Compiles as Java 8 with every lint on and warnings as errors: the bar generated code must pass. */
  public static InMemoryJavaCompiler forGeneratedCode() {
    return GENERATED_CODE;
  }

  /** Compiles one file and loads its public class, whose name the file's own declarations give. */
  public Class<?> compile(String source) {
    return compile(className(source), source);
  }

  /** The fully qualified name of the public class a source file declares. */
  public static String className(String source) {
    Matcher type = PUBLIC_CLASS.matcher(source);
    if (!type.find()) throw new AssertionError("no public class in\n" + source);
    Matcher pkg = PACKAGE.matcher(source);
    return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
  }

  /** Compiles one class, named with its package ({@code "generated.Expression"}), and loads it. */
  public Class<?> compile(String className, String source) {
    return compile(Map.of(className, source)).get(className);
  }

  /** Compiles every source in one javac run; the result maps each given class name to its class. */
  public Map<String, Class<?>> compile(Map<String, String> sourcesByClassName) {
    List<Source> sources = new ArrayList<>();
    sourcesByClassName.forEach((name, text) -> sources.add(new Source(name, text)));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = JAVAC.getStandardFileManager(diagnostics, null, null);
    List<String> javacOptions = new ArrayList<>(options);
    javacOptions.add("-proc:none");
    ClassFiles output = new ClassFiles(standard);
    boolean ok = JAVAC.getTask(null, output, diagnostics, javacOptions, null, sources).call();
    close(output);
    if (!ok) throw new AssertionError(describeFailure(diagnostics.getDiagnostics(), sources));
    ClassLoader loader = new BytesClassLoader(output.bytes, InMemoryJavaCompiler.class.getClassLoader());
    Map<String, Class<?>> classes = new LinkedHashMap<>();
    for (String name : sourcesByClassName.keySet()) {
      try {
        classes.put(name, Class.forName(name, true, loader));
      } catch (ClassNotFoundException e) {
        throw new AssertionError("javac succeeded but produced no class " + name
            + " (does the source declare it in the right package?)", e);
      }
    }
    return classes;
  }

  /** The class file javac wrote for a class this compiler loaded. */
  public static byte[] classFile(Class<?> type) {
    if (!(type.getClassLoader() instanceof BytesClassLoader loader)) {
      throw new IllegalArgumentException(type + " was not compiled by InMemoryJavaCompiler");
    }
    return loader.classes.get(type.getName()).clone();
  }

  private static void close(JavaFileManager files) {
    try {
      files.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String describeFailure(List<Diagnostic<? extends JavaFileObject>> diagnostics, List<Source> sources) {
    StringBuilder message = new StringBuilder("javac failed:\n");
    Set<JavaFileObject> offending = new LinkedHashSet<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
      String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": ";
      message.append(where).append(d.getKind().toString().toLowerCase()).append(": ")
          .append(d.getMessage(null)).append('\n');
      // with -Werror a warning fails the run too
      if (d.getKind() != Diagnostic.Kind.NOTE && d.getSource() != null) offending.add(d.getSource());
    }
    for (Source source : sources) {
      if (!offending.isEmpty() && !offending.contains(source)) continue;
      message.append("\n--- ").append(source.getName()).append(" ---\n").append(numbered(source.text));
    }
    return message.toString();
  }

  private static String numbered(String text) {
    StringBuilder out = new StringBuilder();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) out.append(String.format("%4d  %s%n", i + 1, lines.get(i)));
    return out.toString();
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String className, String text) {
      super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /** Keeps every class file javac writes (nested classes included) in memory, by binary name. */
  private static final class ClassFiles extends ForwardingJavaFileManager<JavaFileManager> {
    final Map<String, byte[]> bytes = new HashMap<>();

    ClassFiles(JavaFileManager standard) {
      super(standard);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream() {
            @Override
            public void close() {
              bytes.put(className, toByteArray());
            }
          };
        }
      };
    }
  }

  private static final class BytesClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    BytesClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = classes.get(name);
      if (b == null) throw new ClassNotFoundException(name);
      return defineClass(name, b, 0, b.length);
    }
  }
}
