package dev.inn.problems.external;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.problem.Support;
import dev.inn.api.random.Seeds;
import dev.inn.problems.store.InvalidSimulations;
import dev.inn.problems.store.SimulationBatch;
import dev.inn.problems.store.SimulationSource;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A problem whose forward process is a command in any language, run as long-lived worker
 * processes that answer batches of x with y (protocol: docs/external-simulators.md). x comes
 * from a {@link DeclaredPrior}; its support is the problem's support. A batch that overruns its
 * timeout or whose process crashes, and a row with NaN or infinity in its output, is an invalid
 * simulation: dropped, counted and replaced by fresh draws; when more than
 * {@code maxInvalidFraction} of the simulations are invalid the run stops with the counts and
 * the tail of the simulator's standard error.
 */
public final class ExternalProblem implements Problem, SimulationSource, AutoCloseable {

  /** The registered name. */
  public static final String NAME = "external";
  private static final int MAX_ROUNDS = 50;

  private final DeclaredPrior prior;
  private final List<String> observationNames;
  private final int batchRows;
  private final double maxInvalidFraction;
  private final List<String> command;
  private final File directory;
  private final Framing framing;
  private final int workers;
  private final double timeoutSeconds;
  private final ObservationShape shape;
  private final int maxLength;
  private SimulatorPool pool;

  /**
   * @param command the program and its arguments
   * @param directory working directory of the processes, or null for the current one
   * @param workers simulator processes running at once
   * @param batchRows rows per request
   * @param timeoutSeconds longest a batch may take before its process is killed
   * @param maxInvalidFraction share of invalid simulations above which a run fails
   */
  public ExternalProblem(List<String> command, File directory, Framing framing, DeclaredPrior prior,
      List<String> observationNames, int workers, int batchRows, double timeoutSeconds, double maxInvalidFraction) {
    this(command, directory, framing, prior, observationNames, new ObservationShape.Vector(observationNames.size()), 0,
        workers, batchRows, timeoutSeconds, maxInvalidFraction);
  }

  /**
   * As above, for a simulator whose observations have the given shape: for a set or sequence
   * {@code observationNames} name one element's values and a row has at most {@code maxLength}
   * elements.
   */
  public ExternalProblem(List<String> command, File directory, Framing framing, DeclaredPrior prior,
      List<String> observationNames, ObservationShape shape, int maxLength, int workers, int batchRows,
      double timeoutSeconds, double maxInvalidFraction) {
    this.shape = shape;
    this.maxLength = maxLength;
    this.command = List.copyOf(command);
    this.directory = directory;
    this.framing = framing;
    this.prior = prior;
    this.observationNames = List.copyOf(observationNames);
    this.workers = workers;
    this.batchRows = batchRows;
    this.timeoutSeconds = timeoutSeconds;
    this.maxInvalidFraction = maxInvalidFraction;
  }

