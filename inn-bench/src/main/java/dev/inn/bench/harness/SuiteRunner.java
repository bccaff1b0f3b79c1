package dev.inn.bench.harness;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.LatentEncoder;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.MisspecificationCheck;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.api.random.Seeds;
import dev.inn.bench.suite.MethodEntry;
import dev.inn.bench.sequential.SequentialConfig;
import dev.inn.bench.sequential.SequentialPosteriors;
import dev.inn.bench.suite.MetricEntry;
import dev.inn.bench.suite.SequentialOptions;
import dev.inn.bench.suite.ProblemEntry;
import dev.inn.bench.suite.Suite;
import dev.inn.core.observation.RaggedRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final TrainedModels models = new TrainedModels();
  private int runs;

  /** A runner that keeps nothing between runs. */
  public SuiteRunner(PluginLookup registry, ProgressListener progress) {
    this(registry, progress, Checkpoint.none());
  }

  /** A runner that keeps each finished run in {@code checkpoint} and takes the runs it already holds from there. */
  public SuiteRunner(PluginLookup registry, ProgressListener progress, Checkpoint checkpoint) {
    this.registry = registry;
    this.progress = progress;
    this.checkpoint = checkpoint;
  }

  /**
   * Runs every problem of the suite in order and returns its results.
   *
   * @throws BenchmarkException when the suite cannot run at all (memory, train_size) or when no
   *     run finished
   */
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
    models.nextEntry();
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

    GroundTruth groundTruth = published.isEmpty() ? GroundTruth.of(registry, suite, problem)
        : GroundTruth.published(published.size());
    MetricPlan plan = MetricPlan.of(registry, suite, problem, groundTruth);
    List<String> notes = new ArrayList<>(plan.notes());
    int referenceCount = plan.needsReferences() ? Math.min(suite.reference().observations(), test.size()) : 0;
    FigureObservations figures = suite.figures().enabled() ? FigureObservations.of(entry, problem, test)
        : FigureObservations.none();
    ReferencePosteriors references = referencePosteriors(suite, entry, problem, test, published, groundTruth,
        referenceCount, figures);
    notes.add(references.note());

    List<MethodResults> perSeed = runSeeds(suite, entry, problem, test, plan, references, scale, figures, notes);
    Map<String, Map<String, Cell>> summary = summarise(suite, entry, perSeed, plan.columns());
    return new ProblemResults(entry, problem, plan.columns(), plan.columnMetric(), perSeed, summary,
        figures.observations(), figures.truths(), references.forFigures(), groundTruth.label(), prior, notes);
  }

  /**
   * The reference posteriors the metrics and figures need: the published ones, or samples of the
   * exact posterior or of the reference method (trained on the first seed's training set); none
   * when nothing needs them or there is no ground truth.
   */
  private ReferencePosteriors referencePosteriors(Suite suite, ProblemEntry entry, Problem problem, Dataset test,
      List<ReferenceObservation> published, GroundTruth groundTruth, int referenceCount, FigureObservations figures) {
    if (groundTruth.source() == GroundTruth.Source.PUBLISHED) {
      if (referenceCount == 0 && figures.isEmpty()) {
        return ReferencePosteriors.none("ground truth: " + groundTruth.description());
      }
      List<Matrix> all = new ArrayList<>();
      for (int i = 0; i < Math.max(referenceCount, figures.isEmpty() ? 0 : 1); i++) {
        all.add(published.get(i).posterior().get());
        progress.update("load reference posteriors " + entry.label(), i + 1, referenceCount, "");
      }
      return new ReferencePosteriors(all.subList(0, referenceCount), figures.isEmpty() ? List.of() : List.of(all.get(0)),
          Optional.empty(), "ground truth: " + groundTruth.description());
    }
    if (referenceCount > 0 || (!figures.isEmpty() && groundTruth.available())) {
      Dataset firstData = problem.sample(entry.trainSize(), suite.seeds().get(0));
      ReferenceSampler ref = new ReferenceSampler(registry, suite, problem, firstData, progress);
      List<float[]> wanted = new ArrayList<>();
      for (int i = 0; i < referenceCount; i++) {
        wanted.add(RaggedRows.observation(test, i, problem.observationShape()));
      }
      wanted.addAll(figures.observations());
      List<Matrix> all = ref.sample(wanted, "ground truth " + entry.label());
      return new ReferencePosteriors(all.subList(0, referenceCount), all.subList(referenceCount, all.size()),
          Optional.of(firstData), "ground truth: " + ref.description());
    }
    return ReferencePosteriors.none(groundTruth.available() ? "ground truth: not needed by the chosen metrics and figures"
        : "ground truth: " + groundTruth.description());
  }

  /**
   * Trains and evaluates every method of the problem for every seed, in suite order; a run kept
   * in the checkpoint is taken from there, and a failing run leaves a row that says why.
   */
  private List<MethodResults> runSeeds(Suite suite, ProblemEntry entry, Problem problem, Dataset test, MetricPlan plan,
      ReferencePosteriors references, float[] scale, FigureObservations figures, List<String> notes) {
    long firstSeed = suite.seeds().get(0);
    List<MethodResults> perSeed = new ArrayList<>();
    for (long seed : suite.seeds()) {
      Dataset data = seed == firstSeed && references.firstTrainingSet().isPresent() ? references.firstTrainingSet().get()
          : problem.sample(entry.trainSize(), seed);
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
          MethodResults finished = runMethod(suite, entry, problem, test, data, seed, method, plan.metrics(),
              plan.unavailable(), references.forMetrics(), scale, seed == firstSeed ? figures.observations() : List.of());
          checkpoint.put(entry.label(), finished);
          perSeed.add(finished);
        } catch (BenchmarkException e) {
          // one failing method must not cost the others their finished results: its row says why
          failures.add(e.getMessage());
          String reason = "failed: " + e.getMessage();
          notes.add(method.label() + " " + reason);
          progress.update("method failed", 1, 1, e.getMessage());
          Map<String, Cell> failed = new LinkedHashMap<>();
          plan.columns().forEach(c -> failed.put(c, Cell.notAvailable(reason)));
          perSeed.add(new MethodResults(method.label(), method.plugin(), seed, failed, Map.of(), List.of(reason),
              TrainingHistory.empty(), 0, 0, 0, List.of(), null));
        }
      }
    }
    return perSeed;
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

  /**
   * The posteriors of one method for every test observation, and what producing them cost.
   *
   * @param instance the trained method, null for a sequential one (one model per observation)
   */
  private record Posteriors(PosteriorMethod instance, TrainingHistory history, double trainSeconds,
      double sampleSeconds, List<Matrix> posteriors, List<String> notes, int flagged, int checked) {}

  /**
   * One model trained on {@code data} (or the same model an entry just before trained, see
   * {@link TrainedModels}), sampled for every test observation.
   */
  private Posteriors amortized(Suite suite, ProblemEntry entry, Problem problem, Dataset test, Dataset data, long seed,
      MethodEntry method, String where) {
    Optional<TrainedModels.Trained> shared = models.find(entry.plugin(), method.plugin(), method.settings(), seed, data);
    TrainedModels.Trained trained = shared.isPresent() ? shared.get() : train(entry, problem, data, seed, method, where);
    PosteriorMethod instance = trained.instance();
    TrainingHistory history = trained.history();
    double trainSeconds = trained.trainSeconds();

    long t1 = System.nanoTime();
    List<Matrix> posteriors = new ArrayList<>(test.size());
    List<String> outOfRangeNotes = new ArrayList<>();
    shared.ifPresent(t -> outOfRangeNotes.add(String.format(java.util.Locale.ROOT, "the model trained for '%s' (the same"
        + " training pairs, settings and seed; training %.0f s), scored on this entry's test observations", t.entry(),
        t.trainSeconds())));
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

  /** Trains a new model and keeps it for the entries after this one. */
  private TrainedModels.Trained train(ProblemEntry entry, Problem problem, Dataset data, long seed, MethodEntry method,
      String where) {
    PosteriorMethod instance = registry.find(MethodProvider.class, method.plugin()).create(problem, method.settings());
    long t0 = System.nanoTime();
    TrainingHistory history;
    try {
      history = instance.train(data, new TrainingContext(Seeds.combine(seed, 11), progress));
    } catch (RuntimeException e) {
      throw new BenchmarkException(where + " failed in training: " + e.getMessage(), e);
    }
    TrainedModels.Trained trained = new TrainedModels.Trained(instance, history, (System.nanoTime() - t0) / 1e9,
        entry.label());
    models.put(entry.plugin(), method.plugin(), method.settings(), seed, data, trained);
    return trained;
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
      SequentialConfig config = SequentialConfig.of(entry.trainSize(), options.rounds(), options.quantile())
          .withAllPairs(options.allPairs());
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
        : amortized(suite, entry, problem, test, data, seed, method, where);
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
      cells.put(MetricPlan.MISFIT_COLUMN, Cell.of(100 * share, 100 * Math.sqrt(share * (1 - share) / checked)));
    } else if (ragged) {
      cells.put(MetricPlan.MISFIT_COLUMN, Cell.notAvailable("the method keeps no summary-space check"));
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

  /** The parameter scale of the metrics: each column's standard deviation (1 for a constant column). */
  private static float[] standardDeviations(Matrix x) {
    double[] sd = x.columnStandardDeviations();
    float[] out = new float[sd.length];
    for (int c = 0; c < sd.length; c++) {
      out[c] = sd[c] > 0 ? (float) sd[c] : 1f;
    }
    return out;
  }

}
