package dev.inn.bench.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorDensity;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.settings.Settings;
import dev.inn.bench.testplugins.ConjugateGaussianProblem;
import dev.inn.core.persistence.ModelFile;
import dev.inn.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated sequential estimation on a conjugate Gaussian problem whose exact posterior is known:
 * the posterior it finds, its truncations, resuming, the budget and its errors.
 */
class SequentialInferenceTest {

  private static final PluginRegistry PLUGINS = PluginRegistry.fromClassPath();
  private static final String PROBLEM = "test-conjugate-gaussian";
  private static final float[] Y = {1.0f, -0.5f};

  @TempDir
  Path tmp;

  /** A small single flow, trained in a second or two per round. */
  private static Settings cinn() {
    return PluginRegistry.settingsFor(PLUGINS.find(MethodProvider.class, "cinn"), "method",
        Map.of("hidden", 64, "threads", 1, "max_epochs", 300));
  }

  private static Problem problem() {
    ProblemProvider pp = PLUGINS.find(ProblemProvider.class, PROBLEM);
    return pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
  }

  private SequentialInference run(Problem problem, float[] y, long budget, int rounds, Path work, StringWriter log) {
    ProblemProvider pp = PLUGINS.find(ProblemProvider.class, PROBLEM);
    SequentialInference.Setup setup = new SequentialInference.Setup(PROBLEM,
        PluginRegistry.settingsFor(pp, "problem", Map.of()), problem, "cinn", cinn(), PLUGINS, y, 3);
    return new SequentialInference(setup, SequentialConfig.of(budget, rounds), work, new PrintWriter(log, true),
        ProgressListener.NONE);
  }

  /** The problem with its simulator replaced. */
  private static Problem withSimulator(Problem base, UnaryOperator<Simulator> wrap) {
    return (Problem) java.lang.reflect.Proxy.newProxyInstance(Problem.class.getClassLoader(),
        new Class<?>[] {Problem.class}, (proxy, method, args) -> {
          if (method.getName().equals("simulator")) {
            return Optional.of(wrap.apply(base.simulator().orElseThrow()));
          }
          return method.invoke(base, args);
        });
  }

  @Test
  void sequentialPosteriorMatchesTheExactOneAndTruncationKeepsItsMass() throws IOException {
    AtomicLong simulated = new AtomicLong();
    Problem counted = withSimulator(problem(), s -> (x, seed, first) -> {
      simulated.addAndGet(x.rows());
      return s.simulate(x, seed, first);
    });
    StringWriter log = new StringWriter();
    Path out = tmp.resolve("model.bin");
    SequentialInference.Result r = run(counted, Y, 6001, 2, tmp.resolve("work"), log).run(out);
    // the budget is exact: 3001 + 3000 simulations, each counted once
    assertThat(simulated.get()).isEqualTo(6001);
    assertThat(r.simulations()).isEqualTo(6001);
    assertThat(log.toString()).contains("round 2/2").contains("prior draws accepted").contains("truncated prior volume");

    ModelFile.Loaded loaded = ModelFile.load(out, PLUGINS);
    assertThat(((Number) loaded.header().validity().get("simulations")).longValue()).isEqualTo(6001);
    Matrix q = loaded.method().sample(Y, 20_000, 5);
    double[] mu = ConjugateGaussianProblem.posteriorMean(Y);
    double[][] cov = ConjugateGaussianProblem.posteriorCovariance();
    double[] m = means(q);
    double[][] c = covariance(q, m);
    double rho = cov[0][1] / Math.sqrt(cov[0][0] * cov[1][1]);
    double rhoQ = c[0][1] / Math.sqrt(c[0][0] * c[1][1]);
    String stats = String.format(java.util.Locale.ROOT, "q: mean (%.4f, %.4f) sd (%.4f, %.4f) rho %.4f; exact: mean"
        + " (%.4f, %.4f) sd (%.4f, %.4f) rho %.4f; q's interquartile sd (%.4f, %.4f)%n%s", m[0], m[1],
        Math.sqrt(c[0][0]), Math.sqrt(c[1][1]), rhoQ, mu[0], mu[1], Math.sqrt(cov[0][0]), Math.sqrt(cov[1][1]), rho,
        iqrSd(q, 0), iqrSd(q, 1), log);
    System.out.println(stats);
    for (int k = 0; k < 2; k++) {
      double sd = Math.sqrt(cov[k][k]);
      assertThat(Math.abs(m[k] - mu[k])).as("mean %d, %s", k, stats).isLessThan(0.1 * sd);
      assertThat(Math.sqrt(c[k][k]) / sd).as("sd %d, %s", k, stats).isBetween(0.9, 1.1);
    }
    assertThat(Math.abs(rhoQ - rho)).as("correlation, %s", stats).isLessThan(0.1 * Math.abs(rho));

    // the truncation of round 2 (from the model of round 1) keeps the exact posterior's
    // mass: at most a little more than its quantile 1e-4 falls outside
    Matrix exact = ConjugateGaussianProblem.posteriorSamples(Y, 20_000, 9);
    Path work = tmp.resolve("work");
    for (int round = 2; round <= 2; round++) {
      PosteriorMethod previous = ModelFile.load(work.resolve(String.format("round-%02d/model.bin", round - 1)),
          PLUGINS).method();
      double tau = Double.parseDouble(Files.readAllLines(work.resolve(String.format("round-%02d/proposals.toml",
          round))).stream().filter(l -> l.startsWith("log_density_threshold")).findFirst().orElseThrow().split(" = ")[1]);
      double[] lq = ((PosteriorDensity) previous).logDensity(Y, exact);
      long outside = java.util.Arrays.stream(lq).filter(v -> !(v >= tau)).count();
      assertThat(outside / 20_000.0).as("exact posterior mass outside the truncation of round %d", round)
          .isLessThanOrEqualTo(1e-3);
    }
    diagnosedUnderItsTruncatedPriorTheModelIsCalibrated(loaded, work);
  }

