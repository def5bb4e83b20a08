package org.symdiff.cli;

import java.nio.file.Path;
import org.symdiff.cli.Main.UsageError;
import org.symdiff.emit.ClassNames;

/** The name of the Java class --emit java or junit writes, from the options that can give it. */
final class JavaClassName {
  private JavaClassName() {}

  /**
   * The class that --class ({@code className}), -o ({@code target}) and the file name give, checked
   * with --package; for a test, the class it tests. Null arguments were not given.
   */
  static String choose(OutputPath target, String className, String packageName, Path file, boolean test) {
    String fileClass = target == null ? null : target.javaClassName();
    if (test && fileClass != null) {
      if (!fileClass.endsWith("Test") || fileClass.equals("Test")) {
        throw new UsageError("-o " + target + ": the test of class NAME is NAMETest, in NAMETest.java");
      }
      fileClass = fileClass.substring(0, fileClass.length() - "Test".length());
    }
    if (fileClass != null && !ClassNames.isClassName(fileClass)) {
      throw new UsageError("-o " + target + ": a Java file is named after its class, and " + fileClass
          + " is not a Java class name");
    }
    if (fileClass != null && className != null && !className.equals(fileClass)) {
      throw new UsageError("--class " + className + " does not match -o " + target
          + ": Java wants class " + className + " in " + className + ".java");
    }
    String name = className != null ? className : fileClass != null ? fileClass
        : file == null ? "Expression" : ClassNames.fromFileName(file.getFileName().toString());
    if (!ClassNames.isClassName(name)) {
      throw new UsageError("--class " + name + " is not a Java class name"
          + " (letters, digits, _ and $, not starting with a digit, not a Java keyword nor var, yield, record,"
          + " sealed or permits)");
    }
    if (!ClassNames.isPackageName(packageName)) {
      throw new UsageError("--package " + packageName + " is not a Java package name"
          + " (names like a.b.c, each part a Java name that is not a keyword)");
    }
    String reserved = ClassNames.whyReserved(packageName);
    if (reserved != null) throw new UsageError("--package " + packageName + " cannot be used: " + reserved);
    return name;
  }
}
