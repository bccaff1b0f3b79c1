package dev.inn.problems.external;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
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
  private final long simulationSeed;
  private final List<String> command;
  private final File directory;
  private final Framing framing;
  private final int workers;
  private final double timeoutSeconds;
  private SimulatorPool pool;

  /**
   * @param command the program and its arguments
   * @param directory working directory of the processes, or null for the current one
   * @param workers simulator processes running at once
   * @param batchRows rows per request
   * @param timeoutSeconds longest a batch may take before its process is killed
   * @param maxInvalidFraction share of invalid simulations above which a run fails
   * @param simulationSeed seed of {@link #simulator()} (re-simulation), mixed with a call counter-free batch index
   */
  public ExternalProblem(List<String> command, File directory, Framing framing, DeclaredPrior prior,
      List<String> observationNames, int workers, int batchRows, double timeoutSeconds, double maxInvalidFraction,
      long simulationSeed) {
    this.command = List.copyOf(command);
    this.directory = directory;
    this.framing = framing;
    this.prior = prior;
    this.observationNames = List.copyOf(observationNames);
    this.workers = workers;
    this.batchRows = batchRows;
    this.timeoutSeconds = timeoutSeconds;
    this.maxInvalidFraction = maxInvalidFraction;
    this.simulationSeed = simulationSeed;
  }

  private synchronized SimulatorPool pool() {
    if (pool == null) {
      pool = new SimulatorPool(command, directory, framing, observationNames.size(), workers, timeoutSeconds);
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
    SimulationBatch b = simulate(n, seed);
    if (b.invalid().total() > 0) {
      System.err.println("external simulator: " + b.invalid().report());
    }
    return b.data();
  }

  /**
   * {@code n} valid pairs. Round r simulates the rows still missing in batches; batch b of round r
   * draws x and the simulator's seed from streams derived from (seed, r, b), so the result does
   * not depend on which worker ran which batch.
   */
  @Override
  public SimulationBatch simulate(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot simulate " + n + " pairs");
    }
    int dx = prior.dim();
    int dy = observationNames.size();
    float[] xs = new float[n * dx];
    float[] ys = new float[n * dy];
    int have = 0;
    long attempted = 0;
    InvalidSimulations invalid = InvalidSimulations.NONE;
    for (int round = 0; have < n; round++) {
      if (round >= MAX_ROUNDS) {
        throw new TooManyInvalidSimulationsException("external simulator: still " + (n - have) + " of " + n
            + " pairs missing after " + MAX_ROUNDS + " rounds; " + invalid.reportOneLine(), invalid);
      }
      int need = n - have;
      long roundSeed = Seeds.derive(seed, round);
      List<Matrix> batches = new ArrayList<>();
      List<Long> seeds = new ArrayList<>();
      for (int b = 0, start = 0; start < need; b++, start += batchRows) {
        long batchSeed = Seeds.derive(roundSeed, b);
        batches.add(prior.sample(Math.min(batchRows, need - start), Seeds.derive(batchSeed, 0)));
        seeds.add(Seeds.derive(batchSeed, 1));
      }
      List<SimulatorPool.Outcome> outcomes = pool().run(batches, seeds);
      for (int b = 0; b < batches.size(); b++) {
        Matrix x = batches.get(b);
        SimulatorPool.Outcome o = outcomes.get(b);
        attempted += x.rows();
        if (!o.ok()) {
          long rows = x.rows();
          InvalidSimulations fail = o.failure() == SimulatorPool.Failure.TIMEOUT
              ? new InvalidSimulations(rows, 0, 0, o.detail(), o.stderrTail())
              : new InvalidSimulations(0, rows, 0, o.detail(), o.stderrTail());
          invalid = invalid.plus(fail);
          continue;
        }
        int bad = 0;
        int firstBad = -1;
        for (int r = 0; r < x.rows(); r++) {
          if (!finiteRow(o.y(), r)) {
            bad++;
            firstBad = firstBad < 0 ? r : firstBad;
            continue;
          }
          System.arraycopy(x.data(), r * dx, xs, have * dx, dx);
          System.arraycopy(o.y().data(), r * dy, ys, have * dy, dy);
          have++;
        }
        if (bad > 0) {
          invalid = invalid.plus(new InvalidSimulations(0, 0, bad, bad + " of " + x.rows()
              + " rows of a batch had NaN or infinity in y, first at x = " + java.util.Arrays.toString(x.row(firstBad)),
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
    }
    return new SimulationBatch(new Dataset(new Matrix(n, dx, xs), new Matrix(n, dy, ys)), invalid);
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
   * The command's output for given x, with whatever noise the command adds (it cannot be
   * separated from an outside program). Batch b of a call uses a seed derived from
   * {@code simulation_seed} and b; failed batches and non-finite rows are invalid.
   */
  @Override
  public Optional<Simulator> simulator() {
    return Optional.of(this::resimulate);
  }

  private Simulation resimulate(Matrix x) {
    if (x.cols() != prior.dim()) {
      throw new IllegalArgumentException("external simulator takes " + prior.dim() + " parameters " + prior.names()
          + ", got " + x.cols() + " columns");
    }
    int dy = observationNames.size();
    List<Matrix> batches = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    for (int start = 0, b = 0; start < x.rows(); start += batchRows, b++) {
      batches.add(x.rows(start, Math.min(x.rows(), start + batchRows)));
      seeds.add(Seeds.derive(simulationSeed, b));
    }
    List<SimulatorPool.Outcome> outcomes = pool().run(batches, seeds);
    float[] y = new float[x.rows() * dy];
    boolean[] valid = new boolean[x.rows()];
    java.util.Arrays.fill(y, Float.NaN);
    for (int b = 0, start = 0; b < batches.size(); b++, start += batchRows) {
      SimulatorPool.Outcome o = outcomes.get(b);
      if (!o.ok()) {
        continue;
      }
      for (int r = 0; r < batches.get(b).rows(); r++) {
        if (finiteRow(o.y(), r)) {
          valid[start + r] = true;
          System.arraycopy(o.y().data(), r * dy, y, (start + r) * dy, dy);
        }
      }
    }
    return new Simulation(new Matrix(x.rows(), dy, y), valid);
  }

  /** Workers, the timeout and the failure threshold change how a run goes, not the numbers of its pairs. */
  @Override
  public java.util.Set<String> executionSettings() {
    return java.util.Set.of("workers", "timeout", "max_invalid_fraction");
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
