package org.symdiff.graph;

import java.util.Collection;
import java.util.Comparator;

/**
 * "Did you mean" for misspelt names: the closest candidate within a small edit distance, and never
 * a wholesale replacement (one-letter names get no suggestion).
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * {@code "; did you mean 'x'?"}, or "" when nothing is close. A candidate that shares nothing
   * with the wrong name (w for x: every letter replaced) is no suggestion.
   */
  public static String didYouMean(String wrong, Collection<String> candidates) {
    for (String c : candidates) {
      if (c.equalsIgnoreCase(wrong)) return "; did you mean '" + c + "'?";
    }
    return candidates.stream()
        .filter(c -> distance(wrong, c) <= Math.max(1, Math.min(2, c.length() / 3)))
        .filter(c -> distance(wrong, c) < wrong.length())
        .min(Comparator.comparingInt((String c) -> distance(wrong, c)).thenComparing(c -> c))
        .map(c -> "; did you mean '" + c + "'?")
        .orElse("");
  }

  /** Levenshtein distance, with a transposition of neighbours counting as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
