package org.symdiff.emit;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Hands out Java identifiers that never collide with each other, with keywords, or with
 * {@code Math} (a local of that name would hide {@code java.lang.Math}). A taken name gets the
 * next free number: {@code dx}, {@code dx2}, ...
 */
final class NameAllocator {
  private final Set<String> taken = new HashSet<>(Set.of("Math"));

  String allocate(String wanted) {
    String base = wanted.replaceAll("[^A-Za-z0-9_]", "_");
    if (base.isEmpty() || !Character.isJavaIdentifierStart(base.charAt(0))) base = "_" + base;
    if (SourceVersion.isKeyword(base) || base.equals("_")) base = base + "_";
    String name = base;
    for (int k = 2; !taken.add(name); k++) name = base + k;
    return name;
  }
}
