package dev.inn.problems.kinematics;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Depiction;
import dev.inn.api.problem.Simulation;
import dev.inn.problems.noiseless.NoiselessProblem;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Inverse kinematics of an arm on a vertical rail (paper Sec. 4.1, Fig. 3): x = (rail height,
 * three joint angles), y = the end point (vertical, horizontal), no measurement noise.
 */
public final class InverseKinematics extends NoiselessProblem {

  /** The registered name. */
  public static final String NAME = "inverse-kinematics";

  /** Prior standard deviations of x1 (height) and x2..x4 (angles). */
  public static final double HEIGHT_SD = 0.25;
  public static final double ANGLE_SD = 0.5;

  /** Segment lengths. */
  public static final double L1 = 0.5;
  public static final double L2 = 0.5;
  public static final double L3 = 1.0;

  /** The hard, bi-modal example of the paper's Fig. 3: y* = (0, 1.5). */
  public static final float[] HARD_OBSERVATION = {0f, 1.5f};

  /** Rows per task when a large batch is simulated in parallel. */
  private static final int PARALLEL_CHUNK = 1 << 16;

  /** A copy of the hard example y* = (0, 1.5). */
  public static float[] hardObservation() {
    return HARD_OBSERVATION.clone();
  }

  /** The end point {y1 (vertical), y2 (horizontal)} of one arm pose. */
  public static double[] endPoint(double x1, double x2, double x3, double x4) {
    double a2 = x3 - x2;
    double a3 = x4 - x2 - x3;
    return new double[] {
        x1 + L1 * Math.sin(x2) + L2 * Math.sin(a2) + L3 * Math.sin(a3),
        L1 * Math.cos(x2) + L2 * Math.cos(a2) + L3 * Math.cos(a3)};
  }

  /**
   * The joints of one arm pose x = (rail height, three angles): the rail point and the ends of
   * the three segments, each {horizontal, vertical}.
   */
  public static double[][] joints(float[] x) {
    double[] lengths = {L1, L2, L3};
    double[] angles = {x[1], x[2] - x[1], x[3] - x[1] - x[2]};
    double[][] p = new double[4][];
    p[0] = new double[] {0, x[0]};
    for (int s = 0; s < 3; s++) {
      p[s + 1] = new double[] {p[s][0] + lengths[s] * Math.cos(angles[s]), p[s][1] + lengths[s] * Math.sin(angles[s])};
    }
    return p;
  }

  /** The paper's Fig. 3: each sample drawn as an arm on the rail, the target y* as a cross. */
  @Override
  public Optional<Depiction> depiction() {
    return Optional.of(new Depiction() {
      @Override
      public String title() {
        return "Sampled arm poses (Fig. 3)";
      }

      @Override
      public String horizontalLabel() {
        return "horizontal (y2)";
      }

      @Override
      public String verticalLabel() {
        return "vertical (y1)";
      }

      @Override
      public double[] bounds() {
        return new double[] {-0.5, 2.5, -1.5, 1.5};
      }

      @Override
      public List<Mark> background(float[] observation) {
        return List.of(new Mark("rail", new double[][] {{0, -2.0}, {0, 2.0}}, Style.DASHED),
            new Mark("target", new double[][] {{observation[1], observation[0]}}, Style.CROSS));
      }

      @Override
      public double[][] shape(float[] x) {
        return joints(x);
      }
    });
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("height", "angle1", "angle2", "angle3");
  }

  @Override
  public List<String> observationNames() {
    return List.of("end_vertical", "end_horizontal");
  }

  @Override
  protected Matrix drawPrior(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[4 * n];
    for (int i = 0; i < n; i++) {
      out[4 * i] = (float) (HEIGHT_SD * rng.nextGaussian());
      out[4 * i + 1] = (float) (ANGLE_SD * rng.nextGaussian());
      out[4 * i + 2] = (float) (ANGLE_SD * rng.nextGaussian());
      out[4 * i + 3] = (float) (ANGLE_SD * rng.nextGaussian());
    }
    return new Matrix(n, 4, out);
  }

  @Override
  protected Simulation simulate(Matrix x) {
    return simulateRows(x, 2, PARALLEL_CHUNK, (in, i, y) -> {
      double x1 = in[i];
      double x2 = in[i + 1];
      double x3 = in[i + 2];
      double x4 = in[i + 3];
      double a2 = x3 - x2;
      double a3 = x4 - x2 - x3;
      y[0] = x1 + L1 * Math.sin(x2) + L2 * Math.sin(a2) + L3 * Math.sin(a3);
      y[1] = L1 * Math.cos(x2) + L2 * Math.cos(a2) + L3 * Math.cos(a3);
    });
  }
}