  /**
   * What {@code inn diagnose} does with a sequential model: test parameters from the truncated prior
   * the model keeps (its training pairs' parameters: round 2's proposals and round 1's prior draws,
   * all of them or, when round 2's region is narrow, those inside it), fresh simulations, SBC ranks
   * and joint coverage. Calibrated there; and the test parameters are not the prior's: more of them
   * lie in round 2's region than the prior's share there, its truncated volume.
   */
  private static void diagnosedUnderItsTruncatedPriorTheModelIsCalibrated(ModelFile.Loaded loaded, Path work)
      throws IOException {
    Matrix kept = SequentialValidity.truncatedPrior(loaded.header().validity()).orElseThrow();
    int trained = Integer.parseInt(Files.readAllLines(work.resolve("round-02/round.toml")).stream()
        .filter(l -> l.startsWith("training_pairs")).findFirst().orElseThrow().split(" = ")[1]);
    assertThat(kept.rows()).isEqualTo(trained);
    TruncatedPriorProblem truncated = new TruncatedPriorProblem(loaded.problem(), kept);
    Dataset test = truncated.testSet(300, 17);
    assertThat(test.size()).isEqualTo(300);

    PosteriorMethod first = ModelFile.load(work.resolve("round-01/model.bin"), PLUGINS).method();
    double tau = Double.parseDouble(Files.readAllLines(work.resolve("round-02/proposals.toml")).stream()
        .filter(l -> l.startsWith("log_density_threshold")).findFirst().orElseThrow().split(" = ")[1]);
    double volume = ((Number) loaded.header().validity().get("truncated_volume")).doubleValue();
    double inside = java.util.Arrays.stream(((PosteriorDensity) first).logDensity(Y, test.x())).filter(v -> v >= tau)
        .count() / (double) test.size();
    double priorInside = java.util.Arrays.stream(((PosteriorDensity) first).logDensity(Y,
        loaded.problem().testSet(3000, 17).x())).filter(v -> v >= tau).count() / 3000.0;
    if (1.0 > SequentialConfig.WIDER * volume) {
      // round 1 drew from a region far wider than round 2's: only its pairs inside round 2's region
      // (about the volume's share of them) trained the model, beside round 2's own
      assertThat(inside).as("test parameters inside round 2's region").isGreaterThanOrEqualTo(0.99);
      assertThat((kept.rows() - 3000) / 3001.0).as("round 1's pairs kept").isCloseTo(volume,
          org.assertj.core.data.Offset.offset(0.03));
    } else {
      // the mixture: half prior draws (inside with the volume's probability), half inside
      assertThat(kept.rows()).isEqualTo(6001);
      assertThat(inside).as("test parameters inside round 2's region").isCloseTo(0.5 + 0.5 * volume,
          org.assertj.core.data.Offset.offset(0.08));
    }
    assertThat(priorInside).as("prior draws inside round 2's region").isCloseTo(volume,
        org.assertj.core.data.Offset.offset(0.03));

    List<Matrix> posteriors = new java.util.ArrayList<>();
    double[] truthLog = new double[test.size()];
    double[][] sampleLog = new double[test.size()][];
    PosteriorDensity density = (PosteriorDensity) loaded.method();
    for (int i = 0; i < test.size(); i++) {
      float[] y = test.y().row(i);
      Matrix s = loaded.method().sample(y, 200, 1000 + i);
      posteriors.add(s);
      truthLog[i] = density.logDensity(y, test.x().rows(i, i + 1))[0];
      sampleLog[i] = density.logDensity(y, s);
    }
    double[][] u = dev.inn.diagnostics.Sbc.rankFractions(test.x(), posteriors);
    for (int c = 0; c < 2; c++) {
      dev.inn.diagnostics.Verdict v = dev.inn.diagnostics.Sbc.verdict(u[c], 0.95, 3);
      assertThat(v.flagged()).as("x%d under the truncated prior: %s", c, v.sentence()).isFalse();
    }
    dev.inn.diagnostics.Verdict joint = dev.inn.diagnostics.Coverage.verdict(
        dev.inn.diagnostics.Coverage.hpdLevels(truthLog, sampleLog), 0.95, 3);
    assertThat(joint.flagged()).as("joint coverage under the truncated prior: %s", joint.sentence()).isFalse();
  }

