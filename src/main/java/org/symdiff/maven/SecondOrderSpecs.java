package org.symdiff.maven;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.symdiff.emit.SecondOrder;

/**
 * Which specs get {@code hvp} and {@code hessian}: the plugin's {@code <hvp>} and {@code <hessian>},
 * each {@code true} (every spec), {@code false} or empty (none), or a comma-separated list of specs
 * by their path under the source folder ({@code demo/circle_net.sd}). With {@code strict}, a listed
 * spec that is not there is an error (the main goal's; the test goal shares the settings).
 */
record SecondOrderSpecs(String hvp, String hessian, boolean strict) {
  static final SecondOrderSpecs NONE = new SecondOrderSpecs(null, null, false);

  @Override
  public String toString() {
    return hvp + "/" + hessian;
  }

  SecondOrder of(String key) {
    return new SecondOrder(applies(hvp, key), applies(hessian, key));
  }

  private static boolean applies(String setting, String key) {
    if (setting == null || setting.isBlank() || setting.strip().equals("false")) return false;
    return setting.strip().equals("true") || names(setting).contains(key);
  }

  private static List<String> names(String setting) {
    return Arrays.stream(setting.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** A message for each listed spec that does not exist, naming the parameter and the specs there are. */
  List<String> unknown(List<Specs.Spec> specs) {
    Set<String> keys = specs.stream().map(Specs.Spec::key).collect(Collectors.toSet());
    List<String> errors = new ArrayList<>();
    if (!strict) return errors;
    for (String[] setting : new String[][] {{"hvp", hvp}, {"hessian", hessian}}) {
      String value = setting[1];
      if (value == null || value.strip().equals("true") || value.strip().equals("false")) continue;
      for (String name : names(value)) {
        if (!keys.contains(name)) {
          errors.add("<" + setting[0] + ">: '" + name + "' is not a spec under the source folder (specs: "
              + String.join(", ", keys.stream().sorted().toList()) + "; or give true for every spec)");
        }
      }
    }
    return errors;
  }
}
