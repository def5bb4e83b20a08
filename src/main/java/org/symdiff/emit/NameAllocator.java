package org.symdiff.emit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Hands out Java identifiers that never collide with each other, with keywords, with the
 * java.lang types generated code uses (a local named {@code Math} would hide {@code java.lang.Math}),
 * or with {@code Object}'s methods (a getter named {@code toString()} would not compile). A taken
 * name gets the next free number: {@code dx}, {@code dx2}, ... Each base remembers the number it
 * reached, since names are never released: without that, the thousandth {@code sum} would try 999
 * taken names.
 */
final class NameAllocator {
  private static final Set<String> OBJECT_METHODS =
      Set.of("toString", "hashCode", "getClass", "notify", "notifyAll", "wait", "finalize", "clone", "equals");

  private final Set<String> taken = new HashSet<>(ClassNames.JAVA_LANG_IN_USE);
  private final Map<String, Integer> nextNumber = new HashMap<>();

  NameAllocator() {
    taken.addAll(OBJECT_METHODS);
  }

  private static final java.util.regex.Pattern NOT_IDENTIFIER = java.util.regex.Pattern.compile("[^A-Za-z0-9_]");

  String allocate(String wanted) {
    String base = NOT_IDENTIFIER.matcher(wanted).replaceAll("_");
    if (base.isEmpty() || !Character.isJavaIdentifierStart(base.charAt(0))) base = "_" + base;
    if (SourceVersion.isKeyword(base) || base.equals("_")) base = base + "_";
    if (taken.add(base)) return base;
    int k = nextNumber.getOrDefault(base, 2);
    while (!taken.add(base + k)) k++;
    nextNumber.put(base, k + 1);
    return base + k;
  }
}
