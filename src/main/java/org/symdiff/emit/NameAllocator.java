package org.symdiff.emit;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Hands out Java identifiers that never collide with each other, with keywords, with the
 * java.lang types generated code uses (a local named {@code Math} would hide {@code java.lang.Math}),
 * or with {@code Object}'s methods (a getter named {@code toString()} would not compile). A taken
 * name gets the next free number: {@code dx}, {@code dx2}, ...
 */
final class NameAllocator {
  private static final Set<String> OBJECT_METHODS =
      Set.of("toString", "hashCode", "getClass", "notify", "notifyAll", "wait", "finalize", "clone", "equals");

  private final Set<String> taken = new HashSet<>(ClassNames.JAVA_LANG_IN_USE);

  NameAllocator() {
    taken.addAll(OBJECT_METHODS);
  }

  String allocate(String wanted) {
    String base = wanted.replaceAll("[^A-Za-z0-9_]", "_");
    if (base.isEmpty() || !Character.isJavaIdentifierStart(base.charAt(0))) base = "_" + base;
    if (SourceVersion.isKeyword(base) || base.equals("_")) base = base + "_";
    String name = base;
    for (int k = 2; !taken.add(name); k++) name = base + k;
    return name;
  }
}
