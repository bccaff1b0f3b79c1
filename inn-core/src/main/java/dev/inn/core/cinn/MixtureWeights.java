package dev.inn.core.cinn;

/**
 * Weights of a mixture of fixed densities that maximise the likelihood of held-out rows, by
 * expectation-maximisation: each step sets a weight to the mean responsibility of its
 * component. The likelihood is concave in the weights, so this converges to the optimum from
 * equal weights.
 */
final class MixtureWeights {

  private static final int MAX_ITERATIONS = 500;
  private static final double TOLERANCE = 1e-9;

  private MixtureWeights() {}

  /**
   * @param logDensity {@code logDensity[k][i]}: log-density of component k at held-out row i
   * @return one weight per component, summing to 1
   */
  static double[] fit(double[][] logDensity) {
    int k = logDensity.length;
    int n = logDensity[0].length;
    double[] weights = new double[k];
    java.util.Arrays.fill(weights, 1.0 / k);
    double[] responsibility = new double[k];
    double previous = Double.NEGATIVE_INFINITY;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] sum = new double[k];
      double logLikelihood = 0;
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          responsibility[c] = weights[c] > 0 ? Math.log(weights[c]) + logDensity[c][i] : Double.NEGATIVE_INFINITY;
          max = Math.max(max, responsibility[c]);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
          continue; // a row no component can explain says nothing about the weights
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
          responsibility[c] = Math.exp(responsibility[c] - max);
          total += responsibility[c];
        }
        for (int c = 0; c < k; c++) {
          sum[c] += responsibility[c] / total;
        }
        logLikelihood += max + Math.log(total);
      }
      double rows = 0;
      for (double s : sum) {
        rows += s;
      }
      if (rows == 0) {
        return weights;
      }
      for (int c = 0; c < k; c++) {
        weights[c] = sum[c] / rows;
      }
      if (logLikelihood - previous < TOLERANCE * Math.max(1, Math.abs(logLikelihood))) {
        break;
      }
      previous = logLikelihood;
    }
    return weights;
  }
}
