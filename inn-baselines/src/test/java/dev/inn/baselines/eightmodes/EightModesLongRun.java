package dev.inn.baselines.eightmodes;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.problems.mixture.GaussianMixture8;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not part of CI: every baseline with (close to) its paper recipe and a longer training on 8
 * modes, printing the share of samples on a component of the right label and how many of a
 * label's components receive at least 10 % of its samples. Run by hand:
 * {@code mvn -o -q test -pl inn-baselines -am -Dtest=EightModesLongRun -Dsurefire.failIfNoSpecifiedTests=false
 * -Dinn.longrun=all} (or a comma-separated list of method names; {@code -Dinn.longrun.settings=k=v,...}
 * overrides settings).
 */
@EnabledIfSystemProperty(named = "inn.longrun", matches = ".+")
class EightModesLongRun {

  private static Map<String, Map<String, Object>> recipes() {
    Map<String, Map<String, Object>> r = new LinkedHashMap<>();
    // 8 modes: the appendix weights reconstruction 50:1 and uses 3 layers
    r.put("cvae", Map.of("steps", 4000, "layers", 3, "recon_weight", 50.0));
    r.put("cvae-iaf", Map.of("steps", 4000, "layers", 3, "recon_weight", 50.0));
    r.put("dropout-nn", Map.of("steps", 4000));
    r.put("cgan", Map.of("steps", 4000));
    // the full 2 x 1024 nets take about a second per step on one core; a quarter of the width here
    r.put("cgan-large", Map.of("steps", 1500, "hidden", 256, "disc_hidden", 256));
    r.put("generator-mmd", Map.of("steps", 4000));
    return r;
  }

  /** -Dinn.longrun.settings=key=value,... applied on top of every recipe (numbers and booleans). */
  private static Map<String, Object> overrides() {
    Map<String, Object> o = new LinkedHashMap<>();
    for (String kv : System.getProperty("inn.longrun.settings", "").split(",")) {
      if (kv.isBlank()) {
        continue;
      }
      String[] p = kv.split("=", 2);
      Object v = p[1].equals("true") || p[1].equals("false") ? (Object) Boolean.parseBoolean(p[1])
          : p[1].matches("-?\\d+") ? (Object) Integer.parseInt(p[1]) : (Object) Double.parseDouble(p[1]);
      o.put(p[0], v);
    }
    return o;
  }

  @Test
  void measure() {
    String which = System.getProperty("inn.longrun");
    for (Map.Entry<String, Map<String, Object>> e : recipes().entrySet()) {
      if (!which.equals("all") && !(("," + which + ",").contains("," + e.getKey() + ","))) {
        continue;
      }
      Map<String, Object> s = new LinkedHashMap<>(e.getValue());
      s.put("threads", 1);
      s.putAll(overrides());
      PosteriorMethod m = EightModes.method(e.getKey(), s);
      double seconds = EightModes.train(m, 100_000, 1);
      StringBuilder b = new StringBuilder();
      for (int label = 0; label < EightModes.LABELS; label++) {
        Matrix x = m.sample(GaussianMixture8.oneHot(label), 4000, 100 + label);
        b.append(String.format(" | label %d: %.3f, %d/%d components", label, EightModes.onLabel(x, label),
            EightModes.componentsCovered(x, label, 0.1), EightModes.PROBLEM.componentsWithLabel(label).length));
      }
      System.out.printf("LONGRUN %s %s: %.0f s, on-label mean %.3f%s%n", e.getKey(), s, seconds,
          EightModes.onLabel(m, 4000), b);
    }
  }
}
