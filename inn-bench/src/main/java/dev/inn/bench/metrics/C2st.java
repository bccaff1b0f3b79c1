package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Classifier two-sample test (C2ST) as sbibm computes it: z-score both sets with the reference's
 * mean and sample standard deviation, label reference rows 0 and sample rows 1, and report the
 * mean held-out accuracy of an MLP classifier ({@link MlpClassifier}) over shuffled k-fold
 * cross-validation. 0.5 means the sets cannot be told apart, 1.0 that they are fully separable.
 *
 * <p>The folds train in parallel. The result depends only on the inputs, options and seed.
 */
public final class C2st {

  private C2st() {}

  /** C2ST with sbibm's settings ({@link C2stOptions#sbibm()}) and seed 1. */
  public static double score(Matrix reference, Matrix samples) {
    return score(reference, samples, C2stOptions.sbibm(), 1);
  }

  /**
   * The C2ST accuracy of telling {@code samples} from {@code reference}.
   *
   * @param reference ground-truth samples (n x dim), which also define the z-scoring
   * @param samples the samples under test (m x dim)
   * @param seed seeds the subsets, folds, initial weights and epoch shuffles
   */
  public static double score(Matrix reference, Matrix samples, C2stOptions options, long seed) {
    if (reference.cols() != samples.cols()) {
      throw new IllegalArgumentException("c2st: reference has " + reference.cols() + " columns, samples "
          + samples.cols());
    }
    SplittableRandom rng = new SplittableRandom(seed);
    // equal class sizes, as sbibm uses: otherwise chance accuracy is not 0.5
    int size = Math.min(options.maxSamples(), Math.min(reference.rows(), samples.rows()));
    Matrix r = subset(reference, size, rng.split());
    Matrix q = subset(samples, size, rng.split());
    int n = r.rows() + q.rows();
    if (r.rows() < 2 || q.rows() < 1 || n < options.folds()) {
      throw new IllegalArgumentException("c2st needs at least 2 reference rows, 1 sample row and "
          + options.folds() + " rows in all, got " + r.rows() + " and " + q.rows());
    }
    int d = r.cols();
    float[] x = new float[n * d];
    boolean[] y = new boolean[n];
    System.arraycopy(r.data(), 0, x, 0, r.data().length);
    System.arraycopy(q.data(), 0, x, r.data().length, q.data().length);
    for (int i = r.rows(); i < n; i++) {
      y[i] = true;
    }
    if (options.zScore()) {
      zScore(x, n, d, r);
    }
    int[][] folds = folds(n, options.folds(), rng.split());
    long modelSeed = rng.nextLong();
    // every fold's classifier starts from the same seed, as scikit-learn clones one random_state
    return IntStream.range(0, folds.length).parallel()
        .mapToDouble(f -> foldAccuracy(x, y, d, folds, f, options, new SplittableRandom(modelSeed)))
        .sum() / folds.length;
  }

  private static double foldAccuracy(float[] x, boolean[] y, int d, int[][] folds, int test, C2stOptions options,
      SplittableRandom rng) {
    int trainSize = 0;
    for (int f = 0; f < folds.length; f++) {
      trainSize += f == test ? 0 : folds[f].length;
    }
    float[] xTrain = new float[trainSize * d];
    boolean[] yTrain = new boolean[trainSize];
    int at = 0;
    for (int f = 0; f < folds.length; f++) {
      if (f != test) {
        for (int i : folds[f]) {
          System.arraycopy(x, i * d, xTrain, at * d, d);
          yTrain[at++] = y[i];
        }
      }
    }
    int[] held = folds[test];
    float[] xTest = new float[held.length * d];
    boolean[] yTest = new boolean[held.length];
    for (int i = 0; i < held.length; i++) {
      System.arraycopy(x, held[i] * d, xTest, i * d, d);
      yTest[i] = y[held[i]];
    }
    MlpClassifier net = MlpClassifier.train(xTrain, yTrain, d, options, rng);
    return (double) net.correct(xTest, yTest) / held.length;
  }

  /** Standardises every row with the reference's column means and sample (n - 1) standard deviations. */
  private static void zScore(float[] x, int n, int d, Matrix reference) {
    double[] means = reference.columnMeans();
    double[] sds = reference.columnStandardDeviations();
    for (int c = 0; c < d; c++) {
      double mean = means[c];
      double sd = sds[c];
      // a constant reference column carries no scale; leave it centred but unscaled rather than divide by 0
      double scale = sd > 0 ? 1 / sd : 1;
      for (int i = 0; i < n; i++) {
        x[i * d + c] = (float) ((x[i * d + c] - mean) * scale);
      }
    }
  }

  /**
   * A shuffled k-fold split like scikit-learn's {@code KFold(shuffle=True)}: a random permutation
   * cut into consecutive folds, the first n mod k of them one row longer.
   */
  static int[][] folds(int n, int k, SplittableRandom rng) {
    int[] perm = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[][] folds = new int[k][];
    int at = 0;
    for (int f = 0; f < k; f++) {
      int size = n / k + (f < n % k ? 1 : 0);
      folds[f] = java.util.Arrays.copyOfRange(perm, at, at + size);
      at += size;
    }
    return folds;
  }

  /** At most {@code max} rows of {@code m}: all of them, or a random subset in random order. */
  private static Matrix subset(Matrix m, int max, SplittableRandom rng) {
    if (m.rows() <= max) {
      return m;
    }
    int[] idx = IntStream.range(0, m.rows()).toArray();
    for (int i = 0; i < max; i++) {
      int j = i + rng.nextInt(m.rows() - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return m.selectRows(java.util.Arrays.copyOf(idx, max));
  }
}
