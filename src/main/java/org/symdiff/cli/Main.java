package org.symdiff.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.symdiff.Symdiff;
import org.symdiff.ast.Source;
import org.symdiff.ast.SourceError;
import org.symdiff.diff.Gradient;
import org.symdiff.emit.ExprEmitter;
import org.symdiff.emit.JavaEmitter;
import org.symdiff.emit.JavaLimits;
import org.symdiff.emit.DotEmitter;
import org.symdiff.emit.JsonEmitter;
import org.symdiff.emit.SecondOrder;
import org.symdiff.emit.TableEmitter;
import org.symdiff.emit.TestEmitter;
import org.symdiff.eval.Evaluator;
import org.symdiff.graph.Model;
import org.symdiff.graph.Node;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code symdiff} command. Exit codes: 0 ok, 1 gradient check failed, 2 bad input or usage,
 * 70 internal error.
 */
@Command(
    name = "symdiff",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Differentiates an expression or a .sd program exactly (reverse mode) and writes the "
            + "gradient as readable Java, as closed-form expressions, or as numbers.", ""},
    // the footer's text is Help.footer(), made from the primitive table
    footerHeading = "%nExamples:%n")
public final class Main implements Callable<Integer> {

  enum Format { java, expr, json, markdown, latex, dot, svg, junit }

  @Parameters(arity = "0..1", paramLabel = "EXPR",
      description = "An expression or inline program, e.g. \"(x+y)*z\" or \"q = x + y; f = q * z\".")
  String expression;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE.sd", description = "Read the program from a file.")
  Path file;

  @Option(names = "--wrt", paramLabel = "a,b",
      description = "Differentiate with respect to these (default: every input of an expression, every param of a program).")
  String wrt;

  @Option(names = "--emit", paramLabel = "FORMAT", defaultValue = "java",
      description = "java (default), expr (one closed-form line per variable), json (needs --at), "
          + "markdown or latex (the forward and backward passes as tables, one equation per row), "
          + "dot or svg (the computational graph; svg needs Graphviz), junit (a JUnit 5 test of the "
          + "java class: its gradient against central differences). With --at, tables and graphs show "
          + "the numbers too.")
  Format emit;

  @Option(names = "--hvp", description = "Second derivatives: the Hessian-vector product (java: hvp(..., v, Hv); json: \"hvp\" along --direction).")
  boolean hvp;

  @Option(names = "--hessian", description = "Second derivatives: the full Hessian (java: hessian(..., H); json: \"hessian\"; expr: d2f/dxdy lines).")
  boolean hessian;

  @Option(names = "--hide-constants", description = "With --emit dot or svg: leave out constants and the gates no --wrt variable reaches.")
  boolean hideConstants;

  @Option(names = "--standalone", description = "With --emit latex: a whole document (for pdflatex), not a fragment.")
  boolean standalone;

  @Option(names = "--superscripts", description = "In tables, write a layer number as a superscript: W1 as W^(1), not W_1.")
  boolean superscripts;

  @Option(names = "--at", paramLabel = "POINT",
      description = "Where to evaluate: a=1,b=-2, a JSON object '{\"x\":[2,5]}', or @values.json.")
  String at;

  @Option(names = "--explain", paramLabel = "NAME",
      description = "Write out the chain rule for one variable, or one entry of it (W2[0,1], 0-based), at --at: "
          + "the sum over every path from the output down to it of the local derivatives' product.")
  String explain;

  @Option(names = "--check",
      description = "Compare the gradient with finite differences at --at (or at 5 random points, 1 above 100,000 gates); exit 1 on a mismatch. "
          + "With -o, the report goes to that file.")
  boolean check;

  @Option(names = "--stats",
      description = "Instead of the Java class, print what it computes per call: the multiplications and divisions, "
          + "additions, comparisons and calls of its forward and backward sections, and the gradient/value cost ratio "
          + "(Baur-Strassen bound: 3). Counts grow with runtime dimensions: 100,352*N + 10.")
  boolean stats;

  @Option(names = "--class", paramLabel = "NAME", description = "Java class name (default: Expression, or from the file name).")
  String className;

  @Option(names = "--package", paramLabel = "PKG", defaultValue = "", description = "Java package (default: none).")
  String packageName;

