package org.symdiff.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.symdiff.cli.Main.UsageError;

/** {@code --emit svg}: the picture drawn by Graphviz's {@code dot}, which must be installed. */
final class Graphviz {
  /** The program to run; the system property {@code symdiff.dot} names another. */
  private static final String DOT = "dot";
  /** A picture taking longer than this is not worth waiting for. */
  private static final long SECONDS = 60;

  private Graphviz() {}

  static String svg(String dot) {
    String program = System.getProperty("symdiff.dot", DOT);
    Process process;
    try {
      process = new ProcessBuilder(program, "-Tsvg").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UsageError("--emit svg needs Graphviz's dot program, and '" + program + "' cannot be run: install "
          + "the graphviz package (Debian, Ubuntu: apt-get install graphviz; macOS: brew install graphviz), "
          + "or use --emit dot and draw it elsewhere");
    }
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), svg), "dot output");
    reader.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(dot.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UsageError("dot stopped reading the graph: " + e.getMessage());
    }
    try {
      if (!process.waitFor(SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new UsageError("dot took more than " + SECONDS + " s to draw the graph; use --emit dot, or --hide-constants");
      }
      reader.join();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new UsageError("interrupted while dot drew the graph");
    }
    if (process.exitValue() != 0) throw new UsageError("dot failed (exit " + process.exitValue() + ") to draw the graph");
    return svg.toString(StandardCharsets.UTF_8);
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    try (from) {
      from.transferTo(to);
    } catch (IOException e) {
      // the exit value reports it
    }
  }
}