  @Test
  void anInterruptedRunResumesToTheSameBytes() throws IOException {
    Path whole = tmp.resolve("whole");
    run(problem(), Y, 600, 3, whole, new StringWriter()).run(tmp.resolve("whole.bin"));

    // the simulator dies in the last round; the rounds before are kept
    Path broken = tmp.resolve("broken");
    AtomicLong calls = new AtomicLong();
    Problem failing = withSimulator(problem(), s -> (x, seed, first) -> {
      if (calls.incrementAndGet() > 2) {
        throw new IllegalStateException("simulator process died");
      }
      return s.simulate(x, seed, first);
    });
    assertThatThrownBy(() -> run(failing, Y, 600, 3, broken, new StringWriter()).run(tmp.resolve("broken.bin")))
        .isInstanceOf(SequentialInference.RoundFailedException.class)
        .hasMessageContaining("round 3 of 3").hasMessageContaining("simulator process died")
        .hasMessageContaining("400 simulations run so far are kept in " + broken);
    assertThat(broken.resolve("round-02/round.toml")).exists();
    assertThat(tmp.resolve("broken.bin")).doesNotExist();

    StringWriter log = new StringWriter();
    run(problem(), Y, 600, 3, broken, log).run(tmp.resolve("broken.bin"));
    assertThat(log.toString()).contains("done before");
    assertThat(Files.readAllBytes(tmp.resolve("broken.bin"))).isEqualTo(Files.readAllBytes(tmp.resolve("whole.bin")));
    assertThat(files(broken)).isEqualTo(files(whole));
  }

