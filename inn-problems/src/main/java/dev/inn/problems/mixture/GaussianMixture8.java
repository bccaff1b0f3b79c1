package dev.inn.problems.mixture;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.ModeStructure;
import dev.inn.api.problem.Simulation;
import dev.inn.problems.noiseless.NoiselessProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The 8-mode Gaussian mixture of the paper (Sec. 4.1, Fig. 2): x in R^2 from eight isotropic
 * Gaussians (sigma 0.2, equal weights) on a circle, y = one-hot class of the nearest centre in
 * R^8 (always eight columns, unused classes stay zero). The exact posterior is the set of
 * components carrying the observed label, with their relative weights.
 */
public final class GaussianMixture8 extends NoiselessProblem {

  /** The registered name. */
  public static final String NAME = "gaussian-mixture-8";

  /** Standard deviation of every component. */
  public static final double SIGMA = 0.2;

  /** Number of components, and of columns of y. */
  public static final int COMPONENTS = 8;

  private static final double[][] CENTRES = {
      {-2.4142, 1}, {-1, 2.4142}, {1, 2.4142}, {2.4142, 1},
      {2.4142, -1}, {1, -2.4142}, {-1, -2.4142}, {-2.4142, -1}};

  private final LabelMap labels;

  public GaussianMixture8(LabelMap labels) {
    this.labels = labels;
  }

  /** The component centres (a copy), clockwise, one {x1, x2} per component. */
  public static double[][] centres() {
    double[][] out = new double[COMPONENTS][];
    for (int i = 0; i < COMPONENTS; i++) {
      out[i] = CENTRES[i].clone();
    }
    return out;
  }

  /** Standard deviation of every component. */
  public double sigma() {
    return SIGMA;
  }

  public LabelMap labelMap() {
    return labels;
  }

  /** The class of component {@code component} under this problem's label map. */
  public int componentLabel(int component) {
    return labels.labelOf(component);
  }

  /** The components that carry class {@code label}, in index order. */
  public int[] componentsWithLabel(int label) {
    return java.util.stream.IntStream.range(0, COMPONENTS).filter(c -> labels.labelOf(c) == label).toArray();
  }

  /** The one-hot observation of class {@code label}. */
  public static float[] oneHot(int label) {
    float[] y = new float[COMPONENTS];
    y[label] = 1f;
    return y;
  }

  /** The index of the component whose centre is nearest to (x1, x2). */
  public static int nearestComponent(double x1, double x2) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int c = 0; c < COMPONENTS; c++) {
      double dx = x1 - CENTRES[c][0];
      double dy = x2 - CENTRES[c][1];
      double d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  /**
   * The class an observation stands for: the argmax of a (possibly soft) one-hot vector.
   *
   * @throws IllegalArgumentException if the vector has the wrong length, a non-finite entry,
   *     or points at a class no component carries
   */
  public int observedLabel(float[] observation) {
    if (observation.length != COMPONENTS) {
      throw new IllegalArgumentException(NAME + ": an observation has " + COMPONENTS
          + " values (one-hot class), got " + observation.length);
    }
    int best = 0;
    for (int i = 0; i < COMPONENTS; i++) {
      if (!Float.isFinite(observation[i])) {
        throw new IllegalArgumentException(NAME + ": observation value " + i + " is " + observation[i]
            + "; expected a finite one-hot vector");
      }
      if (observation[i] > observation[best]) {
        best = i;
      }
    }
    if (best >= labels.classCount()) {
      throw new IllegalArgumentException(NAME + ": observation points at class " + best + " but labels \""
          + labels.settingName() + "\" have only classes 0.." + (labels.classCount() - 1));
    }
    return best;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("x1", "x2");
  }

  @Override
  public List<String> observationNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < COMPONENTS; i++) {
      names.add("class" + i);
    }
    return List.copyOf(names);
  }

  /** Labels carry no continuous information, so z keeps both dimensions of x. */
  @Override
  public int latentDim() {
    return 2;
  }

  /** The components as modes: those carrying the observed label share its posterior equally. */
  @Override
  public Optional<ModeStructure> modes() {
    return Optional.of(new ModeStructure() {
      @Override
      public double[][] centres() {
        return GaussianMixture8.centres();
      }

      @Override
      public double radius() {
        return 3 * sigma();
      }

      @Override
      public int[] modesFor(float[] observation) {
        return componentsWithLabel(observedLabel(observation));
      }
    });
  }

  @Override
  public Optional<PosteriorSampler> exactPosterior() {
    return Optional.of(this::samplePosterior);
  }

  @Override
  protected Matrix drawPrior(int n, long seed) {
    return drawFromComponents(java.util.stream.IntStream.range(0, COMPONENTS).toArray(), n, seed);
  }

  /** Equal-weight draws from the given components. */
  private static Matrix drawFromComponents(int[] components, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double[] c = CENTRES[components[rng.nextInt(components.length)]];
      out[2 * i] = (float) (c[0] + SIGMA * rng.nextGaussian());
      out[2 * i + 1] = (float) (c[1] + SIGMA * rng.nextGaussian());
    }
    return new Matrix(n, 2, out);
  }

  @Override
  protected Simulation simulate(Matrix x) {
    checkWidth(x);
    float[] y = new float[x.rows() * COMPONENTS];
    boolean[] valid = new boolean[x.rows()];
    for (int i = 0; i < x.rows(); i++) {
      float a = x.get(i, 0);
      float b = x.get(i, 1);
      if (!Float.isFinite(a) || !Float.isFinite(b)) {
        Arrays.fill(y, i * COMPONENTS, (i + 1) * COMPONENTS, Float.NaN);
        continue;
      }
      y[i * COMPONENTS + labels.labelOf(nearestComponent(a, b))] = 1f;
      valid[i] = true;
    }
    return new Simulation(new Matrix(x.rows(), COMPONENTS, y), valid);
  }

  private Matrix samplePosterior(float[] observation, int n, long seed) {
    return drawFromComponents(componentsWithLabel(observedLabel(observation)), n, seed);
  }

  private static void checkWidth(Matrix x) {
    if (x.cols() != 2) {
      throw new IllegalArgumentException(NAME + ": x has 2 columns, got " + x.cols());
    }
  }
}
