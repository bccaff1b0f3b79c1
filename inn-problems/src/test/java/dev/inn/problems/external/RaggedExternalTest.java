package dev.inn.problems.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.problems.store.SimulationBatch;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ragged replies with the shipped examples: sets in npy framing (Python), sequences in text framing (shell). */
class RaggedExternalTest {

  static final Path EXAMPLES = ExternalProblemTest.EXAMPLES;

  static ExternalProblem problem(String command, String framing, String kind, List<String> prior, Object... extra) {
    Map<String, Object> s = new HashMap<>();
    s.put("command", command);
    s.put("framing", framing);
    s.put("prior", prior);
    s.put("observations", List.of("y"));
    s.put("observation", kind);
    s.put("workers", 2);
    s.put("batch", 25);
    for (int i = 0; i < extra.length; i += 2) {
      s.put((String) extra[i], extra[i + 1]);
    }
    return (ExternalProblem) created(new ExternalProblemProvider(), s);
  }

  static final List<String> SET_PRIOR = List.of("mu ~ normal(0, 1)", "log_sigma ~ uniform(-1, 0)");
  static final String SETS = "python3 " + EXAMPLES.resolve("python/trial_sets.py");

  static void assumeNumpy() {
    ExternalProblemTest.assumePython();
  }

  @Test
  void setsArriveWithTheirSizesTheSameWhateverTheWorkers() {
    assumeNumpy();
    try (ExternalProblem two = problem(SETS, "npy", "set", SET_PRIOR);
        ExternalProblem one = problem(SETS, "npy", "set", SET_PRIOR, "workers", 1)) {
      assertThat(two.observationShape()).isEqualTo(new ObservationShape.Set(1));
      SimulationBatch a = two.simulate(0, 200, 5);
      assertThat(one.simulate(0, 200, 5).data()).isEqualTo(a.data());
      Dataset d = a.data();
      assertThat(d.ragged()).isTrue();
      double meanError = 0;
      for (int i = 0; i < d.size(); i++) {
        int n = d.lengths()[i];
        assertThat(n).isBetween(5, 100);
        double mean = 0;
        for (int k = 0; k < n; k++) {
          mean += d.y().get(i, k) / n;
        }
        for (int k = n; k < d.y().cols(); k++) {
          assertThat(d.y().get(i, k)).isZero();
        }
        // the set's mean is mu up to sigma / sqrt(n) <= 1 / sqrt(5)
        meanError += Math.abs(mean - d.x().get(i, 0)) / d.size();
      }
      assertThat(meanError).isLessThan(0.2);
    }
  }

  @Test
  void emptySetsAreRedrawnAndTooLongOnesAreAProtocolError() {
    assumeNumpy();
    try (ExternalProblem p = problem(SETS + " --empty-below -1.5", "npy", "set", SET_PRIOR)) {
      SimulationBatch b = p.simulate(0, 100, 2);
      assertThat(b.invalid().nonFinite()).isGreaterThan(0);
      assertThat(java.util.Arrays.stream(b.data().lengths()).min().getAsInt()).isGreaterThanOrEqualTo(5);
    }
    try (ExternalProblem p = problem(SETS, "npy", "set", SET_PRIOR, "max_length", 50)) {
      assertThatThrownBy(() -> p.simulate(0, 50, 2)).hasMessageContaining("a length is a whole number from 0 to"
          + " max_length = 50");
    }
  }

  @Test
  void sequencesInTextFraming() {
    try (ExternalProblem p = problem("sh " + EXAMPLES.resolve("shell/random_walk.sh"), "text", "sequence",
        List.of("drift ~ uniform(-1, 1)", "noise ~ uniform(0.1, 1)"))) {
      Dataset d = p.simulate(0, 60, 9).data();
      assertThat(p.observationShape()).isEqualTo(new ObservationShape.Sequence(1));
      for (int i = 0; i < d.size(); i++) {
        int t = d.lengths()[i];
        assertThat(t).isBetween(20, 60);
        // the walk's last position is drift * T up to noise * sqrt(T)
        double last = d.y().get(i, t - 1);
        assertThat(Math.abs(last - d.x().get(i, 0) * t)).isLessThan(5 * d.x().get(i, 1) * Math.sqrt(t) + 1e-3);
      }
    }
  }

  /** The provider's problem for these settings, merged and checked as a suite would. */
  private static Problem created(ProblemProvider provider, Map<String, ?> settings) {
    return provider.create(provider.settings(settings));
  }
}
