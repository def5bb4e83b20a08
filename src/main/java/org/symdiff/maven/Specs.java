package org.symdiff.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.symdiff.emit.ClassNames;

/**
 * Finds the {@code .sd} files under a folder and decides each one's class: the package from its
 * folder (unless one package is configured for all) and the class name from its file name, put
 * through a pattern such as {@code {name}Gradient}.
 */
final class Specs {
  static final String NAME_PLACEHOLDER = "{name}";

  /**
   * One spec and where its class goes. {@code key} is its path under the source folder,
   * '/'-separated; {@code displayName} is how error messages name it.
   */
  record Spec(Path file, String key, String displayName, String packageName, String className) {
    /** The generated file, relative to the output folder, '/'-separated. */
    String output() {
      return (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + className + ".java";
    }
  }

  private Specs() {}

  /** Checks the settings that apply to every spec; throws with a message naming the parameter. */
  static void checkSettings(String packageName, String classNamePattern) {
    if (packageName != null && !ClassNames.isPackageName(packageName)) {
      throw new IllegalArgumentException("<packageName> '" + packageName + "' is not a Java package name");
    }
    if (packageName != null && ClassNames.whyReserved(packageName) != null) {
      throw new IllegalArgumentException("<packageName> '" + packageName + "' cannot be used: "
          + ClassNames.whyReserved(packageName));
    }
    if (classNamePattern == null || !classNamePattern.contains(NAME_PLACEHOLDER)) {
      throw new IllegalArgumentException("<classNamePattern> '" + classNamePattern + "' must contain "
          + NAME_PLACEHOLDER + ", e.g. " + NAME_PLACEHOLDER + "Gradient");
    }
  }

  /**
   * The specs under {@code sourceDir} in a stable order. A spec whose folder cannot be a package,
   * whose class name is not valid Java, or whose class another spec already claims, is reported
   * in {@code errors} (prefixed by its display name, as a compiler would) and left out.
   */
  static List<Spec> find(Path sourceDir, Path baseDir, String packageName, String classNamePattern,
      List<String> errors) throws IOException {
    checkSettings(packageName, classNamePattern);
    if (!Files.isDirectory(sourceDir)) return List.of();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sourceDir)) {
      files = walk.filter(f -> f.getFileName().toString().endsWith(".sd") && Files.isRegularFile(f)).sorted().toList();
    }
    List<Spec> specs = new ArrayList<>();
    Map<String, Spec> byOutput = new HashMap<>();
    for (Path file : files) {
      Path relative = sourceDir.relativize(file);
      String key = relative.toString().replace(file.getFileSystem().getSeparator(), "/");
      String display = displayName(file, baseDir);
      String pkg = packageName != null ? packageName : folderPackage(relative);
      String className = classNamePattern.replace(NAME_PLACEHOLDER, ClassNames.fromFileName(file.getFileName().toString()));
      if (pkg == null) {
        errors.add(display + ": error: folder '" + relative.getParent() + "' cannot be a Java package name;"
            + " rename it, or set <packageName>");
      } else if (ClassNames.whyReserved(pkg) != null) {
        errors.add(display + ": error: package '" + pkg + "' cannot be used: " + ClassNames.whyReserved(pkg)
            + "; rename the folder, or set <packageName>");
      } else if (!ClassNames.isClassName(className)) {
        errors.add(display + ": error: '" + className + "' is not a Java class name; check <classNamePattern>");
      } else {
        Spec spec = new Spec(file, key, display, pkg, className);
        Spec other = byOutput.putIfAbsent(spec.output().toLowerCase(Locale.ROOT), spec);
        if (other != null) {
          errors.add(display + ": error: its class " + qualified(spec) + " is also generated from "
              + other.displayName() + "; rename one of them");
        } else {
          specs.add(spec);
        }
      }
    }
    return specs;
  }

  /** {@code demo/nets/x.sd} is in package {@code demo.nets}; null if a folder is not an identifier. */
  private static String folderPackage(Path relative) {
    Path parent = relative.getParent();
    if (parent == null) return "";
    List<String> parts = new ArrayList<>();
    for (Path part : parent) {
      if (!ClassNames.isPackageName(part.toString()) || part.toString().contains(".")) return null;
      parts.add(part.toString());
    }
    return String.join(".", parts);
  }

  private static String qualified(Spec spec) {
    return spec.packageName().isEmpty() ? spec.className() : spec.packageName() + "." + spec.className();
  }

  /** Relative to the project when inside it (what a user types), else absolute. */
  private static String displayName(Path file, Path baseDir) {
    Path absolute = file.toAbsolutePath().normalize();
    Path base = baseDir.toAbsolutePath().normalize();
    return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
  }
}
