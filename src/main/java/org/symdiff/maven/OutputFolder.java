package org.symdiff.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.symdiff.emit.AtomicFiles;

/**
 * The one folder the plugin writes to. Every path is checked to stay inside it, before and after
 * symbolic links are followed, and files are replaced atomically so a compiler never reads half a file.
 */
final class OutputFolder {
  private final Path root;

  OutputFolder(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The file at {@code relative} ('/'-separated); refuses anything that would leave the folder. */
  Path resolve(String relative) {
    Path path = root.resolve(relative).normalize();
    if (relative.isEmpty() || Path.of(relative).isAbsolute() || !path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("refusing to touch '" + relative + "': it is not inside " + root);
    }
    return path;
  }

  /** The file's bytes, or null when it does not exist. */
  byte[] read(String relative) throws IOException {
    Path path = resolve(relative);
    return Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
  }

  /** Writes {@code text} unless the file already holds exactly it; says whether it wrote. */
  boolean writeIfChanged(String relative, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (Arrays.equals(bytes, read(relative))) return false;
    Path target = resolve(relative);
    Files.createDirectories(target.getParent());
    checkRealPath(target.getParent());
    AtomicFiles.write(target, text);
    return true;
  }

  /** Deletes the file, then its parent folders as long as they are empty, stopping at the root. */
  boolean delete(String relative) throws IOException {
    Path path = resolve(relative);
    if (!Files.isRegularFile(path)) return false;
    checkRealPath(path.getParent());
    Files.delete(path);
    for (Path dir = path.getParent(); !dir.equals(root); dir = dir.getParent()) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) break;
      }
      Files.delete(dir);
    }
    return true;
  }

  /** A folder inside the root could be a link to elsewhere: compare where both really are. */
  private void checkRealPath(Path dir) throws IOException {
    if (!dir.toRealPath().startsWith(root.toRealPath())) {
      throw new IOException("refusing to write in " + dir + ": it leads outside " + root);
    }
  }
}
