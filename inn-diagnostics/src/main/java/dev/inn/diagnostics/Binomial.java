package dev.inn.diagnostics;

/** The binomial distribution's CDF for a fixed n and p, tabulated once (for ECDF bands). */
final class Binomial {

  private final double[] cdf;

  Binomial(int n, double p) {
    cdf = new double[n + 1];
    if (p <= 0 || p >= 1) {
      java.util.Arrays.fill(cdf, p <= 0 ? 1 : 0);
      cdf[n] = 1;
      return;
    }
    // pmf by its ratio recursion in log space, so large n does not underflow (1-p)^n
    double logPmf = n * Math.log1p(-p);
    double logRatio = Math.log(p) - Math.log1p(-p);
    double[] log = new double[n + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k <= n; k++) {
      log[k] = logPmf;
      max = Math.max(max, logPmf);
      logPmf += Math.log((double) (n - k) / (k + 1)) + logRatio;
    }
    double total = 0;
    for (int k = 0; k <= n; k++) {
      total += Math.exp(log[k] - max);
      cdf[k] = total;
    }
    for (int k = 0; k <= n; k++) {
      cdf[k] /= total;
    }
  }

  /** P(K <= k); 0 below 0 and 1 from n on. */
  double cdf(int k) {
    return k < 0 ? 0 : k >= cdf.length ? 1 : cdf[k];
  }

  /** The smallest k with P(K <= k) >= q. */
  int quantile(double q) {
    for (int k = 0; k < cdf.length; k++) {
      if (cdf[k] >= q - 1e-12) {
        return k;
      }
    }
    return cdf.length - 1;
  }
}
