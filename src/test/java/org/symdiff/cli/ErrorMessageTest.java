package org.symdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every mistake a user can make gets one message, exit code 2 and no stack trace. Mistakes in
 * text (the expression, a file, --wrt, --at) say file:line:col, show the line and put a caret
 * under the spot; mistakes in how the command is called say "symdiff: ...". A few messages are
 * compared in full so that a change of wording shows up in review.
 */
class ErrorMessageTest {
  private static final Pattern HEADER = Pattern.compile("(?<file>[^:\\n]+):(?<line>\\d+):(?<col>\\d+): error: (?<detail>.+)");

  @TempDir
  Path dir;

  @ParameterizedTest(name = "[{0}] at {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      x + * y                | 5  | unexpected '*'; expected an expression
      (x+y                   | 5  | expected ')' to close the '(' at line 1, column 1
      sin((x+y)*2            | 12 | ')' to close the '(' at line 1, column 4
      f(x                    | 4  | expected ',' or ')' to close the '(' at line 1, column 2
      (x+y))                 | 6  | unexpected ')'; no '(' is open here
      x+                     | 3  | unexpected end of input; expected an expression
      x^                     | 3  | unexpected end of input; expected an expression
      q = x +; f = q         | 8  | unexpected ';'; expected an expression
      2 x                    | 3  | unexpected name 'x'; expected an operator or end of statement
      max(x y)               | 7  | unexpected name 'y'; expected ',' or ')'
      x $ y                  | 3  | unexpected character '$'
      x + 𝑦                  | 5  | unexpected character '𝑦' (U+1D466)
      𝑥 + y                  | 1  | unexpected character '𝑥' (U+1D465)
      x − y                  | 3  | unexpected character '−' (U+2212)
      1..2                   | 3  | unexpected number '.2'
      sigmod(x)              | 1  | unknown function 'sigmod'; did you mean 'sigmoid'?
      foo(x)                 | 1  | unknown function 'foo'; known functions: abs, acos, asin, atan,
      max(x)                 | 1  | max takes 2 arguments, but 1 was given
      exp(x, y)              | 1  | exp takes 1 argument, but 2 were given
      exp                    | 1  | 'exp' is a function; call it as exp(...)
      q = x; q(2)            | 8  | 'q' is a variable, not a function; to multiply, write q * (...)
      x + x(2)               | 5  | 'x' is a variable, not a function
      q = x; q = y           | 8  | 'q' is already defined at line 1, column 1; each name is assigned once
      f = q * z; q = x + y   | 5  | 'q' is used before its assignment at line 1, column 12
      x; y                   | 1  | a bare expression must be the last statement
      1e999 * x              | 1  | number 1e999 is too large for a double
      ((x +))                | 6  | unexpected ')'; expected an expression
      ((x y))                | 5  | unexpected name 'y'; expected ')'
      (((x)) + ((sigmod(y))))| 12 | unknown function 'sigmod'; did you mean 'sigmoid'?
      """)
  void expressionMistakesPointAtTheSpot(String expression, int column, String detail) {
    CliRun run = CliRun.of(expression);
    assertOneSourceError(run, "<expr>", 1, column, expression);
    assertThat(run.err()).contains(detail);
  }

  @ParameterizedTest(name = "empty input [{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      ''
      '   '
      '# only a comment'
      ';'
      """)
  void emptyInputIsAnError(String expression) {
    CliRun run = CliRun.of(expression);
    assertOneSourceError(run, "<expr>", 1, 1, expression);
    assertThat(run.err()).contains("empty input: expected an expression");
  }

  @Test
  void errorsInFilesNameTheFileAndTheLine() throws IOException {
    Path file = write("model.sd", "# seed 003\nq = x + y\nf = q * * z\n");
    CliRun run = CliRun.of("-f", file.toString());
    assertOneSourceError(run, file.toString(), 3, 9, "f = q * * z");
  }

  @Test
  void aByteOrderMarkStartingAFileIsNotPartOfTheText() throws IOException {
    Path good = write("bom.sd", "\uFEFFf = x * x\n");
    assertThat(CliRun.of("-f", good.toString(), "--emit", "expr").out()).isEqualTo("df/dx = 2 * x\n");
    Path bad = write("bad.sd", "\uFEFFf = x + * y\n");
    assertOneSourceError(CliRun.of("-f", bad.toString()), bad.toString(), 1, 9, "f = x + * y");
  }

  @ParameterizedTest(name = "line break {0}")
  @CsvSource({"LF, '\n'", "CRLF, '\r\n'", "CR, '\r'"})
  void everyKindOfLineBreakCountsAsOneLine(String kind, String lineBreak) throws IOException {
    String program = String.join(lineBreak, "# seed 003", "", "x = 1", "y = x $ 2") + lineBreak;
    assertOneSourceError(CliRun.of(program), "<expr>", 4, 7, "y = x $ 2");
    Path file = write("breaks.sd", program);
    assertOneSourceError(CliRun.of("-f", file.toString()), file.toString(), 4, 7, "y = x $ 2");
    Path values = write("values.json", String.join(lineBreak, "{", "  \"x\": 1,", "  \"y\": two,", "  \"z\": 3", "}"));
    assertOneSourceError(CliRun.of("(x+y)*z", "--emit", "json", "--at", "@" + values), values.toString(), 3, 8, "  \"y\": two,");
    assertOneSourceError(CliRun.of("-f", write("after.sd", "f = x" + lineBreak + "g = f +").toString()),
        dir.resolve("after.sd").toString(), 2, 8, "g = f +");
  }

  @Test
  void aTabBeforeTheSpotKeepsTheCaretAligned() {
    CliRun run = CliRun.of("x +\t* y");
    assertThat(run.err()).endsWith("  x + * y\n      ^\n");
  }

  @ParameterizedTest(name = "--wrt {0}")
  @CsvSource(delimiter = '|', textBlock = """
      x,w      | 3 | 'w' is not an input (inputs: x, y, z)
      x, yy    | 4 | 'yy' is not an input; did you mean 'y'?
      x,,y     | 3 | empty name in the list
      x,x      | 3 | 'x' is listed twice
      ''       | 1 | empty name in the list
      """)
  void unknownWrtNamesAreUnderlinedInTheWrtText(String wrt, int column, String detail) {
    CliRun run = CliRun.of("(x+y)*z", "--wrt", wrt);
    assertOneSourceError(run, "--wrt", 1, column, wrt);
    assertThat(run.err()).contains(detail);
  }

  @ParameterizedTest(name = "--at {0}")
  @CsvSource(delimiter = '|', textBlock = """
      x=abc,y=1,z=2               | 3  | expected a number for 'x'
      x                           | 1  | expected name=value (or a JSON object)
      x=1,y=2,w=3                 | 9  | 'w' is not an input (inputs: x, y, z)
      x=1,y=2,x=3,z=1             | 9  | 'x' is given twice
      x=1,y=2                     | 1  | no value for z; every input needs one (inputs: x, y, z)
      '{"x": 1, "y": 2, "z": }'   | 23 | expected a number
      '{"x": 1, "y": 2, "z": 3'   | 24 | expected '}'
      '{"x": 1, "y": 2, "z": 3} x'| 26 | unexpected text after the JSON value
      '{"x": "a", "y": 2, "z": 3}'| 7  | 'x' is a scalar: expected a number
      '{"x": [1], "y": 2, "z": 3}'| 7  | 'x' is a scalar: expected a number
      '[1, 2, 3]'                 | 1  | expected a JSON object of input values
      x=NaN,y=1,z=2               | 3  | expected a number for 'x'
      x=1,y=Infinity,z=2          | 7  | expected a number for 'y'
      x=1d,y=1,z=2                | 3  | expected a number for 'x'
      x=1f,y=1,z=2                | 3  | expected a number for 'x'
      x=0x1p3,y=1,z=2             | 3  | expected a number for 'x'
      x=+1,y=1,z=2                | 3  | expected a number for 'x'
      x=1e400,y=1,z=2             | 3  | number 1e400 is too large for a double
      '{"x": NaN, "y": 2, "z": 3}'| 7  | expected a number
      '{"x": -Infinity, "y": 2, "z": 3}'| 7 | expected a number
      '{"x": 1d, "y": 2, "z": 3}' | 7  | expected a number
      '{"x": +1, "y": 2, "z": 3}' | 7  | expected a number
      '{"x": 1, "y": 2, "z": -1e400}'| 23 | number -1e400 is too large for a double
      """)
  void malformedPointsAreUnderlinedInTheAtText(String at, int column, String detail) {
    CliRun run = CliRun.of("(x+y)*z", "--emit", "json", "--at", at);
    assertOneSourceError(run, "--at", 1, column, at);
    assertThat(run.err()).contains(detail);
  }

  @Test
  void aNumberThatIsNotFiniteIsUnderlinedWhole() {
    assertThat(CliRun.of("(x+y)*z", "--emit", "json", "--at", "{\"x\": Infinity, \"y\": 2, \"z\": 3}").err())
        .isEqualTo("""
            --at:1:7: error: expected a number
              {"x": Infinity, "y": 2, "z": 3}
                    ^^^^^^^^
            """);
  }

  @Test
  void badJsonInAValuesFileNamesTheFileAndLine() throws IOException {
    Path values = write("values.json", "{\n  \"x\": 1,\n  \"y\": two,\n  \"z\": 3\n}\n");
    CliRun run = CliRun.of("(x+y)*z", "--emit", "json", "--at", "@" + values);
    assertOneSourceError(run, values.toString(), 3, 8, "  \"y\": two,");
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      (x+y)*z --emit json                  | --emit json needs a point: add --at, e.g. --at x=1,y=2
      (x+y)*z --emitt json                 | unknown option '--emitt'; did you mean '--emit'?
      --emitt json (x+y)*z                 | unknown option '--emitt'; did you mean '--emit'?
      --emitt                              | unknown option '--emitt'; did you mean '--emit'?
      x --wrtt x                           | unknown option '--wrtt'; did you mean '--wrt'?
      x --emit fortran                     | invalid value for option '--emit': expected one of [java, expr, json, markdown, latex, dot, svg, junit]
      x --wrt                              | missing required parameter for option '--wrt'
      x y                                  | unexpected argument 'y': give one expression, in quotes if it has spaces
      -- -x --emit expr                    | '--emit' comes after '--', where options end; put options before '--'
      x --class 1abc                       | --class 1abc is not a Java class name
      x --class class                      | --class class is not a Java class name
      x --package 1a.b                     | --package 1a.b is not a Java package name
      x --class var                        | --class var is not a Java class name
      x --class record                     | --class record is not a Java class name
      x --class yield                      | --class yield is not a Java class name
      x --class sealed                     | --class sealed is not a Java class name
      x --class permits                    | --class permits is not a Java class name
      x --package java                     | --package java cannot be used: the java package and those under it are reserved
      x --package java.lang                | --package java.lang cannot be used: the java package and those under it are reserved
      x --package javax.swing              | --package javax.swing cannot be used: it belongs to the JDK's module java.desktop
      x --at x=1                           | --at is for --check, --explain and --emit json, markdown, latex, dot or svg; --emit java does not evaluate anything
      x --emit expr --at x=1               | --at is for --check, --explain and --emit json, markdown, latex, dot or svg; --emit expr does not evaluate anything
      x -f nowhere/missing.sd              | give an expression or -f FILE, not both
      -f nowhere/missing.sd                | cannot read nowhere/missing.sd: no such file
      x --emit json --at @nowhere/v.json   | cannot read nowhere/v.json: no such file
      ''                                   | no expression: try symdiff "(x+y)*z", or symdiff --help
      """)
  void usageMistakesGetOneLineAndExit2(String command, String message) {
    CliRun run = CliRun.of(command.isEmpty() ? new String[0] : command.split(" "));
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertNoStackTrace(run);
    String first = run.err().lines().findFirst().orElseThrow();
    assertThat(first).startsWith("symdiff: ").contains(message);
    assertThat(run.err().lines().skip(1))
        .allMatch(line -> line.equals("Try 'symdiff --help' for the options and examples."));
  }

  @Test
  void aFolderIsNotAProgramFile() {
    CliRun run = CliRun.of("-f", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("symdiff: cannot read " + dir + ": it is a directory\n");
  }

  @Test
  void expressionOutputIntoAFolderIsRefused() {
    CliRun run = CliRun.of("x", "--emit", "expr", "-o", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("is a directory; --emit expr writes one file: give its name");
  }

  @Test
  void aJavaFileMustBeNamedAfterItsClass() {
    Path target = dir.resolve("F.java");
    CliRun run = CliRun.of("(x+y)*z", "--class", "G", "-o", target.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("symdiff: --class G does not match -o " + target
        + ": Java wants class G in G.java\n");
    assertThat(target).doesNotExist();
    CliRun dashed = CliRun.of("x", "-o", dir.resolve("my-class.java").toString());
    assertThat(dashed.exit()).isEqualTo(2);
    assertThat(dashed.err()).contains("a Java file is named after its class, and my-class is not a Java class name");
  }

  @Test
  void anEmptyOutputPathIsAUsageError() {
    CliRun run = CliRun.of("x", "-o", "");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("symdiff: -o needs a file or folder name\n");
  }

  // ---- full snapshots: the exact text a user sees

  @Test
  void snapshotUnclosedParenthesis() {
    assertThat(CliRun.of("(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2").err()).isEqualTo("""
        <expr>:1:41: error: unexpected end of input; expected ')' to close the '(' at line 1, column 20
          (x + sigmoid(y)) / (sigmoid(x) + (x+y)^2
                                                  ^
        """);
  }

  @Test
  void snapshotUnknownFunction() {
    assertThat(CliRun.of("x * sigmod(x + y)").err()).isEqualTo("""
        <expr>:1:5: error: unknown function 'sigmod'; did you mean 'sigmoid'?
          x * sigmod(x + y)
              ^^^^^^
        """);
  }

  @Test
  void snapshotUseBeforeAssignment() {
    assertThat(CliRun.of("f = q * z; q = x + y").err()).isEqualTo("""
        <expr>:1:5: error: 'q' is used before its assignment at line 1, column 12; assign it before using it
          f = q * z; q = x + y
              ^
        """);
  }

  @Test
  void snapshotReassignmentInAFile() throws IOException {
    Path file = write("seed003.sd", "q = x + y\nf = q * z\nq = y\n");
    assertThat(CliRun.of("-f", file.toString()).err()).isEqualTo(file + """
        :3:1: error: 'q' is already defined at line 1, column 1; each name is assigned once
          q = y
          ^
        """);
  }

  @Test
  void snapshotUnknownWrtName() {
    assertThat(CliRun.of("(x+y)*z", "--wrt", "x,zz").err()).isEqualTo("""
        --wrt:1:3: error: 'zz' is not an input; did you mean 'z'? (inputs: x, y, z)
          x,zz
            ^^
        """);
  }

  @Test
  void snapshotBadNumberInAt() {
    assertThat(CliRun.of("(x+y)*z", "--emit", "json", "--at", "x=-2,y=5e,z=-4").err()).isEqualTo("""
        --at:1:8: error: expected a number for 'y'
          x=-2,y=5e,z=-4
                 ^^
        """);
  }

  @Test
  void snapshotUnknownOption() {
    assertThat(CliRun.of("(x+y)*z", "--emitt", "json").err()).isEqualTo("""
        symdiff: unknown option '--emitt'; did you mean '--emit'?
        Try 'symdiff --help' for the options and examples.
        """);
  }

  // ----

  /** Exit 2, nothing on stdout, and on stderr exactly: header, the source line, a caret under column. */
  private static void assertOneSourceError(CliRun run, String file, int line, int column, String sourceLine) {
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertNoStackTrace(run);
    String[] lines = run.err().split("\n", -1);
    assertThat(lines).as(run.err()).hasSize(4);
    assertThat(lines[3]).isEmpty();
    Matcher header = HEADER.matcher(lines[0]);
    assertThat(header.matches()).as(lines[0]).isTrue();
    assertThat(header.group("file")).isEqualTo(file);
    assertThat(Integer.parseInt(header.group("line"))).as(run.err()).isEqualTo(line);
    assertThat(Integer.parseInt(header.group("col"))).as(run.err()).isEqualTo(column);
    assertThat(lines[1]).isEqualTo("  " + sourceLine.replace('\t', ' '));
    assertThat(lines[2]).as(run.err()).matches("  " + " ".repeat(column - 1) + "\\^+");
  }

  private static void assertNoStackTrace(CliRun run) {
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("\tat ");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
