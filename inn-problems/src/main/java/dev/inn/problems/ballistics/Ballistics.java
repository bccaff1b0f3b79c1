package dev.inn.problems.ballistics;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Simulation;
import dev.inn.api.random.Seeds;
import dev.inn.problems.noiseless.NoiselessProblem;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ballistics with drag (Kruse et al. 2021): x = (start position x0, start height h0, launch
 * angle a, speed v0), y = where the descending trajectory reaches the ground.
 *
 * <p>Prior: x0 ~ N(0, 0.5^2), h0 = max(N(1.5, 0.5^2), 0), a ~ U(0.05 pi, 0.45 pi),
 * v0 ~ Poisson(15) (exact, by inversion of the Poisson distribution function).
 *
 * <p>Trajectories that never land are invalid (see {@link Trajectory#landingTime}); under the
 * prior this needs h0 = 0 and v0 = 0 at once (probability about 4e-10). {@link #sample} never
 * returns such a row: it redraws an invalid row from a stream derived from the seed and the row
 * index (and attempt number), so the result still depends on the seed alone.
 */
public final class Ballistics extends NoiselessProblem {

  /** The registered name. */
  public static final String NAME = "ballistics";

  public static final double X0_SD = 0.5;
  public static final double H0_MEAN = 1.5;
  public static final double H0_SD = 0.5;
  public static final double ANGLE_MIN = 0.1 * Math.PI / 2;
  public static final double ANGLE_MAX = 0.9 * Math.PI / 2;
  public static final double SPEED_MEAN = 15;

  private static final int PARALLEL_CHUNK = 1 << 14;
  private static final int MAX_REDRAWS = 1000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("x0", "h0", "angle", "v0");
  }

  @Override
  public List<String> observationNames() {
    return List.of("landing_x");
  }

  /**
   * Prior draws with their landing points. A row whose trajectory never lands is redrawn
   * from {@code Seeds.derive(seed, row)} (repeatedly if needed), see the class comment.
   */
  @Override
  public Dataset sample(int n, long seed) {
    Matrix x = drawPrior(n, seed);
    Simulation sim = simulate(x);
    float[] xs = x.data();
    float[] ys = sim.y().data();
    for (int i = 0; i < n; i++) {
      if (sim.valid()[i]) {
        continue;
      }
      SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, i));
      float[] row = new float[4];
      double y = Double.NaN;
      for (int attempt = 0; attempt < MAX_REDRAWS && Double.isNaN(y); attempt++) {
        drawRow(rng, row, 0);
        y = Trajectory.landingPosition(row[0], row[1], row[2], row[3]);
      }
      if (Double.isNaN(y)) {
        throw new IllegalStateException(NAME + ": no landing trajectory in " + MAX_REDRAWS + " prior redraws of row " + i);
      }
      System.arraycopy(row, 0, xs, 4 * i, 4);
      ys[i] = (float) y;
    }
    return new Dataset(x, new Matrix(n, 1, ys));
  }

  @Override
  protected Matrix drawPrior(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[4 * n];
    for (int i = 0; i < n; i++) {
      drawRow(rng, out, 4 * i);
    }
    return new Matrix(n, 4, out);
  }

  private static void drawRow(SplittableRandom rng, float[] out, int at) {
    out[at] = (float) (X0_SD * rng.nextGaussian());
    out[at + 1] = (float) Math.max(H0_MEAN + H0_SD * rng.nextGaussian(), 0.0);
    out[at + 2] = (float) (ANGLE_MIN + (ANGLE_MAX - ANGLE_MIN) * rng.nextDouble());
    out[at + 3] = poisson(rng, SPEED_MEAN);
  }

  /**
   * An exact Poisson(lambda) draw by inversion: walk the distribution function until it
   * exceeds a uniform. Fine for the moderate lambda used here (e^-lambda is far from underflow).
   */
  static int poisson(SplittableRandom rng, double lambda) {
    while (true) {
      double u = rng.nextDouble();
      double p = Math.exp(-lambda);
      double cdf = p;
      int k = 0;
      while (u > cdf && k < 10_000) {
        k++;
        p *= lambda / k;
        cdf += p;
      }
      if (u <= cdf) {
        return k;
      }
      // u fell in the rounding gap above the summed mass: draw again rather than bias the tail
    }
  }

  @Override
  protected Simulation simulate(Matrix x) {
    return simulateRows(x, 1, PARALLEL_CHUNK,
        (in, i, y) -> y[0] = Trajectory.landingPosition(in[i], in[i + 1], in[i + 2], in[i + 3]));
  }
}
