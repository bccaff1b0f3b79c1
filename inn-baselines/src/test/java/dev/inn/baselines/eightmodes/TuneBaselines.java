package dev.inn.baselines.eightmodes;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.problems.mixture.GaussianMixture8;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Hand-run exploration: -Dinn.tune=name -Dinn.tune.settings=k=v,k=v -Dinn.tune.n=20000. */
@EnabledIfSystemProperty(named = "inn.tune", matches = ".+")
class TuneBaselines {

  @Test
  void tune() {
    String name = System.getProperty("inn.tune");
    Map<String, Object> s = new HashMap<>();
    s.put("threads", 1);
    String spec = System.getProperty("inn.tune.settings", "");
    for (String kv : spec.split(",")) {
      if (kv.isBlank()) {
        continue;
      }
      String[] p = kv.split("=");
      Object v;
      if (p[1].equals("true") || p[1].equals("false")) {
        v = Boolean.parseBoolean(p[1]);
      } else if (p[1].matches("-?\\d+")) {
        v = Integer.parseInt(p[1]);
      } else {
        v = Double.parseDouble(p[1]);
      }
      s.put(p[0], v);
    }
    PosteriorMethod m = EightModes.method(name, s);
    double sec = EightModes.train(m, Integer.getInteger("inn.tune.n", 20000), 1);
    StringBuilder b = new StringBuilder();
    for (int label = 0; label < 4; label++) {
      Matrix x = m.sample(GaussianMixture8.oneHot(label), 2000, 100 + label);
      b.append(String.format(" label%d %.3f cover %d", label, EightModes.onLabel(x, label),
          EightModes.componentsCovered(x, label, 0.1)));
    }
    System.out.printf("TUNE %s %s: %.1f s, on-label mean %.3f;%s%n", name, s, sec, EightModes.onLabel(m, 2000), b);
  }
}
