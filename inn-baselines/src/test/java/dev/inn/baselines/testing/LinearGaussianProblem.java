package dev.inn.baselines.testing;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * x ~ N(0, diag(sd^2)) in R^2, y = a . x (noiseless). The posterior given y* is the Gaussian
 * prior conditioned on the line a . x = y*: mean = S a y* / (a' S a),
 * covariance = S - S a a' S / (a' S a), with S the prior covariance.
 */
public final class LinearGaussianProblem implements Problem {

  private final double[] sd;
  private final double[] a;

  public LinearGaussianProblem(double[] sd, double[] a) {
    this.sd = sd.clone();
    this.a = a.clone();
  }

  private double aSa() {
    return a[0] * a[0] * sd[0] * sd[0] + a[1] * a[1] * sd[1] * sd[1];
  }

  /** Posterior mean for observation y. */
  public double[] posteriorMean(double y) {
    return new double[] {sd[0] * sd[0] * a[0] * y / aSa(), sd[1] * sd[1] * a[1] * y / aSa()};
  }

  /** Posterior covariance (independent of y). */
  public double[][] posteriorCovariance() {
    double[] sa = {sd[0] * sd[0] * a[0], sd[1] * sd[1] * a[1]};
    double[][] c = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        c[i][j] = (i == j ? sd[i] * sd[i] : 0) - sa[i] * sa[j] / aSa();
      }
    }
    return c;
  }

  @Override
  public String name() {
    return "linear-gaussian";
  }

  @Override
  public List<String> parameterNames() {
    return List.of("x1", "x2");
  }

  @Override
  public List<String> observationNames() {
    return List.of("y");
  }

  @Override
  public Dataset sample(int n, long seed) {
    Matrix x = draw(n, seed);
    return new Dataset(x, simulate(x).y());
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of(this::draw);
  }

  @Override
  public Optional<Simulator> simulator() {
    return Optional.of((x, seed, firstRow) -> simulate(x));
  }

  private Matrix draw(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[2 * n];
    for (int i = 0; i < 2 * n; i++) {
      out[i] = (float) (sd[i % 2] * rng.nextGaussian());
    }
    return new Matrix(n, 2, out);
  }

  private Simulation simulate(Matrix x) {
    float[] y = new float[x.rows()];
    for (int i = 0; i < x.rows(); i++) {
      y[i] = (float) (a[0] * x.get(i, 0) + a[1] * x.get(i, 1));
    }
    return Simulation.allValid(new Matrix(x.rows(), 1, y));
  }
}
