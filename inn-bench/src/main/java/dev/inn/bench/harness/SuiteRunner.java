package dev.inn.bench.harness;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MisspecificationCheck;
import dev.inn.core.observation.RaggedRows;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.metric.Availability;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.bench.suite.MethodEntry;
import dev.inn.bench.sequential.SequentialConfig;
import dev.inn.bench.sequential.SequentialPosteriors;
import dev.inn.bench.suite.MetricEntry;
import dev.inn.bench.suite.SequentialOptions;
import dev.inn.bench.suite.ProblemEntry;
import dev.inn.bench.suite.Suite;
import dev.inn.api.method.LatentEncoder;
import dev.inn.api.random.Seeds;
import dev.inn.api.plugin.PluginLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs a suite: for each problem, draws one test set; for each seed, one training set; trains
 * every method on it, samples a posterior for every test observation and measures every
 * metric (with bootstrap standard errors over test observations). A method that fails (in
 * training, sampling or a metric) is recorded as failed in its row, with the reason, and the
 * suite goes on.
 */
public final class SuiteRunner {

  private final PluginLookup registry;
  private final ProgressListener progress;
  private final Checkpoint checkpoint;
  private final List<String> failures = new ArrayList<>();
  private int runs;

  public SuiteRunner(PluginLookup registry, ProgressListener progress) {
    this(registry, progress, Checkpoint.none());
  }

  /** A runner that keeps each finished run in {@code checkpoint} and takes the runs it already holds from there. */
  public SuiteRunner(PluginLookup registry, ProgressListener progress, Checkpoint checkpoint) {
    this.registry = registry;
    this.progress = progress;
    this.checkpoint = checkpoint;
  }

