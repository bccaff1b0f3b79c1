package dev.inn.bench.metrics;

/**
 * Settings of the classifier two-sample test {@link C2st}. The defaults ({@link #sbibm()}) are
 * those of sbibm's {@code c2st}: scikit-learn's {@code MLPClassifier} defaults with Adam, z-scoring
 * with the reference, 5 shuffled folds.
 *
 * @param maxSamples each set is cut to at most this many rows (a seeded random subset) before testing
 * @param folds cross-validation folds (the value is the mean held-out accuracy over them)
 * @param maxEpochs cap on training epochs per fold (sbibm allows 10 000; the stopping rule ends far earlier)
 * @param hiddenPerDim hidden units per layer as a multiple of the dimension (two hidden layers)
 * @param batchSize minibatch size (capped at the training set size)
 * @param learningRate Adam step size
 * @param alpha L2 penalty: alpha / (2 b) * ||W||^2 added to the mean log-loss of a batch of size b
 * @param tolerance the minimum improvement of the epoch training loss that resets the patience count
 * @param patience training stops once more than this many epochs in a row did not improve by {@code tolerance}
 * @param zScore standardise both sets with the reference's mean and sample standard deviation
 */
public record C2stOptions(int maxSamples, int folds, int maxEpochs, int hiddenPerDim, int batchSize, double learningRate,
    double alpha, double tolerance, int patience, boolean zScore) {

  public C2stOptions {
    if (folds < 2) {
      throw new IllegalArgumentException("c2st needs at least 2 folds, got " + folds);
    }
    if (maxSamples < 1 || maxEpochs < 1 || hiddenPerDim < 1 || batchSize < 1 || patience < 0) {
      throw new IllegalArgumentException("c2st options must be positive: " + maxEpochs + " epochs, "
          + hiddenPerDim + " hidden per dim, batch " + batchSize + ", patience " + patience);
    }
  }

  /** sbibm's settings (scikit-learn defaults, 10 000 samples a side), with epochs capped at 1000. */
  public static C2stOptions sbibm() {
    return new C2stOptions(10_000, 5, 1000, 10, 200, 1e-3, 1e-4, 1e-4, 10, true);
  }

  /** These options with a different cap on the rows of each set. */
  public C2stOptions withMaxSamples(int n) {
    return new C2stOptions(n, folds, maxEpochs, hiddenPerDim, batchSize, learningRate, alpha, tolerance, patience, zScore);
  }

  /** These options with a different number of folds. */
  public C2stOptions withFolds(int k) {
    return new C2stOptions(maxSamples, k, maxEpochs, hiddenPerDim, batchSize, learningRate, alpha, tolerance, patience, zScore);
  }

  /** These options with a different epoch cap. */
  public C2stOptions withMaxEpochs(int epochs) {
    return new C2stOptions(maxSamples, folds, epochs, hiddenPerDim, batchSize, learningRate, alpha, tolerance, patience, zScore);
  }

  /** These options with or without z-scoring. */
  public C2stOptions withZScore(boolean z) {
    return new C2stOptions(maxSamples, folds, maxEpochs, hiddenPerDim, batchSize, learningRate, alpha, tolerance, patience, z);
  }
}
