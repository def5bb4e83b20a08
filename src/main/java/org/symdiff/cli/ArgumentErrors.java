package org.symdiff.cli;

import java.util.Arrays;
import java.util.List;
import org.symdiff.graph.Suggestions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Words picocli's complaints about the command line for people: an unknown option gets a
 * did-you-mean, a stray word is called what it is. The expression itself is one argument.
 */
final class ArgumentErrors {
  private ArgumentErrors() {}

  static String describe(ParameterException e, String[] args) {
    if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return lowerFirst(e.getMessage());
    }
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    // With unknown options taken as the expression, "--emitt json" leaves "json" unmatched.
    Object expression = spec.positionalParameters().isEmpty() ? null : spec.positionalParameters().get(0).getValue();
    List<String> given = Arrays.asList(args);
    int optionsEnd = given.contains("--") ? given.indexOf("--") : given.size();
    if (expression instanceof String s && s.startsWith("--") && given.indexOf(s) < optionsEnd) {
      return unknownOption(s, spec);
    }
    String stray = DashExpressions.unmark(unmatched.getUnmatched().get(0));
    if (stray.startsWith("-") && given.lastIndexOf(stray) > optionsEnd) {
      return "'" + stray + "' comes after '--', where options end; put options before '--'";
    }
    if (stray.startsWith("--")) return unknownOption(stray, spec);
    return "unexpected argument '" + stray + "': give one expression, in quotes if it has spaces"
        + " (symdiff \"x * y\")";
  }

  static String unknownOption(String arg, CommandSpec spec) {
    String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    List<String> known = spec.options().stream().map(OptionSpec::longestName).toList();
    return "unknown option '" + name + "'" + Suggestions.didYouMean(name, known);
  }

  private static String lowerFirst(String message) {
    return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }
}
