package org.symdiff.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.symdiff.cli.Main.UsageError;
import org.symdiff.emit.AtomicFiles;

/** The files the command reads and writes; a file it cannot use is the user's problem to fix (exit 2). */
final class TextFiles {
  private TextFiles() {}

  static String read(Path path) {
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      // Some Windows editors start UTF-8 files with a byte order mark; it is not part of the text.
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new UsageError("cannot read " + path + ": it is not UTF-8 text");
    } catch (IOException e) {
      throw new UsageError("cannot read " + path + ": " + reason(path, e));
    }
  }

  /** Writes through a temporary file in the same folder, so a reader never sees half a file. */
  static void writeAtomically(Path target, String text) {
    try {
      AtomicFiles.write(target, text);
    } catch (IOException e) {
      throw new UsageError("cannot write " + target + ": " + reason(target, e));
    }
  }

  private static String reason(Path path, IOException e) {
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (Files.isDirectory(path)) return "it is a directory";
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
