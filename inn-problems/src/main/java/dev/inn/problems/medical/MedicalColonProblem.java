package dev.inn.problems.medical;

import dev.inn.api.random.Seeds;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.NoiselessForward;
import dev.inn.api.problem.Simulator;
import dev.inn.api.problem.Support;
import dev.inn.problems.store.InvalidSimulations;
import dev.inn.problems.store.SimulationBatch;
import dev.inn.problems.store.SimulationSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Functional tissue parameters from multispectral reflectance (paper Sec. 4.2): x = 13 colon
 * model parameters, y = the 8 normalised noisy camera bands. Training and test pairs come
 * from a pre-generated data set (Monte Carlo is hours of CPU); the simulator is the generator's
 * full model (Monte Carlo and camera noise), the noiseless forward the Monte Carlo without camera
 * noise, for re-simulation errors.
 */
public final class MedicalColonProblem implements Problem, SimulationSource {

  private static final List<String> OBSERVATIONS = observationNames(MultispectralCamera.STANDARD);

  private final String dataLocation;
  private final ColonReflectanceSimulator reflectance;
  private final int threads;
  private final long simulationSeed;
  private volatile ColonDataSet data;

  /**
   * @param dataLocation folder of a generated data set, or empty for the bundled one
   * @param budget photon budget of re-simulation
   * @param threads threads of re-simulation (0: all cores)
   * @param simulationSeed seed of re-simulation; row i of a batch uses a seed derived from it and i
   */
  public MedicalColonProblem(String dataLocation, PhotonBudget budget, int threads, long simulationSeed) {
    this.dataLocation = dataLocation;
    this.reflectance = ColonReflectanceSimulator.standard(budget);
    this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
    this.simulationSeed = simulationSeed;
  }

  private static List<String> observationNames(MultispectralCamera camera) {
    List<String> names = new ArrayList<>();
    for (double c : camera.centresNm()) {
      names.add(String.format(Locale.ROOT, "band_%.0fnm", c));
    }
    return List.copyOf(names);
  }

  @Override
  public String name() {
    return MedicalColonProvider.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return ColonModel.parameterNames();
  }

  @Override
  public List<String> observationNames() {
    return OBSERVATIONS;
  }

  /** As in the paper (Table 3): z has the full 13 dimensions, y's 8 bands are noisy. */
  @Override
  public int latentDim() {
    return ColonModel.PARAMETERS;
  }

  /** The data set behind {@link #sample} and {@link #testSet}, read on first use. */
  public ColonDataSet dataSet() {
    ColonDataSet d = data;
    if (d == null) {
      synchronized (this) {
        d = data;
        if (d == null) {
          d = dataLocation.isEmpty() ? ColonDataSet.bundled() : ColonDataSet.open(Path.of(dataLocation));
          data = d;
        }
      }
    }
    return d;
  }

  @Override
  public Dataset sample(int n, long seed) {
    return dataSet().train(n, seed);
  }

  @Override
  public Dataset testSet(int n, long seed) {
    return dataSet().test(n, seed);
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of(MedicalColonProblem::samplePrior);
  }

  /** The prior's bounds: uniform ranges, a_mie positive. */
  @Override
  public Optional<Support> support() {
    return Optional.of(ColonModel.priorSupport());
  }

  /** Prior draws; row i uses the seed the generator uses for its row i under the same seed. */
  static Matrix samplePrior(int n, long seed) {
    float[] out = new float[n * ColonModel.PARAMETERS];
    for (int i = 0; i < n; i++) {
      double[] x = ColonModel.drawPrior(new SplittableRandom(ColonDataGenerator.priorSeed(seed, i)));
      for (int k = 0; k < x.length; k++) {
        out[i * x.length + k] = (float) x[k];
      }
    }
    return new Matrix(n, ColonModel.PARAMETERS, out);
  }

