package org.symdiff.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputFolderTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"../escape.java", "a/../../escape.java", "/etc/passwd", "", ".", "a/.."})
  void refusesPathsThatLeaveTheFolder(String relative) {
    OutputFolder out = new OutputFolder(temp.resolve("out"));
    assertThatThrownBy(() -> out.resolve(relative)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing");
  }

  @Test
  void refusesToWriteThroughALinkThatLeadsOutside() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Path root = Files.createDirectories(temp.resolve("out"));
    Files.createSymbolicLink(root.resolve("demo"), outside);
    OutputFolder out = new OutputFolder(root);

    assertThatThrownBy(() -> out.writeIfChanged("demo/Net.java", "class Net {}"))
        .isInstanceOf(IOException.class).hasMessageContaining("leads outside");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void writesOnlyWhatChangedAndLeavesNoTemporaryFiles() throws IOException {
    OutputFolder out = new OutputFolder(temp);
    assertThat(out.writeIfChanged("a/b/X.java", "one")).isTrue();
    assertThat(out.writeIfChanged("a/b/X.java", "one")).isFalse();
    assertThat(out.writeIfChanged("a/b/X.java", "two")).isTrue();
    assertThat(Files.readString(temp.resolve("a/b/X.java"))).isEqualTo("two");
    try (var files = Files.list(temp.resolve("a/b"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("X.java");
    }
  }

  @Test
  void deletingAFileRemovesTheFoldersItLeavesEmptyButNotTheRoot() throws IOException {
    OutputFolder out = new OutputFolder(temp);
    out.writeIfChanged("a/b/X.java", "x");
    out.writeIfChanged("a/Y.java", "y");

    assertThat(out.delete("a/b/X.java")).isTrue();
    assertThat(temp.resolve("a/b")).doesNotExist();
    assertThat(temp.resolve("a/Y.java")).exists();
    assertThat(out.delete("a/Y.java")).isTrue();
    assertThat(temp).exists().isEmptyDirectory();
    assertThat(out.delete("a/Y.java")).isFalse();
  }
}
