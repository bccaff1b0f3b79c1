package dev.inn.problems.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Simulation;
import dev.inn.api.settings.Settings;
import dev.inn.problems.store.SimulationBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocol with the shipped Python (npy framing) and shell (text framing) examples. */
class ExternalProblemTest {

  static final Path EXAMPLES = Path.of("..", "examples", "simulators").toAbsolutePath().normalize();
  static final String PYTHON = "python3 " + EXAMPLES.resolve("python/sum_product.py");
  static final String SHELL = "sh " + EXAMPLES.resolve("shell/sum_product.sh");

  static ExternalProblem problem(String command, String framing, Object... extra) {
    Map<String, Object> s = new HashMap<>();
    s.put("command", command);
    s.put("framing", framing);
    s.put("prior", List.of("a ~ uniform(0, 1)", "b ~ uniform(0, 1)"));
    s.put("observations", List.of("sum", "product"));
    s.put("workers", 2);
    s.put("batch", 25);
    for (int i = 0; i < extra.length; i += 2) {
      s.put((String) extra[i], extra[i + 1]);
    }
    return (ExternalProblem) created(new ExternalProblemProvider(), s);
  }

  /** y matches the model (a + b, a b) within the simulator's noise sd 0.05, x inside the prior. */
  private static void assertModel(Dataset d, int n) {
    assertThat(d.size()).isEqualTo(n);
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      float a = d.x().get(i, 0);
      float b = d.x().get(i, 1);
      assertThat(a).isStrictlyBetween(0f, 1f);
      assertThat(b).isStrictlyBetween(0f, 1f);
      double r1 = d.y().get(i, 0) - (a + b);
      double r2 = d.y().get(i, 1) - a * b;
      assertThat(Math.abs(r1)).isLessThan(0.3);
      assertThat(Math.abs(r2)).isLessThan(0.3);
      sumSq += r1 * r1 + r2 * r2;
    }
    // the residuals have the simulator's noise level, not zero (noise is drawn) and not more
    double sd = Math.sqrt(sumSq / (2 * n));
    assertThat(sd).isBetween(0.04, 0.06);
  }

  @Test
  void pythonSimulatorIsDeterministicWhateverTheWorkers() {
    assumePython();
    try (ExternalProblem two = problem(PYTHON, "npy"); ExternalProblem one = problem(PYTHON, "npy", "workers", 1)) {
      SimulationBatch a = two.simulate(0, 400, 11);
      assertModel(a.data(), 400);
      assertThat(a.invalid().total()).isZero();
      SimulationBatch b = one.simulate(0, 400, 11);
      assertThat(b.data()).isEqualTo(a.data());
      assertThat(two.simulate(0, 400, 12).data()).isNotEqualTo(a.data());
      // rows are seeded by their index in the run: a call for rows 200.. (a multiple of the
      // 100-row batch) repeats the longer run's rows
      Dataset tail = one.simulate(200, 200, 11).data();
      assertThat(tail.x()).isEqualTo(a.data().x().rows(200, 400));
      assertThat(tail.y()).isEqualTo(a.data().y().rows(200, 400));
    }
  }

  @Test
  void pythonSpeaksTextFramingToo() {
    assumePython();
    try (ExternalProblem p = problem(PYTHON, "text")) {
      assertModel(p.simulate(0, 100, 3).data(), 100);
    }
  }

  @Test
  void shellSimulatorIsDeterministicWhateverTheWorkers() {
    try (ExternalProblem two = problem(SHELL, "text"); ExternalProblem one = problem(SHELL, "text", "workers", 1)) {
      Dataset a = two.simulate(0, 300, 5).data();
      assertModel(a, 300);
      assertThat(one.simulate(0, 300, 5).data()).isEqualTo(a);
    }
  }

  @Test
  void nanRowsAreDroppedCountedAndReplaced() {
    assumePython();
    for (ExternalProblem p : List.of(problem(PYTHON + " --nan-above 0.8", "npy"),
        problem(SHELL + " --nan-above 0.8", "text"))) {
      try (p) {
        SimulationBatch b = p.simulate(0, 200, 9);
        assertThat(b.data().size()).isEqualTo(200);
        assertThat(b.invalid().nonFinite()).isBetween(20L, 90L);
        assertThat(b.invalid().timeouts() + b.invalid().crashes()).isZero();
        for (int i = 0; i < 200; i++) {
          assertThat(b.data().x().get(i, 0)).isLessThanOrEqualTo(0.8f);
          assertThat(Float.isFinite(b.data().y().get(i, 0))).isTrue();
        }
        // the re-simulation marks such rows invalid instead of inventing values
        Simulation s = p.simulator().orElseThrow().simulate(b.data().x().rows(0, 10), 3);
        assertThat(s.invalidCount()).isZero();
      }
    }
    try (ExternalProblem p = problem(PYTHON + " --nan-above 0.5", "npy")) {
      assertThatThrownBy(() -> p.simulate(0, 200, 9)).isInstanceOf(TooManyInvalidSimulationsException.class)
          .hasMessageContaining("with NaN/inf output").hasMessageContaining("max_invalid_fraction");
    }
  }

  @Test
  void crashedBatchesAreRetriedOnAFreshProcessAndReportedWithStderr() {
    assumePython();
    for (String cmd : List.of(PYTHON + " --crash-every 4", SHELL + " --crash-every 4")) {
      String framing = cmd.startsWith("python3") ? "npy" : "text";
      try (ExternalProblem p = problem(cmd, framing, "workers", 1, "max_invalid_fraction", 0.5)) {
        SimulationBatch b = p.simulate(0, 150, 2);
        assertModel(b.data(), 150);
        assertThat(b.invalid().crashes()).isGreaterThanOrEqualTo(25);
        assertThat(b.invalid().stderrTail()).contains("deliberate crash");
      }
      try (ExternalProblem p = problem(cmd, framing, "workers", 1, "max_invalid_fraction", 0.1)) {
        assertThatThrownBy(() -> p.simulate(0, 150, 2)).isInstanceOf(TooManyInvalidSimulationsException.class)
            .hasMessageContaining("in crashed batches").hasMessageContaining("exit code 3")
            .hasMessageContaining("deliberate crash on batch 4");
      }
    }
  }

  @Test
  void slowBatchesTimeOutAndTheRunFailsClearly() {
    try (ExternalProblem p = problem(SHELL + " --sleep 5", "text", "timeout", 0.3, "batch", 10)) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> p.simulate(0, 20, 1)).isInstanceOf(TooManyInvalidSimulationsException.class)
          .hasMessageContaining("20 of 20 simulations invalid").hasMessageContaining("took longer than 0.3 s");
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(4.0);
    }
  }

  @Test
  void aMissingCommandIsACrashNamingIt() {
    try (ExternalProblem p = problem("/nonexistent/simulator", "text")) {
      assertThatThrownBy(() -> p.simulate(0, 10, 1)).isInstanceOf(TooManyInvalidSimulationsException.class)
          .hasMessageContaining("/nonexistent/simulator");
    }
  }

  @Test
  void supportFollowsFromThePrior() {
    try (ExternalProblem p = problem(SHELL, "text", "prior",
        List.of("a ~ uniform(0, 1)", "k ~ lognormal(0, 1)", "m ~ normal(0, 2)", "t ~ truncnormal(0, 1, -1, 2)"))) {
      assertThat(p.parameterNames()).containsExactly("a", "k", "m", "t");
      assertThat(p.support().orElseThrow().lower()).containsExactly(0, 0, Double.NEGATIVE_INFINITY, -1);
      assertThat(p.support().orElseThrow().upper()).containsExactly(1, Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY, 2);
    }
  }

  static void assumePython() {
    // not skipped: a test that silently skips cannot fail; .ci/run installs python3-numpy
    assertThat(pythonWithNumpy()).as("python3 with numpy is needed for the Python example (Debian: apt-get install "
        + "python3-numpy)").isTrue();
  }

  static boolean pythonWithNumpy() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  static Path tempDir() throws java.io.IOException {
    return Files.createTempDirectory("inn-external");
  }

  /** The provider's problem for these settings, merged and checked as a suite would. */
  private static Problem created(ProblemProvider provider, Map<String, ?> settings) {
    return provider.create(provider.settings(settings));
  }
}
