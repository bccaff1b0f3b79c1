package dev.inn.bench.metrics;

/** The chi-square test of a histogram against the uniform distribution. */
final class ChiSquare {

  private ChiSquare() {}

  /** P(X >= statistic) for X ~ chi-square with {@code bins - 1} degrees of freedom. */
  static double uniformityPValue(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0 || counts.length < 2) {
      return Double.NaN;
    }
    double expected = (double) total / counts.length;
    double stat = 0;
    for (long c : counts) {
      stat += (c - expected) * (c - expected) / expected;
    }
    return upperRegularizedGamma((counts.length - 1) / 2.0, stat / 2);
  }

  /** Q(a, x) = Gamma(a, x) / Gamma(a): a power series below a + 1, a continued fraction above. */
  static double upperRegularizedGamma(double a, double x) {
    if (x <= 0) {
      return 1;
    }
    double logPrefix = -x + a * Math.log(x) - logGamma(a);
    if (x < a + 1) {
      double term = 1 / a;
      double sum = term;
      for (int k = 1; k < 1000 && Math.abs(term) > 1e-15 * Math.abs(sum); k++) {
        term *= x / (a + k);
        sum += term;
      }
      return Math.max(0, 1 - sum * Math.exp(logPrefix));
    }
    // modified Lentz evaluation of the continued fraction for Gamma(a, x)
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double dd = 1 / b;
    double h = dd;
    for (int i = 1; i < 1000; i++) {
      double an = -i * (i - a);
      b += 2;
      dd = an * dd + b;
      if (Math.abs(dd) < tiny) {
        dd = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      dd = 1 / dd;
      double delta = dd * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return Math.min(1, Math.exp(logPrefix) * h);
  }

  /** ln Gamma(a) for a > 0 (Lanczos approximation, g = 7). */
  static double logGamma(double a) {
    double[] coef = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    if (a < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
    }
    double x = a - 1;
    double s = coef[0];
    for (int i = 1; i < coef.length; i++) {
      s += coef[i] / (x + i);
    }
    double t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
  }
}
