package org.symdiff.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs outside Maven that some tests drive (Graphviz's dot, pdflatex, python3). On a machine without
 * them those tests are skipped, so {@code mvn -B verify} passes anywhere; CI installs them and sets
 * {@code SYMDIFF_REQUIRE_TOOLS=1}, and then a missing one fails the test instead.
 */
public final class Tools {
  private Tools() {}

  /** Whether {@code command} runs here (with {@code versionFlag}, exit 0). */
  public static boolean available(String command, String versionFlag) {
    try {
      Process p = new ProcessBuilder(command, versionFlag).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Skips the test when the tool is missing, or fails it when CI requires the tools. */
  public static void require(String command, String versionFlag, String debianPackage) {
    if (available(command, versionFlag)) return;
    String message = command + " is not installed (Debian package " + debianPackage + ")";
    if (System.getenv("SYMDIFF_REQUIRE_TOOLS") != null) throw new AssertionError(message + ", and SYMDIFF_REQUIRE_TOOLS is set");
    Assumptions.abort(message + ": skipped");
  }
}
