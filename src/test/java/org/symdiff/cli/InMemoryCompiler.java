package org.symdiff.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles one generated Java file held in a string and loads its class, without writing to disk.
 * Compiles as Java 8 with every lint on and warnings as errors: the generated code promises to be
 * plain Java 8+ that compiles cleanly.
 */
final class InMemoryCompiler {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern CLASS = Pattern.compile("(?m)^public final class (\\w+)");

  private InMemoryCompiler() {}

  static Class<?> compile(String source) {
    String name = className(source);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    JavaFileManager files = new ForwardingJavaFileManager<>(compiler.getStandardFileManager(diagnostics, null, null)) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
          FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
          @Override
          public OutputStream openOutputStream() {
            return classes.computeIfAbsent(className, c -> new ByteArrayOutputStream());
          }
        };
      }
    };
    JavaFileObject file = new SimpleJavaFileObject(
        URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    List<String> options = List.of("--release", "8", "-Xlint:all", "-Xlint:-options", "-Werror");
    if (!compiler.getTask(null, files, diagnostics, options, null, List.of(file)).call()) {
      throw new AssertionError("generated " + name + " does not compile: " + diagnostics.getDiagnostics()
          + "\n" + source);
    }
    try {
      return new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
        @Override
        protected Class<?> findClass(String className) throws ClassNotFoundException {
          ByteArrayOutputStream bytes = classes.get(className);
          if (bytes == null) throw new ClassNotFoundException(className);
          return defineClass(className, bytes.toByteArray(), 0, bytes.size());
        }
      }.loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("compiled, but no class " + name, e);
    }
  }

  /** The fully qualified name of the file's public class. */
  static String className(String source) {
    Matcher type = CLASS.matcher(source);
    if (!type.find()) throw new AssertionError("no public final class in\n" + source);
    Matcher pkg = PACKAGE.matcher(source);
    return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
  }
}
