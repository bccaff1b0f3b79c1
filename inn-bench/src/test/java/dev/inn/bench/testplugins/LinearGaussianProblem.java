package dev.inn.bench.testplugins;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.NoiselessForward;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.Seeds;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only problem with a known answer: x ~ N(0, I_2), y = x0 + x1 + N(0, noise^2). The
 * posterior is Gaussian with covariance (I + a a^T / s^2)^-1 and mean cov a y / s^2, a = (1, 1).
 * The simulator marks rows with x0 > 50 invalid so tests can check invalid counting.
 */
public final class LinearGaussianProblem implements ProblemProvider {

  /** Pairs sampled or simulated by every instance so far, for tests that nothing was simulated. */
  public static final AtomicLong SAMPLED = new AtomicLong();

  @Override
  public String name() {
    return "test-linear-gaussian";
  }

  @Override
  public String description() {
    return "test only: y = x0 + x1 + noise with an exact Gaussian posterior";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("noise", 0.5);
  }

  @Override
  public void validate(Settings settings) {
    if (!(settings.getDouble("noise") >= 0)) {
      throw new ConfigurationException("noise", "setting 'noise' of " + settings.owner() + " must be at least 0, got "
          + settings.getDouble("noise"));
    }
  }

  @Override
  public Problem create(Settings settings) {
    return new Instance(settings.getDouble("noise"));
  }

  /** The problem for a noise level. */
  public static Problem instance(double noise) {
    return new Instance(noise);
  }

  private record Instance(double noise) implements Problem {

    @Override
    public String name() {
      return "test-linear-gaussian";
    }

    @Override
    public List<String> parameterNames() {
      return List.of("x0", "x1");
    }

    @Override
    public List<String> observationNames() {
      return List.of("y");
    }

    @Override
    public Dataset sample(int n, long seed) {
      SAMPLED.addAndGet(n);
      SplittableRandom r = new SplittableRandom(seed);
      float[] x = new float[2 * n];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        x[2 * i] = (float) gaussian(r);
        x[2 * i + 1] = (float) gaussian(r);
        y[i] = (float) (x[2 * i] + x[2 * i + 1] + noise * gaussian(r));
      }
      return new Dataset(new Matrix(n, 2, x), new Matrix(n, 1, y));
    }

    @Override
    public Optional<Prior> prior() {
      return Optional.of((n, seed) -> sample(n, seed).x());
    }

    /** y = x1 + x2 + noise, row i's noise from the stream Seeds.derive(seed, firstRow + i). */
    @Override
    public Optional<Simulator> simulator() {
      return Optional.of((x, seed, firstRow) -> {
        SAMPLED.addAndGet(x.rows());
        Simulation s = noiseless(x);
        float[] y = s.y().data().clone();
        for (int i = 0; i < x.rows(); i++) {
          y[i] += (float) (noise * gaussian(new SplittableRandom(Seeds.derive(seed, firstRow + i))));
        }
        return new Simulation(new Matrix(x.rows(), 1, y), s.valid());
      });
    }

    @Override
    public Optional<NoiselessForward> noiselessForward() {
      return Optional.of(this::noiseless);
    }

    private Simulation noiseless(Matrix x) {
      {
        float[] y = new float[x.rows()];
        boolean[] valid = new boolean[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
          valid[i] = x.get(i, 0) <= 50;
          y[i] = valid[i] ? x.get(i, 0) + x.get(i, 1) : Float.NaN;
        }
        return new Simulation(new Matrix(x.rows(), 1, y), valid);
      }
    }

    @Override
    public Optional<PosteriorSampler> exactPosterior() {
      return Optional.of((obs, n, seed) -> posterior(obs[0], 1.0, n, seed));
    }

    /** Draws from the exact posterior with its spread scaled by {@code spread} (< 1: overconfident). */
    Matrix posterior(double y, double spread, int n, long seed) {
      double s2 = noise * noise;
      // cov = (I + a a^T / s2)^-1 = I - a a^T / (s2 + 2)
      double diag = 1 - 1 / (s2 + 2);
      double off = -1 / (s2 + 2);
      double mean = y / (s2 + 2);
      double l11 = Math.sqrt(diag);
      double l21 = off / l11;
      double l22 = Math.sqrt(diag - l21 * l21);
      SplittableRandom r = new SplittableRandom(seed);
      float[] out = new float[2 * n];
      for (int i = 0; i < n; i++) {
        double e1 = gaussian(r);
        double e2 = gaussian(r);
        out[2 * i] = (float) (mean + spread * l11 * e1);
        out[2 * i + 1] = (float) (mean + spread * (l21 * e1 + l22 * e2));
      }
      return new Matrix(n, 2, out);
    }
  }

  /** A standard normal draw (Box-Muller), so tests do not depend on JDK generator details. */
  static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** Exact posterior draws with a spread factor, for calibration tests. */
  public static Matrix posteriorSamples(Problem problem, double y, double spread, int n, long seed) {
    return ((Instance) problem).posterior(y, spread, n, seed);
  }
}
