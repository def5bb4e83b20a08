package org.symdiff.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the last run generated: a fingerprint of the plugin and its settings, and for each spec the
 * hash of its source, its output file and that file's hash. It lets a run skip specs that did not
 * change, and delete only files it made itself. Stored as lines of text in the output folder.
 */
record Stamp(String fingerprint, Map<String, Entry> entries) {
  static final String FILE_NAME = ".symdiff-stamp";
  private static final String HEADER = "# symdiff generated files: source hash, output hash, output, source";
  static final Stamp EMPTY = new Stamp("", Map.of());

  /** One generated file; {@code output} is relative to the output folder, '/'-separated. */
  record Entry(String sourceHash, String outputHash, String output) {}

  /** The stamp {@code fileName} in {@code folder}, or {@link #EMPTY} when there is none or it cannot be understood. */
  static Stamp read(OutputFolder folder, String fileName) throws IOException {
    byte[] bytes = folder.read(fileName);
    if (bytes == null) return EMPTY;
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("fingerprint ")) return EMPTY;
    Map<String, Entry> entries = new TreeMap<>();
    for (String line : lines.subList(2, lines.size())) {
      String[] fields = line.split("\t", 4);
      if (fields.length == 4) entries.put(fields[3], new Entry(fields[0], fields[1], fields[2]));
    }
    return new Stamp(lines.get(1).substring("fingerprint ".length()), entries);
  }

  void write(OutputFolder folder, String fileName) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append("\nfingerprint ").append(fingerprint).append('\n');
    new TreeMap<>(entries).forEach((source, e) ->
        text.append(e.sourceHash()).append('\t').append(e.outputHash()).append('\t').append(e.output())
            .append('\t').append(source).append('\n'));
    folder.writeIfChanged(fileName, text.toString());
  }

  /** A short SHA-256 of some bytes; "" for none, which matches no stored hash. */
  static String hash(byte[] bytes) {
    if (bytes == null) return "";
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String hash(String text) {
    return hash(text.getBytes(StandardCharsets.UTF_8));
  }
}