  @Test
  void badInputFailsClearlyNamingTheRound() {
    assertThatThrownBy(() -> SequentialConfig.of(25, 3)).hasMessageContaining("--budget 25 is smaller than one round")
        .hasMessageContaining("round 3 of 3 would get 8 simulations").hasMessageContaining("Nothing was simulated");

    // an observation the prior predictive cannot produce: nothing of the prior is accepted
    Path far = tmp.resolve("far");
    assertThatThrownBy(() -> run(problem(), new float[] {400, -300}, 300, 2, far, new StringWriter())
        .run(tmp.resolve("far.bin")))
        .isInstanceOf(SequentialInference.RoundFailedException.class)
        .hasMessageContaining("round 2 of 2").hasMessageContaining("nothing accepted")
        .hasMessageContaining("150 simulations run so far are kept");
    assertThat(far.resolve("round-01/round.toml")).exists();

    // a simulator that fails where the truncated prior sends it
    AtomicLong calls = new AtomicLong();
    Problem failing = withSimulator(problem(), s -> (x, seed, first) -> {
      Simulation sim = s.simulate(x, seed, first);
      if (calls.incrementAndGet() == 1) {
        return sim;
      }
      return new Simulation(sim.y(), new boolean[x.rows()]);
    });
    Path bad = tmp.resolve("bad");
    assertThatThrownBy(() -> run(failing, Y, 300, 2, bad, new StringWriter()).run(tmp.resolve("bad.bin")))
        .isInstanceOf(SequentialInference.RoundFailedException.class)
        .hasMessageContaining("round 2 of 2").hasMessageContaining("failed on 150 of the round's 150 simulations")
        .hasMessageContaining("300 simulations run so far are kept");
    assertThat(bad.resolve("round-02/y-00000.npy")).exists();
  }

  @Test
  void aFarWiderRoundTrainsOnlyWithItsPairsInsideTheLatestRegion() {
    // log q(x | y*) = -|x0|, region log q >= -1: |x0| <= 1
    PosteriorMethod proposer = (PosteriorMethod) java.lang.reflect.Proxy.newProxyInstance(
        PosteriorMethod.class.getClassLoader(), new Class<?>[] {PosteriorMethod.class, PosteriorDensity.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("logDensity")) {
            throw new UnsupportedOperationException(method.getName());
          }
          Matrix x = (Matrix) args[1];
          double[] out = new double[x.rows()];
          for (int i = 0; i < out.length; i++) {
            out[i] = -Math.abs(x.get(i, 0));
          }
          return out;
        });
    Matrix wide = new Matrix(4, 1, new float[] {0.5f, 3f, -0.9f, -7f});
    Matrix near = new Matrix(3, 1, new float[] {1.5f, 0.2f, -1.2f});
    Matrix latest = new Matrix(2, 1, new float[] {0.1f, -0.3f});
    List<Matrix> xs = List.of(wide, near, latest);
    List<Matrix> ys = List.of(wide, near, latest);
    // volumes 1 (the prior), 0.3 and 0.05: only round 1 drew from a region over 10 times as wide
    Dataset d = SequentialInference.narrowed(xs, ys, List.of(1.0, 0.3, 0.05), proposer, Y, -1);
    assertThat(d.x().data()).containsExactly(0.5f, -0.9f, 1.5f, 0.2f, -1.2f, 0.1f, -0.3f);
    assertThat(d.y().data()).containsExactly(0.5f, -0.9f, 1.5f, 0.2f, -1.2f, 0.1f, -0.3f);
    // comparable regions keep every pair
    assertThat(SequentialInference.narrowed(xs, ys, List.of(1.0, 0.3, 0.2), proposer, Y, -1).size()).isEqualTo(9);
  }

  /** Every file under dir by relative path, its bytes as Base64 so maps compare by content. */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  /** A column's interquartile range over that of a standard normal: its sd if it is Gaussian, robust to outliers. */
  private static double iqrSd(Matrix m, int col) {
    double[] v = new double[m.rows()];
    for (int i = 0; i < v.length; i++) {
      v[i] = m.get(i, col);
    }
    java.util.Arrays.sort(v);
    return (v[(int) (0.75 * v.length)] - v[(int) (0.25 * v.length)]) / 1.3489795;
  }

  private static double[] means(Matrix m) {
    double[] mean = new double[m.cols()];
    for (int i = 0; i < m.rows(); i++) {
      for (int c = 0; c < m.cols(); c++) {
        mean[c] += m.get(i, c) / m.rows();
      }
    }
    return mean;
  }

  private static double[][] covariance(Matrix m, double[] mean) {
    double[][] c = new double[m.cols()][m.cols()];
    for (int i = 0; i < m.rows(); i++) {
      for (int a = 0; a < m.cols(); a++) {
        for (int b = 0; b < m.cols(); b++) {
          c[a][b] += (m.get(i, a) - mean[a]) * (m.get(i, b) - mean[b]) / (m.rows() - 1);
        }
      }
    }
    return c;
  }
}
