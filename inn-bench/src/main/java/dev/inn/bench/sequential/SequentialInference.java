package dev.inn.bench.sequential;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorDensity;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.Seeds;
import dev.inn.api.settings.Settings;
import dev.inn.core.persistence.ModelFile;
import dev.inn.problems.store.SettingText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Truncated sequential neural posterior estimation (Deistler et al. 2022) for one observation y*:
 * the budget is split into rounds; round 0 simulates prior draws, round r > 0 draws from the prior
 * truncated to the highest-density region of the previous round's posterior estimate (see
 * {@link Truncation}); after every round a fresh posterior estimate is trained on all valid pairs
 * so far. Every round's proposals, simulations and model go into a {@link RoundStore} first, so
 * a run resumes where it stopped with the same bytes. The final model is valid for y* under the
 * last truncated prior, and its file says so.
 */
public final class SequentialInference {

  /** Thrown when a round cannot go on; the message names the round and what is kept. */
  public static final class RoundFailedException extends RuntimeException {
    RoundFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What a finished run produced.
   *
   * @param simulations simulations of all rounds, invalid ones included
   * @param simulatedNow simulations this call ran (the rest were read back from the store): counted
   *     at the simulator, the count a fresh run's budget is checked against
   */
  public record Result(Path model, long simulations, long invalid, double threshold, double volume, int rounds,
      long simulatedNow) {}

  /** Everything a run needs besides its configuration. */
  public record Setup(String problemName, Settings problemSettings, Problem problem, String methodName,
      Settings methodSettings, PluginLookup plugins, float[] observation, long seed) {}

  private final Setup setup;
  private final SequentialConfig config;
  private final RoundStore store;
  private final PrintWriter progress;
  private final ProgressListener training;
  private long simulatedNow;
  private final Simulator simulator;

  public SequentialInference(Setup setup, SequentialConfig config, Path work, PrintWriter progress,
      ProgressListener training) {
    this(setup, config, work, progress, training, null);
  }

  /**
   * As above, the rounds drawing their simulations from {@code simulator} (e.g. one spread over a
   * cluster) instead of the problem's; it must give the same rows for the same (seed, first row).
   */
  public SequentialInference(Setup setup, SequentialConfig config, Path work, PrintWriter progress,
      ProgressListener training, Simulator simulator) {
    this.setup = setup;
    this.config = config;
    this.progress = progress;
    this.training = training;
    Problem p = setup.problem();
    if (p.prior().isEmpty() || p.simulator().isEmpty()) {
      throw new IllegalArgumentException("sequential inference needs a problem with a prior and a simulator; '"
          + setup.problemName() + "' has " + (p.prior().isEmpty() ? "no prior" : "no simulator"));
    }
    if (p.observationShape().ragged()) {
      throw new IllegalArgumentException("sequential inference takes vector observations; '" + setup.problemName()
          + "' observes " + p.observationShape().describe());
    }
    if (setup.observation().length != p.observationDim()) {
      throw new IllegalArgumentException("problem '" + setup.problemName() + "' has " + p.observationDim()
          + " observation values " + p.observationNames() + ", the observation has " + setup.observation().length);
    }
    for (int c = 0; c < setup.observation().length; c++) {
      if (!Float.isFinite(setup.observation()[c])) {
        throw new IllegalArgumentException("observation value " + c + " (" + p.observationNames().get(c) + ") is "
            + setup.observation()[c]);
      }
    }
    PosteriorMethod probe = createMethod();
    if (!(probe instanceof PosteriorDensity)) {
      throw new IllegalArgumentException("method '" + setup.methodName() + "' has no posterior density, which the"
          + " truncation needs; use a density method such as 'cinn'");
    }
    this.store = RoundStore.open(work, manifest());
    this.simulator = simulator != null ? simulator : p.simulator().get();
  }

  private PosteriorMethod createMethod() {
    return setup.plugins().find(MethodProvider.class, setup.methodName()).create(setup.problem(),
        setup.methodSettings());
  }