  /**
   * Fresh pairs as the data set generator makes them (x from the prior, Monte Carlo band
   * reflectance, camera noise at the generator's SNR, normalisation): row r uses the seeds the
   * generator derives from (seed, r), so {@code inn simulate medical-colon} is the generator
   * writing into a simulation store.
   */
  @Override
  public SimulationBatch simulate(long firstRow, int n, long seed) {
    double[][] xs = new double[n][];
    for (int i = 0; i < n; i++) {
      xs[i] = ColonModel.drawPrior(new SplittableRandom(ColonDataGenerator.priorSeed(seed, firstRow + i)));
    }
    float[] rows = ColonDataGenerator.simulateRows(reflectance, xs, seed, ColonDataGenerator.rowRange(firstRow, n),
        ColonDataGenerator.DEFAULT_SNR, threads);
    int p = ColonModel.PARAMETERS;
    int bands = OBSERVATIONS.size();
    float[] x = new float[n * p];
    float[] y = new float[n * bands];
    for (int i = 0; i < n; i++) {
      int o = i * GenerationSettings.COLUMNS;
      System.arraycopy(rows, o, x, i * p, p);
      // columns: x, noiseless band reflectance, noisy normalised y, photons
      System.arraycopy(rows, o + p + bands, y, i * bands, bands);
    }
    return new SimulationBatch(new Dataset(new Matrix(n, p, x), new Matrix(n, bands, y)), InvalidSimulations.NONE);
  }

  /** Threads change the speed of the Monte Carlo, never its numbers. */
  @Override
  public java.util.Set<String> executionSettings() {
    return java.util.Set.of("threads");
  }

  /**
   * The generator's model for given x: Monte Carlo band reflectance, camera noise at the
   * generator's SNR, normalisation; row r seeded as the generator's row r. Rows that describe no
   * physical tissue (see {@link ColonModel#whyUnphysical}) are invalid.
   */
  @Override
  public Optional<Simulator> simulator() {
    return Optional.of((x, seed, firstRow) -> {
      List<Integer> where = physicalRows(x);
      double[][] rows = new double[where.size()][];
      long[] index = new long[where.size()];
      for (int j = 0; j < rows.length; j++) {
        rows[j] = rowOf(x, where.get(j));
        index[j] = firstRow + where.get(j);
      }
      int bands = OBSERVATIONS.size();
      float[] out = ColonDataGenerator.simulateRows(reflectance, rows, seed, index, ColonDataGenerator.DEFAULT_SNR,
          threads);
      float[] y = new float[x.rows() * bands];
      Arrays.fill(y, Float.NaN);
      boolean[] valid = new boolean[x.rows()];
      for (int j = 0; j < rows.length; j++) {
        int i = where.get(j);
        System.arraycopy(out, j * GenerationSettings.COLUMNS + ColonModel.PARAMETERS + bands, y, i * bands, bands);
        valid[i] = true;
      }
      return new Simulation(new Matrix(x.rows(), bands, y), valid);
    });
  }

  /**
   * Monte Carlo without camera noise, normalised like the observations, for re-simulation; row i
   * of a batch is seeded from {@code simulation_seed} and i. Rows that describe no physical tissue
   * are invalid.
   */
  @Override
  public Optional<NoiselessForward> noiselessForward() {
    return Optional.of(this::withoutCameraNoise);
  }

  private Simulation withoutCameraNoise(Matrix x) {
    int bands = OBSERVATIONS.size();
    boolean[] valid = new boolean[x.rows()];
    List<Integer> where = physicalRows(x);
    double[][] rows = new double[where.size()][];
    long[] seeds = new long[where.size()];
    for (int j = 0; j < rows.length; j++) {
      int i = where.get(j);
      rows[j] = rowOf(x, i);
      seeds[j] = Seeds.task(simulationSeed, i);
      valid[i] = true;
    }
    float[] y = new float[x.rows() * bands];
    Arrays.fill(y, Float.NaN);
    BandReflectance[] r = reflectance.simulate(rows, seeds, threads);
    for (int j = 0; j < r.length; j++) {
      double[] obs = Measurement.normalize(r[j].reflectance());
      int i = where.get(j);
      for (int k = 0; k < bands; k++) {
        y[i * bands + k] = (float) obs[k];
      }
    }
    return new Simulation(new Matrix(x.rows(), bands, y), valid);
  }

  private static List<Integer> physicalRows(Matrix x) {
    if (x.cols() != ColonModel.PARAMETERS) {
      throw new IllegalArgumentException("medical-colon simulator needs " + ColonModel.PARAMETERS + " columns ("
          + String.join(", ", ColonModel.parameterNames()) + "), got " + x.cols());
    }
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < x.rows(); i++) {
      if (ColonModel.whyUnphysical(rowOf(x, i)) == null) {
        where.add(i);
      }
    }
    return where;
  }

  private static double[] rowOf(Matrix x, int i) {
    double[] row = new double[x.cols()];
    for (int k = 0; k < row.length; k++) {
      row[k] = x.get(i, k);
    }
    return row;
  }
}
