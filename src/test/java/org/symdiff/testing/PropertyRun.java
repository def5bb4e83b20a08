package org.symdiff.testing;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * How many cases a property test runs and from which seed: the test's defaults, or
 * {@code -Dsymdiff.seed=S} and {@code -Dsymdiff.cases=N} (Surefire passes both to the tests).
 * Case 0 uses seed {@code S} itself, so one failing case replays alone with its own seed; the
 * cases of nearby seeds do not overlap.
 */
public record PropertyRun(String test, long seed, int cases) {

  public static PropertyRun of(Class<?> test, long defaultSeed, int defaultCases) {
    return new PropertyRun(test.getSimpleName(),
        Long.getLong("symdiff.seed", defaultSeed), Integer.getInteger("symdiff.cases", defaultCases));
  }

  public long caseSeed(int i) {
    return seed + i * 0x9E3779B97F4A7C15L;
  }

  /**
   * A generator for one case, well mixed: {@code java.util.Random}'s first outputs are nearly the
   * same for nearby seeds. Use {@code random(~caseSeed)} for a second, independent stream.
   */
  public static Random random(long caseSeed) {
    return new Random(new SplittableRandom(caseSeed).nextLong());
  }

  public String replay(long caseSeed) {
    return "mvn -B test -Dtest=" + test + " -Dsymdiff.seed=" + caseSeed + " -Dsymdiff.cases=1";
  }

  /** The error a failing case reports: its seed, the expression before and after shrinking, how to replay. */
  public AssertionError failure(long caseSeed, Shrinker.Result shrunk) {
    return failure(caseSeed, shrunk, null);
  }

  /** The same, with {@code note} (what else the case depends on, such as its --wrt) if it is not null. */
  public AssertionError failure(long caseSeed, Shrinker.Result shrunk, String note) {
    return new AssertionError(test + " failed for seed " + caseSeed + "\n"
        + "  original: " + indented(shrunk.original()) + "\n"
        + "            " + shrunk.originalFailure().lines().findFirst().orElse("") + "\n"
        + "  shrunk:   " + indented(shrunk.shrunk()) + "   (" + shrunk.tries() + " tries)\n"
        + (note == null ? "" : "  " + note + "\n")
        + "  replay:   " + replay(caseSeed) + "\n"
        + "  how the shrunk case fails: " + shrunk.shrunkFailure());
  }

  /** A program's later lines lined up under its first. */
  private static String indented(String text) {
    return text.replace("\n", "\n            ");
  }
}