  /** The text that fixes a run's numbers; a folder holding another is refused. */
  private String manifest() {
    StringBuilder b = new StringBuilder("# inn infer: truncated sequential posterior estimation for one observation\n");
    b.append("problem = ").append(SettingText.render(setup.problemName())).append('\n');
    b.append("method = ").append(SettingText.render(setup.methodName())).append('\n');
    List<Object> obs = new ArrayList<>();
    for (float v : setup.observation()) {
      obs.add((double) v);
    }
    b.append("observation = ").append(SettingText.render(obs)).append('\n');
    b.append("budget = ").append(config.budget()).append('\n');
    b.append("rounds = ").append(config.rounds()).append('\n');
    b.append("quantile = ").append(SettingText.render(config.quantile())).append('\n');
    b.append("density_samples = ").append(config.densitySamples()).append('\n');
    b.append("training_pairs = ").append(SettingText.render(config.allPairs() ? "all" : "inside")).append('\n');
    b.append("seed = ").append(setup.seed()).append('\n');
    b.append("[problem_settings]\n");
    new java.util.TreeMap<>(setup.problemSettings().asMap())
        .forEach((k, v) -> b.append(k).append(" = ").append(SettingText.render(v)).append('\n'));
    b.append("[method_settings]\n");
    new java.util.TreeMap<>(setup.methodSettings().asMap())
        .forEach((k, v) -> b.append(k).append(" = ").append(SettingText.render(v)).append('\n'));
    return b.toString();
  }

