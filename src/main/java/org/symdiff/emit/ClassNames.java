package org.symdiff.emit;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/** Names for generated classes, decided once for the command line and the Maven plugin. */
public final class ClassNames {
  private ClassNames() {}

  /** The java.lang types generated code uses: a class of that name would hide them. */
  static final Set<String> JAVA_LANG_IN_USE = Set.of("Math", "Double", "String", "Object", "IllegalArgumentException");

  /** Identifiers that are not keywords but cannot name a type since Java 10 to 17 (JLS 3.9). */
  static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

  /**
   * The class named after a file: {@code circle_net.sd} gives {@code CircleNet}. Words are split at
   * anything but a letter or digit and capitalized; a name that cannot start a class gets the
   * prefix {@code Gradient} ({@code 2d.sd} gives {@code Gradient2d}), and a name generated code
   * needs from java.lang gets the suffix ({@code math.sd} gives {@code MathGradient}).
   */
  public static String fromFileName(String fileName) {
    String base = fileName.replaceFirst("\\.[^.]*$", "");
    StringBuilder name = new StringBuilder();
    boolean wordStart = true;
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        wordStart = true;
        continue;
      }
      name.append(wordStart ? Character.toUpperCase(c) : c);
      wordStart = false;
    }
    String result = name.toString();
    if (JAVA_LANG_IN_USE.contains(result)) return result + "Gradient";
    return result.isEmpty() || !Character.isJavaIdentifierStart(result.charAt(0)) ? "Gradient" + result : result;
  }

  /**
   * Whether {@code name} can name a generated class: an identifier that is not a keyword or a
   * restricted type name ({@code var}, {@code record}, ...), has no dots, and does not hide a
   * java.lang type the generated code uses.
   */
  public static boolean isClassName(String name) {
    return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name) && !RESTRICTED_TYPE_NAMES.contains(name)
        && !JAVA_LANG_IN_USE.contains(name);
  }

  /** Whether {@code name} can name a package: empty (the unnamed package) or dotted identifiers. */
  public static boolean isPackageName(String name) {
    return name.isEmpty() || SourceVersion.isName(name);
  }

  /**
   * Why no class can be added to package {@code name}, or null if one can: {@code java} and
   * {@code java.*} belong to the platform (class loaders refuse them), and javac refuses a package
   * of a JDK module ({@code javax.swing}: "package exists in another module").
   */
  public static String whyReserved(String name) {
    if (name.equals("java") || name.startsWith("java.")) return "the java package and those under it are reserved for the JDK";
    String module = JdkPackages.OWNERS.get(name);
    return module == null ? null : "it belongs to the JDK's module " + module;
  }

  /** The packages of the JDK's own modules, read once when first needed. */
  private static final class JdkPackages {
    static final Map<String, String> OWNERS = ModuleFinder.ofSystem().findAll().stream()
        .map(ModuleReference::descriptor)
        .flatMap(m -> m.packages().stream().map(p -> Map.entry(p, m.name())))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
  }
}
