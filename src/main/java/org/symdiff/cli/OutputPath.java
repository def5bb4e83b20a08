package org.symdiff.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.symdiff.cli.Main.UsageError;

/**
 * What {@code -o} names, read from the text as given: a Path forgets the trailing slash that says
 * "a folder", even one that does not exist yet.
 */
record OutputPath(String given, Path path) {

  static OutputPath of(String given) {
    if (given.isBlank()) throw new UsageError("-o needs a file or folder name");
    try {
      return new OutputPath(given, Path.of(given));
    } catch (InvalidPathException e) {
      throw new UsageError("-o " + given + " is not a usable path: " + e.getReason());
    }
  }

  /** An existing folder, or a name ending in a separator (the folder is created). */
  boolean isDirectory() {
    return given.endsWith("/") || given.endsWith(File.separator) || Files.isDirectory(path);
  }

  /** The class a file named {@code Name.java} must hold; null when this is not such a file. */
  String javaClassName() {
    String file = path.getFileName() == null ? "" : path.getFileName().toString();
    return !isDirectory() && file.endsWith(".java") ? file.substring(0, file.length() - ".java".length()) : null;
  }

  @Override
  public String toString() {
    return given;
  }
}