  private synchronized SimulatorPool pool() {
    if (pool == null) {
      pool = new SimulatorPool(command, directory, framing, observationNames.size(), workers, timeoutSeconds);
      if (shape.ragged()) {
        pool.ragged(maxLength);
      }
    }
    return pool;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> parameterNames() {
    return prior.names();
  }

  @Override
  public List<String> observationNames() {
    return observationNames;
  }

  @Override
  public ObservationShape observationShape() {
    return shape;
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of(prior);
  }

  @Override
  public Optional<Support> support() {
    return prior.unbounded() ? Optional.empty() : Optional.of(prior.support());
  }

  /** Training pairs: {@link #simulate}'s valid pairs; invalid ones are reported on standard error. */
  @Override
  public Dataset sample(int n, long seed) {
    SimulationBatch b = simulate(0, n, seed);
    if (b.invalid().total() > 0) {
      System.err.println("external simulator: " + b.invalid().report());
    }
    return b.data();
  }

  /**
   * Rows {@code firstRow ..} of the run under {@code seed}, all valid. Row r draws x from the
   * prior with seed {@code Seeds.task(seed, r, 0)} and is simulated as row r of the
   * {@link #simulator()} under {@code Seeds.combine(seed, 1)}. A row whose simulation fails is
   * redrawn (attempt a: x from {@code Seeds.task(seed, r, a)}) and simulated alone under
   * {@code Seeds.combine(seed, 1 + a)}, so with batches aligned to {@code batch} rows the result
   * depends on neither the workers nor how the run is cut into calls.
   */
  @Override
  public SimulationBatch simulate(long firstRow, int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot simulate " + n + " pairs");
    }
    int dx = prior.dim();
    int dy = observationNames.size();
    float[] xs = new float[n * dx];
    float[] ys = new float[shape.ragged() ? 0 : n * dy];
    // sets and sequences: each row's elements, assembled into padded rows at the end
    float[][] elements = new float[shape.ragged() ? n : 0][];
    for (int i = 0; i < n; i++) {
      System.arraycopy(prior.sample(1, Seeds.task(seed, firstRow + i, 0)).data(), 0, xs, i * dx, dx);
    }
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pending.add(i);
    }
    long attempted = 0;
    InvalidSimulations invalid = InvalidSimulations.NONE;
    for (int round = 0; !pending.isEmpty(); round++) {
      if (round >= MAX_ROUNDS) {
        throw new TooManyInvalidSimulationsException("external simulator: still " + pending.size() + " of " + n
            + " pairs missing after " + MAX_ROUNDS + " rounds; " + invalid.reportOneLine(), invalid);
      }
      List<Request> requests = new ArrayList<>();
      if (round == 0) {
        requests.addAll(requests(new Matrix(n, dx, xs.clone()), Seeds.combine(seed, 1), firstRow));
      } else {
        for (int i : pending) {
          long r = firstRow + i;
          Matrix x = prior.sample(1, Seeds.task(seed, r, round));
          System.arraycopy(x.data(), 0, xs, i * dx, dx);
          requests.add(new Request(x, Seeds.derive(Seeds.combine(seed, 1 + round), r), i));
        }
      }
      List<SimulatorPool.Outcome> outcomes = pool().run(requests.stream().map(Request::x).toList(),
          requests.stream().map(Request::seed).toList());
      List<Integer> failed = new ArrayList<>();
      for (int b = 0; b < requests.size(); b++) {
        Request q = requests.get(b);
        SimulatorPool.Outcome o = outcomes.get(b);
        int rows = q.x().rows();
        attempted += rows;
        if (!o.ok()) {
          invalid = invalid.plus(o.failure() == SimulatorPool.Failure.TIMEOUT
              ? new InvalidSimulations(rows, 0, 0, o.detail(), o.stderrTail())
              : new InvalidSimulations(0, rows, 0, o.detail(), o.stderrTail()));
          for (int r = 0; r < rows; r++) {
            failed.add(q.first() + r);
          }
          continue;
        }
        int bad = 0;
        int firstBad = -1;
        for (int r = 0; r < rows; r++) {
          if (shape.ragged()) {
            float[] values = java.util.Arrays.copyOf(o.y().row(r), o.lengths()[r] * dy);
            if (values.length == 0 || !allFinite(values)) {
              bad++;
              firstBad = firstBad < 0 ? r : firstBad;
              failed.add(q.first() + r);
            } else {
              elements[q.first() + r] = values;
            }
            continue;
          }
          if (!finiteRow(o.y(), r)) {
            bad++;
            firstBad = firstBad < 0 ? r : firstBad;
            failed.add(q.first() + r);
            continue;
          }
          System.arraycopy(o.y().data(), r * dy, ys, (q.first() + r) * dy, dy);
        }
        if (bad > 0) {
          invalid = invalid.plus(new InvalidSimulations(0, 0, bad, bad + " of " + rows
              + " rows of a batch had NaN or infinity in y" + (shape.ragged() ? " or no elements" : "")
              + ", first at x = " + java.util.Arrays.toString(q.x().row(firstBad)),
              ""));
        }
      }
      if (invalid.total() > maxInvalidFraction * attempted) {
        throw new TooManyInvalidSimulationsException(String.format(Locale.ROOT,
            "external simulator: %d of %d simulations invalid (%.1f %%, more than max_invalid_fraction %.3g): %s",
            invalid.total(), attempted, 100.0 * invalid.total() / attempted, maxInvalidFraction,
            invalid.reportOneLine()),
            invalid);
      }
      failed.sort(null);
      pending = failed;
    }
    if (shape.ragged()) {
      int longest = 1;
      int[] lengths = new int[n];
      for (int i = 0; i < n; i++) {
        lengths[i] = elements[i].length / dy;
        longest = Math.max(longest, lengths[i]);
      }
      float[] padded = new float[n * longest * dy];
      for (int i = 0; i < n; i++) {
        System.arraycopy(elements[i], 0, padded, i * longest * dy, elements[i].length);
      }
      return new SimulationBatch(new Dataset(new Matrix(n, dx, xs), new Matrix(n, longest * dy, padded), lengths),
          invalid);
    }
    return new SimulationBatch(new Dataset(new Matrix(n, dx, xs), new Matrix(n, dy, ys)), invalid);
  }

  /** One request to a worker: rows of x, the seed it is sent with, and the batch row of its first row. */
  private record Request(Matrix x, long seed, int first) {}

  /**
   * x cut into requests at run rows that are multiples of {@code batch}: request k of the run
   * (rows k batch .. (k + 1) batch - 1, as far as x holds them) is sent with seed
   * {@code Seeds.derive(seed, k)}.
   */
  private List<Request> requests(Matrix x, long seed, long firstRow) {
    List<Request> out = new ArrayList<>();
    int i = 0;
    while (i < x.rows()) {
      long k = (firstRow + i) / batchRows;
      int end = (int) Math.min(x.rows(), (k + 1) * batchRows - firstRow);
      out.add(new Request(x.rows(i, end), Seeds.derive(seed, k), i));
      i = end;
    }
    return out;
  }

  private static boolean allFinite(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean finiteRow(Matrix y, int r) {
    for (int c = 0; c < y.cols(); c++) {
      if (!Float.isFinite(y.get(r, c))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The command's output for given x, with whatever noise the command adds. Rows are sent in
   * requests at run rows that are multiples of {@code batch}; request k goes with seed
   * {@code Seeds.derive(seed, k)}, so a call gives the same rows as a longer run that contains it
   * when it starts on such a multiple (the program seeds whole requests, not rows). Failed
   * requests and non-finite rows are invalid.
   */
  @Override
  public Optional<Simulator> simulator() {
    // re-simulation checks compare fixed-length observations; a simulator of sets or sequences
    // serves training through simulate() only
    return shape.ragged() ? Optional.empty() : Optional.of(this::simulateGiven);
  }

  private Simulation simulateGiven(Matrix x, long seed, long firstRow) {
    if (x.cols() != prior.dim()) {
      throw new IllegalArgumentException("external simulator takes " + prior.dim() + " parameters " + prior.names()
          + ", got " + x.cols() + " columns");
    }
    int dy = observationNames.size();
    List<Request> requests = requests(x, seed, firstRow);
    List<SimulatorPool.Outcome> outcomes = pool().run(requests.stream().map(Request::x).toList(),
        requests.stream().map(Request::seed).toList());
    float[] y = new float[x.rows() * dy];
    boolean[] valid = new boolean[x.rows()];
    java.util.Arrays.fill(y, Float.NaN);
    for (int b = 0; b < requests.size(); b++) {
      SimulatorPool.Outcome o = outcomes.get(b);
      Request q = requests.get(b);
      if (!o.ok()) {
        continue;
      }
      for (int r = 0; r < q.x().rows(); r++) {
        if (finiteRow(o.y(), r)) {
          valid[q.first() + r] = true;
          System.arraycopy(o.y().data(), r * dy, y, (q.first() + r) * dy, dy);
        }
      }
    }
    return new Simulation(new Matrix(x.rows(), dy, y), valid);
  }

  /** Workers, the timeout and the failure threshold change how a run goes, not the numbers of its pairs. */
  @Override
  public java.util.Set<String> executionSettings() {
    return java.util.Set.of("workers", "timeout", "max_invalid_fraction", "max_length");
  }

  /** Ends the simulator processes; the next use starts new ones. */
  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
