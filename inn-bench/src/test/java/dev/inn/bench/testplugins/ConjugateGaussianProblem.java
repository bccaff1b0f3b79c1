package dev.inn.bench.testplugins;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.NoiselessForward;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.Seeds;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Test-only conjugate Gaussian problem whose posterior is much narrower than its prior, so a
 * sequential run has something to truncate: x ~ N(0, 2^2 I_2), y = A x + N(0, 0.5^2 I_2) with
 * A = [[1, 0.8], [0.3, 1]]. The exact posterior is N(mu, S) with S = (I / 4 + A^T A / 0.25)^-1
 * and mu = S A^T y / 0.25, correlated through A.
 */
public final class ConjugateGaussianProblem implements ProblemProvider {

  static final double PRIOR_SD = 2;
  static final double NOISE = 0.5;
  static final double[][] A = {{1, 0.8}, {0.3, 1}};

  @Override
  public String name() {
    return "test-conjugate-gaussian";
  }

  @Override
  public String description() {
    return "test only: y = A x + noise, x ~ N(0, 4 I), with an exact Gaussian posterior";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of();
  }

  @Override
  public Problem create(Settings settings) {
    return new Instance();
  }

  /** The exact posterior covariance. */
  public static double[][] posteriorCovariance() {
    double[][] p = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double s = 0;
        for (int k = 0; k < 2; k++) {
          s += A[k][i] * A[k][j];
        }
        p[i][j] = s / (NOISE * NOISE) + (i == j ? 1 / (PRIOR_SD * PRIOR_SD) : 0);
      }
    }
    double det = p[0][0] * p[1][1] - p[0][1] * p[1][0];
    return new double[][] {{p[1][1] / det, -p[0][1] / det}, {-p[1][0] / det, p[0][0] / det}};
  }

  /** The exact posterior mean for y. */
  public static double[] posteriorMean(float[] y) {
    double[][] s = posteriorCovariance();
    double[] aty = new double[2];
    for (int i = 0; i < 2; i++) {
      aty[i] = (A[0][i] * y[0] + A[1][i] * y[1]) / (NOISE * NOISE);
    }
    return new double[] {s[0][0] * aty[0] + s[0][1] * aty[1], s[1][0] * aty[0] + s[1][1] * aty[1]};
  }

  /** n exact posterior draws for y. */
  public static Matrix posteriorSamples(float[] y, int n, long seed) {
    double[][] s = posteriorCovariance();
    double[] mu = posteriorMean(y);
    double l11 = Math.sqrt(s[0][0]);
    double l21 = s[1][0] / l11;
    double l22 = Math.sqrt(s[1][1] - l21 * l21);
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double z0 = r.nextGaussian();
      double z1 = r.nextGaussian();
      d[2 * i] = (float) (mu[0] + l11 * z0);
      d[2 * i + 1] = (float) (mu[1] + l21 * z0 + l22 * z1);
    }
    return new Matrix(n, 2, d);
  }

  private static final class Instance implements Problem {

    @Override
    public String name() {
      return "test-conjugate-gaussian";
    }

    @Override
    public List<String> parameterNames() {
      return List.of("x0", "x1");
    }

    @Override
    public List<String> observationNames() {
      return List.of("y0", "y1");
    }

    @Override
    public Dataset sample(int n, long seed) {
      Matrix x = drawPrior(n, seed);
      return new Dataset(x, simulate(x, Seeds.combine(seed, 1), 0).y());
    }

    @Override
    public Optional<Prior> prior() {
      return Optional.of(ConjugateGaussianProblem::drawPrior);
    }

    @Override
    public Optional<Simulator> simulator() {
      return Optional.of(this::simulate);
    }

    @Override
    public Optional<NoiselessForward> noiselessForward() {
      return Optional.of(x -> Simulation.allValid(apply(x, 0, 0, 0)));
    }

    @Override
    public Optional<PosteriorSampler> exactPosterior() {
      return Optional.of(ConjugateGaussianProblem::posteriorSamples);
    }

    private Simulation simulate(Matrix x, long seed, long firstRow) {
      return Simulation.allValid(apply(x, NOISE, seed, firstRow));
    }

    private static Matrix apply(Matrix x, double noise, long seed, long firstRow) {
      float[] y = new float[2 * x.rows()];
      for (int i = 0; i < x.rows(); i++) {
        SplittableRandom r = new SplittableRandom(Seeds.derive(seed, firstRow + i));
        for (int k = 0; k < 2; k++) {
          y[2 * i + k] = (float) (A[k][0] * x.get(i, 0) + A[k][1] * x.get(i, 1) + noise * r.nextGaussian());
        }
      }
      return new Matrix(x.rows(), 2, y);
    }
  }

  static Matrix drawPrior(int n, long seed) {
    float[] d = new float[2 * n];
    for (int i = 0; i < n; i++) {
      SplittableRandom r = new SplittableRandom(Seeds.derive(seed, i));
      d[2 * i] = (float) (PRIOR_SD * r.nextGaussian());
      d[2 * i + 1] = (float) (PRIOR_SD * r.nextGaussian());
    }
    return new Matrix(n, 2, d);
  }
}