  /** Runs (or resumes) every round and writes the final model to {@code out}. */
  public Result run(Path out) {
    Problem problem = setup.problem();
    float[] y = setup.observation();
    List<Matrix> xs = new ArrayList<>();
    List<Matrix> ys = new ArrayList<>();
    List<Double> volumes = new ArrayList<>();
    PosteriorMethod model = null;
    long simulations = 0;
    long invalid = 0;
    double threshold = Double.NEGATIVE_INFINITY;
    double volume = 1.0;
    for (int r = 0; r < config.rounds(); r++) {
      long t0 = System.nanoTime();
      int n = config.roundSize(r);
      String prefix = String.format(Locale.ROOT, "round %d/%d", r + 1, config.rounds());
      Matrix x = store.proposals(r);
      String proposalNote;
      if (store.done(r)) {
        Map<String, String> rec = store.record(r);
        threshold = Double.parseDouble(rec.get("log_density_threshold"));
        volume = Double.parseDouble(rec.get("truncated_volume"));
        proposalNote = "done before, resumed from " + store.round(r);
      } else if (x != null) {
        proposalNote = "proposals of an interrupted run, from " + store.round(r);
        Map<String, String> rec = proposalRecord(r);
        threshold = Double.parseDouble(rec.get("log_density_threshold"));
        volume = Double.parseDouble(rec.get("truncated_volume"));
      } else if (r == 0) {
        x = problem.prior().get().sample(n, Seeds.task(setup.seed(), r, 0));
        threshold = Double.NEGATIVE_INFINITY;
        volume = 1.0;
        writeProposalRecord(r, threshold, volume, n, n, 0, 0);
        store.writeProposals(r, x);
        proposalNote = "prior draws";
      } else {
        Truncation t;
        try {
          t = Truncation.of(model, y, config, Seeds.task(setup.seed(), r, 1));
        } catch (RuntimeException e) {
          throw failed(r, simulations, "the posterior estimate of round " + r + " cannot be truncated: "
              + e.getMessage(), e);
        }
        Truncation.Proposals p = t.draw(problem, model, y, n, config, Seeds.task(setup.seed(), r, 2));
        if (p == null) {
          throw failed(r, simulations, "nothing accepted: no prior draw (of " + config.maxPriorDraws() + ") nor"
              + " inflated posterior sample lies where the posterior estimate of round " + r + " puts log q(x | y*) >= "
              + fmt(t.threshold()) + " inside the prior; the prior predictive likely cannot produce this observation"
              + " (check its values and units)", null);
        }
        List<String> outside = model.outOfRange(y);
        if (p.priorAccepted() == 0 && !outside.isEmpty()) {
          throw failed(r, simulations, "nothing accepted: none of " + p.priorDraws() + " prior draws lies where the"
              + " posterior estimate of round " + r + " puts its mass, and the observation is outside what the"
              + " simulations so far produced (" + String.join("; ", outside) + "); the prior predictive likely cannot"
              + " produce this observation (check its values and units)", null);
        }
        x = p.x();
        threshold = t.threshold();
        volume = p.volume();
        writeProposalRecord(r, threshold, volume, p.priorDraws(), p.priorAccepted(), p.fallbackDraws(),
            p.fallbackAccepted());
        store.writeProposals(r, x);
        proposalNote = String.format(Locale.ROOT, "%.3g %% of %d prior draws accepted%s; truncated prior volume %.3g"
            + " (log q >= %s)", 100 * p.volume(), p.priorDraws(), p.fallbackDraws() > 0 ? String.format(Locale.ROOT,
            ", then %d of %d inflated posterior samples (fallback)", p.fallbackAccepted(), p.fallbackDraws()) : "",
            p.volume(), fmt(threshold));
      }
      Matrix yr = simulateRound(r, x, simulations);
      int bad = 0;
      for (int i = 0; i < yr.rows(); i++) {
        bad += RoundStore.finite(yr.row(i)) ? 0 : 1;
      }
      simulations += n;
      invalid += bad;
      if (bad > config.maxInvalidFraction() * n) {
        throw failed(r, simulations, String.format(Locale.ROOT, "the simulator failed on %d of the round's %d"
            + " simulations (more than %.0f %%) in the truncated region; they count in the budget and are kept",
            bad, n, 100 * config.maxInvalidFraction()), null);
      }
      xs.add(x);
      ys.add(yr);
      volumes.add(volume);
      String trainedOn;
      if (store.done(r)) {
        model = load(store.model(r));
        trainedOn = store.record(r).get("training_pairs");
      } else {
        Dataset data = r > 0 && !config.allPairs() ? narrowed(xs, ys, volumes, model, y, threshold)
            : RoundStore.validPairs(xs, ys);
        PosteriorMethod m = createMethod();
        try {
          m.train(data, new TrainingContext(Seeds.task(setup.seed(), r, 4), training));
        } catch (RuntimeException e) {
          throw failed(r, simulations, "training on the " + data.size() + " valid pairs failed: " + e.getMessage(), e);
        }
        save(store.model(r), m, data.x(), simulations, invalid, threshold, volume, r + 1);
        // the next round proposes from the saved model, exactly as a resumed run does
        model = load(store.model(r));
        Map<String, String> rec = new LinkedHashMap<>(proposalRecord(r));
        rec.put("simulations", Long.toString(n));
        rec.put("invalid", Integer.toString(bad));
        rec.put("simulations_so_far", Long.toString(simulations));
        rec.put("training_pairs", Integer.toString(data.size()));
        trainedOn = Integer.toString(data.size());
        store.finish(r, rec);
      }
      if (r == 0) {
        for (String w : model.outOfRange(y)) {
          progress.println("warning: " + w + "; the prior predictive may not produce this observation");
        }
      }
      progress.printf(Locale.ROOT, "%s: %s; %d simulations (%d invalid), %d of %d so far; trained on %s pairs; %.1f s%n",
          prefix, proposalNote, n, bad, simulations, config.budget(), trainedOn, (System.nanoTime() - t0) / 1e9);
      progress.flush();
    }
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      ModelFile.checkWritable(out);
      dev.inn.core.persistence.AtomicFile.write(out, Files.readAllBytes(store.model(config.rounds() - 1)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model " + out + ": " + e.getMessage(), e);
    }
    return new Result(out, simulations, invalid, threshold, volume, config.rounds(), simulatedNow);
  }

  /**
   * The training pairs of round r = xs.size() - 1: all pairs of the rounds whose proposals came from a
   * region at most {@link SequentialConfig#WIDER} times round r's prior mass, and of the wider ones
   * only those inside round r's region (log q(x | y*) >= tau under the model that drew round r's
   * proposals). A wider round's pair kept there is a draw from the prior restricted to round r's
   * region, as round r's own are, so the training pairs stay a mixture of truncated priors that all
   * hold the posterior's mass, and maximum likelihood stays valid for y*; the flow's
   * standardisation and capacity are no longer spent on far-off early draws. Pairs of a round of
   * about the same size are kept whole: the ones just outside round r's region lie at its edge and
   * still inform the flow.
   */
  static Dataset narrowed(List<Matrix> xs, List<Matrix> ys, List<Double> volumes, PosteriorMethod proposer,
      float[] y, double threshold) {
    int last = xs.size() - 1;
    List<Matrix> keptX = new ArrayList<>();
    List<Matrix> keptY = new ArrayList<>();
    for (int j = 0; j <= last; j++) {
      if (j == last || !(volumes.get(j) > SequentialConfig.WIDER * volumes.get(last))) {
        keptX.add(xs.get(j));
        keptY.add(ys.get(j));
        continue;
      }
      double[] lq = ((PosteriorDensity) proposer).logDensity(y, xs.get(j));
      int[] keep = new int[lq.length];
      int k = 0;
      for (int i = 0; i < lq.length; i++) {
        if (lq[i] >= threshold) {
          keep[k++] = i;
        }
      }
      int[] rows = Arrays.copyOf(keep, k);
      keptX.add(xs.get(j).selectRows(rows));
      keptY.add(ys.get(j).selectRows(rows));
    }
    return RoundStore.validPairs(keptX, keptY);
  }

  /** Round r's simulations: stored chunks as they are, missing ones simulated and stored. */
  private Matrix simulateRound(int r, Matrix x, long before) {
    int n = x.rows();
    int dy = setup.problem().observationDim();
    float[] out = new float[n * dy];
    long roundSeed = Seeds.task(setup.seed(), r, 3);
    for (int k = 0, from = 0; from < n; k++, from += config.chunk()) {
      int to = Math.min(n, from + config.chunk());
      Matrix y = store.chunk(r, k);
      if (y == null) {
        Simulation s;
        try {
          simulatedNow += to - from;
          s = simulator.simulate(x.rows(from, to), roundSeed, from);
        } catch (RuntimeException e) {
          throw failed(r, before + from, "the simulator failed on rows " + from + ".." + (to - 1) + " of the round: "
              + e.getMessage(), e);
        }
        float[] d = s.y().data().clone();
        for (int i = 0; i < to - from; i++) {
          if (!s.valid()[i]) {
            Arrays.fill(d, i * dy, (i + 1) * dy, Float.NaN);
          }
        }
        y = new Matrix(to - from, dy, d);
        store.writeChunk(r, k, y);
      }
      System.arraycopy(y.data(), 0, out, from * dy, (to - from) * dy);
    }
    return new Matrix(n, dy, out);
  }

  private void writeProposalRecord(int r, double threshold, double volume, long priorDraws, long priorAccepted,
      long fallbackDraws, long fallbackAccepted) {
    Map<String, String> rec = new LinkedHashMap<>();
    rec.put("round", Integer.toString(r + 1));
    rec.put("log_density_threshold", Double.toString(threshold));
    rec.put("truncated_volume", Double.toString(volume));
    rec.put("prior_draws", Long.toString(priorDraws));
    rec.put("prior_accepted", Long.toString(priorAccepted));
    rec.put("fallback_draws", Long.toString(fallbackDraws));
    rec.put("fallback_accepted", Long.toString(fallbackAccepted));
    StringBuilder b = new StringBuilder();
    rec.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    try {
      Files.createDirectories(store.round(r));
      dev.inn.core.persistence.AtomicFile.write(store.round(r).resolve("proposals.toml"),
          b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> proposalRecord(int r) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(store.round(r).resolve("proposals.toml"))) {
        int eq = line.indexOf(" = ");
        if (eq > 0) {
          out.put(line.substring(0, eq), line.substring(eq + 3));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("round " + r + " of " + store.folder() + " has proposals but no readable"
          + " proposals.toml: " + e.getMessage(), e);
    }
    return out;
  }

  private void save(Path file, PosteriorMethod m, Matrix trainingParameters, long simulations, long invalid,
      double threshold, double volume, int rounds) {
    Map<String, Object> validity = new LinkedHashMap<>();
    List<Object> obs = new ArrayList<>();
    for (float v : setup.observation()) {
      obs.add((double) v);
    }
    validity.put("observation", obs);
    validity.put("rounds", rounds);
    validity.put("simulations", simulations);
    validity.put("invalid_simulations", invalid);
    validity.put("log_density_threshold", threshold);
    validity.put("truncated_volume", volume);
    validity.put("quantile", config.quantile());
    validity.put(SequentialValidity.ALL_PAIRS, config.allPairs());
    validity.put(SequentialValidity.TRUNCATED_PRIOR, SequentialValidity.columns(trainingParameters));
    try {
      ModelFile.save(file, new ModelFile.Header(ModelFile.FORMAT_VERSION, setup.methodName(), setup.methodSettings(),
          setup.problemName(), setup.problemSettings(), validity), setup.problem(), m);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private PosteriorMethod load(Path file) {
    try {
      return ModelFile.load(file, setup.plugins()).method();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model of a finished round " + file + ": " + e.getMessage(), e);
    }
  }

  private RoundFailedException failed(int r, long simulationsSoFar, String why, Throwable cause) {
    return new RoundFailedException(String.format(Locale.ROOT, "round %d of %d: %s. The %d simulations run so far"
        + " are kept in %s; run the same command again to resume there", r + 1, config.rounds(), why,
        simulationsSoFar, store.folder()), cause);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
