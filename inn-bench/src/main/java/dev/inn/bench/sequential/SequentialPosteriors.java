package dev.inn.bench.sequential;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import dev.inn.api.random.Seeds;
import dev.inn.api.settings.Settings;
import dev.inn.core.persistence.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The sequential variant of a suite method: one truncated sequential run per test observation,
 * each spending exactly {@code budget} simulations, and that run's posterior samples for its own
 * observation. The simulations are counted where the simulator is called, so the report states
 * the count that was run, not the one that was planned.
 *
 * @param plugins the plugin lookup
 * @param problemName the problem's registered name
 * @param problemSettings its settings
 * @param problem the problem (prior and simulator)
 * @param methodName the method's registered name (it needs a posterior density)
 * @param methodSettings its settings
 * @param config budget per observation, rounds and truncation
 */
public record SequentialPosteriors(PluginLookup plugins, String problemName, Settings problemSettings, Problem problem,
    String methodName, Settings methodSettings, SequentialConfig config) {

  /**
   * What the runs produced.
   *
   * @param posteriors samples for each observation from its own run
   * @param simulations simulations run for each observation (counted as they ran)
   * @param invalid invalid simulations among them
   * @param seconds wall time of each observation's run (proposals, simulations, training)
   * @param volumes the last truncated prior's share of the prior, per observation
   * @param sampleSeconds wall time of drawing all samples
   */
  public record Outcome(List<Matrix> posteriors, long[] simulations, long[] invalid, double[] seconds,
      double[] volumes, double sampleSeconds) {

    /** Simulations over all observations. */
    public long totalSimulations() {
      return java.util.Arrays.stream(simulations).sum();
    }

    /** One line per observation and one in all, for a report's notes. */
    public List<String> notes(int budget, int rounds) {
      List<String> out = new ArrayList<>();
      out.add(String.format(Locale.ROOT, "sequential: one run per test observation, each a budget of %d simulations"
          + " in %d rounds; %d simulations counted in all over %d observations (%d invalid); each posterior is valid"
          + " for its own observation only, under its truncated prior", budget, rounds, totalSimulations(),
          simulations.length, java.util.Arrays.stream(invalid).sum()));
      for (int i = 0; i < simulations.length; i++) {
        out.add(String.format(Locale.ROOT, "sequential, test observation %d: %d simulations (%d invalid), last"
            + " truncated prior %.3g of the prior's mass, %.0f s", i + 1, simulations[i], invalid[i], volumes[i],
            seconds[i]));
      }
      return out;
    }
  }

  /**
   * Runs every observation in turn and draws {@code samples} posterior samples for each. The
   * rounds' stores live in a temporary folder, removed when its observation is done and kept
   * (and named in the error) when it fails.
   */
  public Outcome run(List<float[]> observations, int samples, long seed, ProgressListener progress) {
    int n = observations.size();
    List<Matrix> posteriors = new ArrayList<>(n);
    long[] simulations = new long[n];
    long[] invalid = new long[n];
    double[] seconds = new double[n];
    double[] volumes = new double[n];
    double sampleSeconds = 0;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Path work;
      try {
        work = Files.createTempDirectory("inn-sequential-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a folder for the rounds: " + e.getMessage(), e);
      }
      try {
        long runSeed = Seeds.combine(seed, 3000 + i);
        SequentialInference.Setup setup = new SequentialInference.Setup(problemName, problemSettings, problem,
            methodName, methodSettings, plugins, observations.get(i), runSeed);
        StringWriter log = new StringWriter();
        SequentialInference.Result r = new SequentialInference(setup, config, work.resolve("rounds"),
            new PrintWriter(log, true), progress).run(work.resolve("model.bin"));
        if (r.simulatedNow() > config.budget()) {
          // the budget is the budget: never reached when SequentialInference is right, checked anyway
          throw new IllegalStateException("observation " + (i + 1) + " ran " + r.simulatedNow() + " simulations, more"
              + " than its budget of " + config.budget());
        }
        simulations[i] = r.simulatedNow();
        invalid[i] = r.invalid();
        volumes[i] = r.volume();
        seconds[i] = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        PosteriorMethod model = ModelFile.load(r.model(), plugins).method();
        posteriors.add(model.sample(observations.get(i), samples, Seeds.combine(seed, 1000 + i)));
        sampleSeconds += (System.nanoTime() - t1) / 1e9;
      } catch (IOException e) {
        throw new UncheckedIOException("observation " + (i + 1) + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        // the folder stays: the error names it, with the rounds and simulations it keeps
        throw new IllegalStateException("test observation " + (i + 1) + " of " + n + ": " + e.getMessage(), e);
      }
      delete(work);
      progress.update("sequential " + methodName, i + 1, n, String.format(Locale.ROOT, "%d simulations, %.0f s",
          simulations[i], seconds[i]));
    }
    return new Outcome(posteriors, simulations, invalid, seconds, volumes, sampleSeconds);
  }

  private static void delete(Path folder) {
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind costs disk, not correctness
    }
  }
}