  @Option(names = {"-o", "--output"}, paramLabel = "PATH",
      description = "Write here instead of standard output. For java, a folder (one that exists, or a name "
          + "ending in /) gets PKG/NAME.java; a file NAME.java gets the class NAME.")
  String output;

  /** {@link #output}, checked; null for standard output. */
  private OutputPath target;

  /** The formats that evaluate at --at. */
  private static final java.util.Set<Format> EVALUATING =
      java.util.EnumSet.of(Format.json, Format.markdown, Format.latex, Format.dot, Format.svg);


  @Spec
  CommandSpec spec;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command (on a thread with a deep stack, for deeply nested input) and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Symdiff.onDeepStack(() -> execute(args, out, err));
  }

  private static int execute(String[] args, PrintStream out, PrintStream err) {
    Main main = new Main();
    main.out = out;
    main.err = err;
    CommandLine cli = new CommandLine(main)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUnmatchedOptionsArePositionalParams(true)
        .setExpandAtFiles(false) // --at @values.json is ours: picocli would splice the file into the arguments
        .setOut(new java.io.PrintWriter(out, true))
        .setErr(new java.io.PrintWriter(err, true));
    cli.getCommandSpec().usageMessage().footer(Help.footer());
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("symdiff: " + ArgumentErrors.describe(e, a));
      err.println("Try 'symdiff --help' for the options and examples.");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, c, p) -> {
      if (e instanceof SourceError s) {
        err.println(s.render());
        return 2;
      }
      if (e instanceof UsageError u) {
        err.println("symdiff: " + u.getMessage());
        return 2;
      }
      err.println("symdiff: internal error: " + e);
      if (System.getenv("SYMDIFF_DEBUG") != null) e.printStackTrace(err);
      else err.println("(set SYMDIFF_DEBUG=1 to see where; please report it with the input)");
      return 70;
    });
    return cli.execute(DashExpressions.mark(args, cli.getCommandSpec()));
  }

  /** A mistake in how the command was called. */
  static final class UsageError extends RuntimeException {
    UsageError(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() {
    try {
      return generate();
    } catch (StackOverflowError e) {
      throw new UsageError("the input is nested too deeply");
    }
  }

  private int generate() {
    target = output == null ? null : OutputPath.of(output);
    if (at != null && !check && explain == null && !EVALUATING.contains(emit)) {
      throw new UsageError("--at is for --check, --explain and --emit json, markdown, latex, dot or svg; --emit " + emit
          + " does not evaluate anything");
    }
    if (standalone && emit != Format.latex) throw new UsageError("--standalone is for --emit latex");
    if (hideConstants && emit != Format.dot && emit != Format.svg) throw new UsageError("--hide-constants is for --emit dot or svg");
    if (superscripts && emit != Format.latex && emit != Format.markdown) {
      throw new UsageError("--superscripts is for --emit markdown or latex");
    }
    Source source = source();
    Model model = Symdiff.load(source);
    if (emit == Format.java && !stats && !check && explain == null && !hvp && !hessian && model.hasScalarOutput()) {
      // what would refuse the class after differentiating, refused before where it is known: -o and --class first
      javaClassName(false);
      JavaLimits.requireFits(model, wrt == null ? model.defaultWrt() : Symdiff.wrt(model, new Source("--wrt", wrt)));
    }
    Gradient gradient = differentiate(model);
    if (check && explain != null) throw new UsageError("give --check or --explain, not both");
    HigherOrder higher = new HigherOrder(hvp, hessian);
    higher.requireSupported(model, emit, check, explain != null, stats);
    if (stats) {
      if (check || explain != null || emit != Format.java) {
        throw new UsageError("--stats counts the operations of the Java class: give it without --check, --explain and --emit");
      }
      write(JavaEmitter.certificate(model, gradient).report(model.outputName()));
      return 0;
    }
    if (check) return target == null ? checkRun(out).check(model, gradient, higher) : checkIntoFile(model, gradient, higher);
    if (explain != null) {
      write(Explanation.of(explain, at, model));
      return 0;
    }
    switch (emit) {
      case java -> writeJava(model, gradient, false);
      case junit -> writeJava(model, gradient, true);
      case expr -> write(!higher.applies(model) ? ExprEmitter.emit(model, gradient)
          : (model.hasScalarOutput() ? ExprEmitter.emit(model, gradient) : "") + higher.expr(model, gradient));
      case json -> {
        if (at == null) throw new UsageError("--emit json needs a point: add --at, e.g. --at x=1,y=2");
        CheckRun.Evaluation point = checkRun(out).evaluation(model, gradient, false);
        write(higher.applies(model) ? higher.json(point.model(), point.gradient(), point.values())
            : JsonEmitter.emit(Evaluator.gradient(point.gradient(), point.values())));
      }
      case markdown, latex -> {
        TableEmitter.Options options = new TableEmitter.Options(emit == Format.markdown
            ? TableEmitter.Format.MARKDOWN : TableEmitter.Format.LATEX, standalone, superscripts);
        if (at == null) {
          write(TableEmitter.emit(model, gradient, options));
        } else {
          Point.Bound point = Point.parse(at, model);
          write(TableEmitter.emit(model, gradient, options, point.model(), differentiate(point.model()), point.values()));
        }
      }
      case dot, svg -> {
        String graph;
        if (at == null) {
          graph = DotEmitter.emit(model, gradient, hideConstants, null);
        } else {
          Point.Bound point = Point.parse(at, model);
          graph = DotEmitter.emit(point.model(), differentiate(point.model()), hideConstants, point.values());
        }
        write(emit == Format.dot ? graph : Graphviz.svg(graph));
      }
    }
    return 0;
  }

  /** The gradient with respect to --wrt, or to the model's default variables. */
  private Gradient differentiate(Model model) {
    if (!model.hasScalarOutput()) {
      // a Jacobian's: the gradient of its first output carries the --wrt list to the emitters, which read no more of it
      List<Node> variables = wrt == null ? model.defaultWrt() : Symdiff.wrt(model, new Source("--wrt", wrt));
      return org.symdiff.diff.ReverseSweep.differentiate(model.graph(), model.output(), variables);
    }
    return wrt == null ? Symdiff.differentiate(model) : Symdiff.differentiate(model, new Source("--wrt", wrt));
  }

  private Source source() {
    expression = DashExpressions.unmark(expression);
    if (expression != null && file != null) {
      throw new UsageError("give an expression or -f FILE, not both");
    }
    if (file != null) return new Source(file.toString(), TextFiles.read(file));
    if (expression == null) throw new UsageError("no expression: try symdiff \"(x+y)*z\", or symdiff --help");
    // "--x" is an option that does not exist, unless '--' came first and made it an expression.
    if (expression.startsWith("--") && !spec.commandLine().getParseResult().originalArgs().contains("--")) {
      throw new UsageError(ArgumentErrors.unknownOption(expression, spec));
    }
    return new Source("<expr>", expression);
  }

  /** --check with -o: the report goes to the file, written once it is complete. */
  private int checkIntoFile(Model model, Gradient gradient, HigherOrder higher) {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int code = checkRun(new PrintStream(report, true, StandardCharsets.UTF_8)).check(model, gradient, higher);
    write(report.toString(StandardCharsets.UTF_8));
    return code;
  }

  /** --check and --at as this command's options say, reporting to {@code report}. */
  private CheckRun checkRun(PrintStream report) {
    return new CheckRun(at, report, this::differentiate);
  }

  /** The generated class, or ({@code test}) its JUnit test, {@code NameTest} in NameTest.java. */
  private void writeJava(Model model, Gradient gradient, boolean test) {
    String name = javaClassName(test);
    String java = test ? TestEmitter.emit(model, gradient, packageName, name)
        : JavaEmitter.emit(model, gradient, new SecondOrder(hvp, hessian), packageName, name);
    if (target != null && target.isDirectory()) {
      String file = name + (test ? "Test" : "") + ".java";
      TextFiles.writeAtomically(target.path().resolve(packageName.replace('.', '/')).resolve(file), java);
    } else {
      write(java);
    }
  }

  /** The class --class, -o and the file name give, checked with --package; for a test, the class it tests. */
  private String javaClassName(boolean test) {
    return JavaClassName.choose(target, className, packageName, file, test);
  }

  private void write(String text) {
    if (target == null) {
      out.print(text);
      out.flush();
    } else if (target.isDirectory()) {
      throw new UsageError("-o " + target + " is a directory; " + (check ? "--check" : "--emit " + emit)
          + " writes one file: give its name");
    } else {
      TextFiles.writeAtomically(target.path(), text);
    }
  }

  /** The version from the jar's manifest (set by Maven), or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"symdiff " + (version == null ? "dev" : version)};
    }
  }
}