  public RunResults run(Suite suite) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<ProblemResults> out = new ArrayList<>();
    failures.clear();
    runs = 0;
    checkMemory(suite, Runtime.getRuntime().maxMemory());
    for (ProblemEntry entry : suite.problems()) {
      out.add(runProblem(suite, entry));
    }
    if (!failures.isEmpty() && failures.size() == runs) {
      // nothing finished: a report of empty rows would hide the error
      throw new BenchmarkException(failures.get(0) + (failures.size() > 1 ? " (and " + (failures.size() - 1)
          + " more failed runs)" : ""));
    }
    return new RunResults(suite, out, started, (System.nanoTime() - t0) / 1e9, failures);
  }

  /**
   * Fails before anything trains when one method's posterior samples for a problem (test
   * observations x samples x parameters floats, all held for the metrics) would not fit in
   * half of {@code heapBytes}, naming the numbers and what to lower; likewise when a problem's
   * train_size asks for more pairs than its data set holds.
   */
  public void checkMemory(Suite suite, long heapBytes) {
    for (ProblemEntry entry : suite.problems()) {
      Problem problem = registry.find(ProblemProvider.class, entry.plugin()).create(entry.settings());
      java.util.OptionalInt available = problem.trainingPairs();
      if (available.isPresent() && entry.trainSize() > available.getAsInt()) {
        // said now, not after other problems trained for hours
        throw new BenchmarkException("problem '" + entry.label() + "': train_size " + entry.trainSize() + " is more than"
            + " its " + available.getAsInt() + " training pairs; set train_size = " + available.getAsInt()
            + " (or less) in its [[problems]] entry");
      }
      long observations = suite.reference().published()
          ? Math.min(suite.reference().observations(), problem.referenceObservations().size()) : suite.testSize();
      long bytes = observations * suite.samples() * problem.parameterDim() * Float.BYTES;
      if (bytes > heapBytes / 2) {
        throw new BenchmarkException(String.format(java.util.Locale.ROOT, "problem '%s': %d observations x %d samples"
            + " x %d parameters need %.1f GB for one method's posteriors, more than half of the %.1f GB heap; lower"
            + " 'samples' or 'test_size', or raise the heap (INN_JAVA_OPTS=-Xmx...)", entry.label(), observations,
            suite.samples(), problem.parameterDim(), bytes / 1e9, heapBytes / 1e9));
      }
    }
  }

  private ProblemResults runProblem(Suite suite, ProblemEntry entry) {
    Problem problem = registry.find(ProblemProvider.class, entry.plugin()).create(entry.settings());
    if (entry.store().isPresent()) {
      // training pairs from the store, test set and metrics from the problem itself
      problem = dev.inn.problems.store.StoredProblem.wrap(entry.plugin(), problem, entry.settings(),
          entry.store().get());
    }
    List<ReferenceObservation> published = suite.reference().published() ? publishedObservations(suite, entry, problem)
        : List.of();
    Dataset test = published.isEmpty() ? problem.testSet(suite.testSize(), suite.testSeed()) : asTestSet(published);
    Matrix prior = problem.prior().map(p -> p.sample(Math.max(2000, suite.testSize()), Seeds.combine(suite.testSeed(), 1)))
        .orElse(test.x());
    float[] scale = standardDeviations(prior);
    List<String> notes = new ArrayList<>();

    // which metrics apply, and the ground truth they need
    Map<MetricEntry, Metric> metrics = new LinkedHashMap<>();
    Map<MetricEntry, String> unavailable = new LinkedHashMap<>();
    String groundTruth = published.isEmpty() ? groundTruthSource(suite, problem)
        : "published reference posteriors of " + published.size() + " observations";
    for (MetricEntry m : suite.metrics()) {
      Metric metric = registry.find(Metric.class, m.plugin());
      metrics.put(m, metric);
      Availability a = metric.availability(problem, m.settings());
      if (!a.available()) {
        unavailable.put(m, a.reason());
      } else if (metric.needsReference() && groundTruth.startsWith("none")) {
        unavailable.put(m, "no ground truth: " + groundTruth.substring(6));
      } else if (metric.needsReference() && suite.reference().observations() == 0) {
        unavailable.put(m, "no ground truth: reference.observations = 0");
      }
    }
    unavailable.forEach((m, reason) -> notes.add(m.plugin() + ": n/a (" + reason + ")"));
    List<String> columns = new ArrayList<>();
    Map<String, String> columnMetric = new LinkedHashMap<>();
    for (Map.Entry<MetricEntry, Metric> e : metrics.entrySet()) {
      for (String c : e.getValue().columns(problem, e.getKey().settings())) {
        if (columnMetric.putIfAbsent(c, e.getKey().plugin()) == null) {
          columns.add(c);
        }
      }
    }
    if (problem.observationShape().ragged()) {
      // sets and sequences: the share of test observations the summary-space check flags
      columns.add(MISFIT_COLUMN);
      columnMetric.put(MISFIT_COLUMN, "misspecification check");
    }
    boolean referenceNeeded = metrics.entrySet().stream()
        .anyMatch(e -> e.getValue().needsReference() && !unavailable.containsKey(e.getKey()));
    int referenceCount = referenceNeeded ? Math.min(suite.reference().observations(), test.size()) : 0;

    // figure observations: the chosen y* first, then (2-D x) one per distinct label
    List<float[]> figureObs = new ArrayList<>();
    List<float[]> figureTruth = new ArrayList<>();
    if (suite.figures().enabled()) {
      figureObservations(entry, problem, test, figureObs, figureTruth);
    }

    long firstSeed = suite.seeds().get(0);
    Dataset firstData = null;
    List<Matrix> references = List.of();
    List<Matrix> figureReferences = List.of();
    if (!published.isEmpty()) {
      if (referenceCount > 0 || !figureObs.isEmpty()) {
        List<Matrix> all = new ArrayList<>();
        for (int i = 0; i < Math.max(referenceCount, figureObs.isEmpty() ? 0 : 1); i++) {
          all.add(published.get(i).posterior().get());
          progress.update("load reference posteriors " + entry.label(), i + 1, referenceCount, "");
        }
        references = all.subList(0, referenceCount);
        figureReferences = figureObs.isEmpty() ? List.of() : List.of(all.get(0));
      }
      notes.add("ground truth: " + groundTruth);
    } else if (referenceCount > 0 || (!figureObs.isEmpty() && !groundTruth.startsWith("none"))) {
      firstData = problem.sample(entry.trainSize(), firstSeed);
      ReferenceSampler ref = new ReferenceSampler(registry, suite, problem, firstData, progress);
      List<float[]> wanted = new ArrayList<>();
      for (int i = 0; i < referenceCount; i++) {
        wanted.add(RaggedRows.observation(test, i, problem.observationShape()));
      }
      wanted.addAll(figureObs);
      List<Matrix> all = ref.sample(wanted, "ground truth " + entry.label());
      references = all.subList(0, referenceCount);
      figureReferences = all.subList(referenceCount, all.size());
      notes.add("ground truth: " + ref.description());
    } else if (!groundTruth.startsWith("none")) {
      notes.add("ground truth: not needed by the chosen metrics and figures");
    } else {
      notes.add("ground truth: " + groundTruth.substring(6));
    }

    List<MethodResults> perSeed = new ArrayList<>();
    for (long seed : suite.seeds()) {
      Dataset data = seed == firstSeed && firstData != null ? firstData : problem.sample(entry.trainSize(), seed);
      for (MethodEntry method : suite.methodsFor(entry.label())) {
        runs++;
        Optional<MethodResults> kept = checkpoint.find(entry.label(), method.label(), seed);
        if (kept.isPresent()) {
          // finished before an interruption: the same bytes as recomputing it, without the work
          perSeed.add(kept.get());
          progress.update("resume: " + method.label() + " on " + entry.label() + " (seed " + seed + ")", 1, 1,
              "finished earlier, kept");
          continue;
        }
        try {
          MethodResults finished = runMethod(suite, entry, problem, test, data, seed, method, metrics, unavailable,
              references, scale, seed == firstSeed ? figureObs : List.of());
          checkpoint.put(entry.label(), finished);
          perSeed.add(finished);
        } catch (BenchmarkException e) {
          // one failing method must not cost the others their finished results: its row says why
          failures.add(e.getMessage());
          String reason = "failed: " + e.getMessage();
          notes.add(method.label() + " " + reason);
          progress.update("method failed", 1, 1, e.getMessage());
          Map<String, Cell> failed = new LinkedHashMap<>();
          columns.forEach(c -> failed.put(c, Cell.notAvailable(reason)));
          perSeed.add(new MethodResults(method.label(), method.plugin(), seed, failed, Map.of(), List.of(reason),
              TrainingHistory.empty(), 0, 0, 0, List.of(), null));
        }
      }
    }
    Map<String, Map<String, Cell>> summary = summarise(suite, entry, perSeed, columns);
    return new ProblemResults(entry, problem, columns, columnMetric, perSeed, summary, figureObs, figureTruth,
        figureReferences, groundTruth.startsWith("none") ? "" : groundTruth, prior, notes);
  }

  /** The first {@code reference.observations} published observations, or an error naming the problem. */
  private static List<ReferenceObservation> publishedObservations(Suite suite, ProblemEntry entry, Problem problem) {
    List<ReferenceObservation> all = problem.referenceObservations();
    if (all.isEmpty()) {
      throw new BenchmarkException("problem '" + entry.label() + "' publishes no reference observations, but the suite"
          + " sets [reference] source = \"published\"; use source = \"method\" for it");
    }
    int n = Math.min(all.size(), suite.reference().observations());
    if (n < 1) {
      throw new BenchmarkException("[reference] observations = 0 leaves nothing to evaluate on problem '"
          + entry.label() + "'");
    }
    return all.subList(0, n);
  }

  private static Dataset asTestSet(List<ReferenceObservation> published) {
    float[][] x = new float[published.size()][];
    float[][] y = new float[published.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = published.get(i).trueParameters();
      y[i] = published.get(i).observation();
    }
    return new Dataset(Matrix.of(x), Matrix.of(y));
  }

  /** "exact posterior", "ABC (method 'abc')" or "none: <reason>". */
  private String groundTruthSource(Suite suite, Problem problem) {
    if (problem.exactPosterior().isPresent()) {
      return "exact posterior";
    }
    if (problem.simulator().isEmpty()) {
      return "none: problem '" + problem.name() + "' has neither an exact posterior nor a simulator";
    }
    if (!registry.all(MethodProvider.class).containsKey(suite.reference().method())) {
      return "none: the reference method '" + suite.reference().method() + "' is not installed";
    }
    return "method '" + suite.reference().method() + "'";
  }

  private static void figureObservations(ProblemEntry entry, Problem problem, Dataset test, List<float[]> obs,
      List<float[]> truth) {
    Optional<float[]> chosen = entry.observation();
    if (chosen.isPresent()) {
      if (!problem.observationShape().ragged() && chosen.get().length != problem.observationDim()) {
        throw new IllegalArgumentException("problem '" + entry.label() + "': observation has " + chosen.get().length
            + " values, the problem's y has " + problem.observationDim() + " (" + problem.observationNames() + ")");
      }
      obs.add(chosen.get());
      truth.add(null);
    } else {
      obs.add(RaggedRows.observation(test, 0, problem.observationShape()));
      truth.add(test.x().row(0));
    }
    if (problem.parameterDim() == 2) {
      // one panel per distinct label (8 modes), else a few test observations
      List<float[]> distinct = new ArrayList<>();
      for (int i = 0; i < test.size() && distinct.size() <= 8; i++) {
        float[] y = RaggedRows.observation(test, i, problem.observationShape());
        if (distinct.stream().noneMatch(d -> Arrays.equals(d, y))) {
          distinct.add(y);
        }
      }
      if (distinct.size() > 8) {
        distinct = distinct.subList(0, 3);
      }
      distinct.sort((a, b) -> Arrays.compare(b, a));
      for (float[] y : distinct) {
        if (obs.stream().noneMatch(o -> Arrays.equals(o, y))) {
          obs.add(y);
          truth.add(null);
        }
      }
    }
  }

  /** The report column of the summary-space misspecification check (sets and sequences). */
  static final String MISFIT_COLUMN = "flagged misspecified (%)";

  /**
   * The posteriors of one method for every test observation, and what producing them cost.
   *
   * @param instance the trained method, null for a sequential one (one model per observation)
   */
  private record Posteriors(PosteriorMethod instance, TrainingHistory history, double trainSeconds,
      double sampleSeconds, List<Matrix> posteriors, List<String> notes, int flagged, int checked) {}

  /** One model trained on {@code data}, sampled for every test observation. */
  private Posteriors amortized(Suite suite, Problem problem, Dataset test, Dataset data, long seed, MethodEntry method,
      String where) {
    PosteriorMethod instance = registry.find(MethodProvider.class, method.plugin()).create(problem, method.settings());
    long t0 = System.nanoTime();
    TrainingHistory history;
    try {
      history = instance.train(data, new TrainingContext(Seeds.combine(seed, 11), progress));
    } catch (RuntimeException e) {
      throw new BenchmarkException(where + " failed in training: " + e.getMessage(), e);
    }
    double trainSeconds = (System.nanoTime() - t0) / 1e9;

    long t1 = System.nanoTime();
    List<Matrix> posteriors = new ArrayList<>(test.size());
    List<String> outOfRangeNotes = new ArrayList<>();
    int flagged = 0;
    int checked = 0;
    String task = "sample " + method.label();
    for (int i = 0; i < test.size(); i++) {
      Matrix s;
      try {
        float[] observation = RaggedRows.observation(test, i, problem.observationShape());
        if (instance instanceof MisspecificationCheck check) {
          java.util.Optional<MisspecificationCheck.Misfit> misfit = check.misfit(observation);
          if (misfit.isPresent()) {
            checked++;
            flagged += misfit.get().flagged() ? 1 : 0;
          }
        }
        for (String warning : instance.outOfRange(observation)) {
          String note = "test observation " + i + ": " + warning + " (samples extrapolate)";
          if (outOfRangeNotes.size() < 5) {
            outOfRangeNotes.add(note);
          }
        }
        s = instance.sample(observation, suite.samples(), Seeds.combine(seed, 1000 + i));
      } catch (RuntimeException e) {
        throw new BenchmarkException(where + " failed in sampling test observation " + i + ": " + e.getMessage(), e);
      }
      if (s.rows() != suite.samples() || s.cols() != problem.parameterDim() || s.firstNonFinite() >= 0) {
        throw new BenchmarkException(where + " returned " + s.rows() + " x " + s.cols() + " samples for test observation "
            + i + (s.firstNonFinite() >= 0 ? " with non-finite values" : "") + "; expected " + suite.samples() + " x "
            + problem.parameterDim());
      }
      posteriors.add(s);
      progress.update(task, i + 1, test.size(), "");
    }
    double sampleSeconds = (System.nanoTime() - t1) / 1e9;
    return new Posteriors(instance, history, trainSeconds, sampleSeconds, posteriors, outOfRangeNotes, flagged,
        checked);
  }

  /**
   * One sequential run per test observation, each spending the problem's train_size simulations
   * (counted, never exceeded); the report's notes give the count and wall time per observation.
   */
  private Posteriors sequential(Suite suite, ProblemEntry entry, Problem problem, Dataset test, long seed,
      MethodEntry method, String where) {
    if (entry.store().isPresent()) {
      throw new BenchmarkException(where + ": a sequential method simulates its own pairs; problem '" + entry.label()
          + "' reads its training pairs from a store");
    }
    SequentialOptions options = method.sequential().get();
    SequentialPosteriors.Outcome o;
    try {
      SequentialConfig config = SequentialConfig.of(entry.trainSize(), options.rounds(), options.quantile());
      List<float[]> observations = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        observations.add(RaggedRows.observation(test, i, problem.observationShape()));
      }
      o = new SequentialPosteriors(registry, entry.plugin(), entry.settings(), problem, method.plugin(),
          method.settings(), config).run(observations, suite.samples(), seed, progress);
    } catch (RuntimeException e) {
      throw new BenchmarkException(where + " failed in its sequential runs: " + e.getMessage(), e);
    }
    double seconds = java.util.Arrays.stream(o.seconds()).sum();
    return new Posteriors(null, TrainingHistory.empty(), seconds, o.sampleSeconds(), o.posteriors(),
        o.notes(entry.trainSize(), options.rounds()), 0, 0);
  }

  private MethodResults runMethod(Suite suite, ProblemEntry entry, Problem problem, Dataset test, Dataset data, long seed,
      MethodEntry method, Map<MetricEntry, Metric> metrics, Map<MetricEntry, String> unavailable, List<Matrix> references,
      float[] scale, List<float[]> figureObs) {
    String where = "method '" + method.label() + "' on problem '" + entry.label() + "' (seed " + seed + ")";
    Posteriors p = method.sequential().isPresent() ? sequential(suite, entry, problem, test, seed, method, where)
        : amortized(suite, problem, test, data, seed, method, where);
    PosteriorMethod instance = p.instance();
    TrainingHistory history = p.history();
    double trainSeconds = p.trainSeconds();
    List<Matrix> posteriors = p.posteriors();
    List<String> outOfRangeNotes = p.notes();
    int flagged = p.flagged();
    int checked = p.checked();
    double sampleSeconds = p.sampleSeconds();

    long t2 = System.nanoTime();
    MetricInput input = new MetricInput(problem, test.y(), test.x(), posteriors, references, scale, Seeds.combine(seed, 7));
    Map<String, Cell> cells = new LinkedHashMap<>();
    Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>(outOfRangeNotes);
    boolean ragged = problem.observationShape().ragged();
    if (checked > 0 && (ragged || flagged > 0)) {
      notes.add(String.format(java.util.Locale.ROOT, "misspecification check: %d of %d test observations flagged"
          + " (summary-space p < %.2f)", flagged, checked, MisspecificationCheck.FLAG_LEVEL));
    }
    if (ragged && checked > 0) {
      double share = (double) flagged / checked;
      cells.put(MISFIT_COLUMN, Cell.of(100 * share, 100 * Math.sqrt(share * (1 - share) / checked)));
    } else if (ragged) {
      cells.put(MISFIT_COLUMN, Cell.notAvailable("the method keeps no summary-space check"));
    }
    int done = 0;
    for (Map.Entry<MetricEntry, Metric> e : metrics.entrySet()) {
      MetricEntry m = e.getKey();
      List<String> cols = e.getValue().columns(problem, m.settings());
      String reason = unavailable.get(m);
      if (reason != null) {
        cols.forEach(c -> cells.putIfAbsent(c, Cell.notAvailable(reason)));
      } else {
        Measurement measurement;
        try {
          measurement = e.getValue().measure(input, m.settings());
        } catch (RuntimeException ex) {
          throw new BenchmarkException("metric '" + m.plugin() + "' failed for " + where + ": " + ex.getMessage(), ex);
        }
        Bootstrap.Estimate est = Bootstrap.estimate(measurement, suite.bootstrap(), Seeds.combine(seed, 99));
        for (int c = 0; c < cols.size(); c++) {
          cells.putIfAbsent(cols.get(c), Cell.of(est.values()[c], est.standardErrors()[c]));
        }
        if (!measurement.curves().isEmpty()) {
          curves.put(m.plugin(), measurement.curves());
        }
        notes.addAll(measurement.notes());
      }
      progress.update("evaluate " + method.label(), ++done, metrics.size(), m.plugin());
    }
    double evaluateSeconds = (System.nanoTime() - t2) / 1e9;

    List<Matrix> figureSamples = new ArrayList<>();
    for (int i = 0; instance != null && i < figureObs.size(); i++) {
      figureSamples.add(instance.sample(figureObs.get(i), suite.figures().samples(), Seeds.combine(seed, 500_000 + i)));
    }
    LatentMap latent = null;
    if (!figureSamples.isEmpty()) {
      if (instance instanceof LatentEncoder encoder && encoder.latentDim() == 2) {
        Matrix x = figureSamples.get(0);
        latent = new LatentMap(encoder.encode(x), x);
      }
    }
    return new MethodResults(method.label(), method.plugin(), seed, cells, curves, notes, history, trainSeconds,
        sampleSeconds, evaluateSeconds, figureSamples, latent);
  }

  /**
   * Mean over seeds; standard error sqrt(var_between_seeds / S + mean bootstrap variance):
   * the test set is shared by all seeds, so its sampling noise does not average out.
   */
  private static Map<String, Map<String, Cell>> summarise(Suite suite, ProblemEntry entry, List<MethodResults> perSeed,
      List<String> columns) {
    Map<String, Map<String, Cell>> out = new LinkedHashMap<>();
    for (MethodEntry method : suite.methodsFor(entry.label())) {
      List<MethodResults> runs = perSeed.stream().filter(r -> r.method().equals(method.label())).toList();
      Map<String, Cell> row = new LinkedHashMap<>();
      for (String c : columns) {
        Cell first = runs.get(0).cells().get(c);
        if (!first.available()) {
          row.put(c, first);
          continue;
        }
        double[] v = runs.stream().mapToDouble(r -> r.cells().get(c).value()).toArray();
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double bootVar = runs.stream().mapToDouble(r -> sq(r.cells().get(c).se())).average().orElse(Double.NaN);
        double between = 0;
        for (double x : v) {
          between += sq(x - mean);
        }
        between = v.length > 1 ? between / (v.length - 1) : 0;
        row.put(c, Cell.of(mean, Math.sqrt(between / v.length + bootVar)));
      }
      out.put(method.label(), row);
    }
    return out;
  }

  private static double sq(double x) {
    return x * x;
  }

  private static float[] standardDeviations(Matrix x) {
    float[] out = new float[x.cols()];
    for (int c = 0; c < x.cols(); c++) {
      float[] col = x.column(c);
      double mean = 0;
      for (float v : col) {
        mean += v;
      }
      mean /= col.length;
      double var = 0;
      for (float v : col) {
        var += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(var / Math.max(1, col.length - 1));
      out[c] = sd > 0 ? (float) sd : 1f;
    }
    return out;
  }

  /** Bootstrap resampling of test observations. */
  static final class Bootstrap {
    record Estimate(double[] values, double[] standardErrors) {}

    static Estimate estimate(Measurement m, int resamples, long seed) {
      int n = m.observationCount();
      double[] values = m.summarise(dev.inn.bench.metrics.Statistics.all(n));
      double[] se = new double[values.length];
      if (resamples < 2 || n < 2) {
        Arrays.fill(se, Double.NaN);
        return new Estimate(values, se);
      }
      double[] sum = new double[values.length];
      double[] sumSq = new double[values.length];
      int[] counts = new int[values.length];
      SplittableRandom r = new SplittableRandom(seed);
      int[] idx = new int[n];
      for (int b = 0; b < resamples; b++) {
        for (int i = 0; i < n; i++) {
          idx[i] = r.nextInt(n);
        }
        double[] v = m.summarise(idx);
        for (int c = 0; c < v.length; c++) {
          if (!Double.isNaN(v[c])) {
            sum[c] += v[c];
            sumSq[c] += v[c] * v[c];
            counts[c]++;
          }
        }
      }
      for (int c = 0; c < se.length; c++) {
        double mean = sum[c] / counts[c];
        se[c] = counts[c] < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sumSq[c] - counts[c] * mean * mean) / (counts[c] - 1)));
      }
      return new Estimate(values, se);
    }
  }
}
