package dev.inn.problems.sets;

import java.util.SplittableRandom;

/**
 * The normal-inverse-gamma distribution of a normal model's (mu, sigma^2): sigma^2 ~
 * InvGamma(shape, rate) and mu | sigma^2 ~ N(mean, sigma^2 / count). It is conjugate: after
 * observing values y_1..y_n ~ N(mu, sigma^2) it is again normal-inverse-gamma ({@link #update}).
 *
 * @param mean the location of mu
 * @param count the prior's weight of mu in pseudo-observations (kappa)
 * @param shape the inverse gamma shape of sigma^2 (alpha)
 * @param rate the inverse gamma scale of sigma^2 (beta)
 */
public record NormalInverseGamma(double mean, double count, double shape, double rate) {

  /** Checks that the distribution is proper. */
  public NormalInverseGamma {
    if (!(count > 0 && shape > 0 && rate > 0) || !Double.isFinite(mean)) {
      throw new IllegalArgumentException("normal-inverse-gamma needs count, shape and rate > 0 and a finite mean, got "
          + mean + ", " + count + ", " + shape + ", " + rate);
    }
  }

  /** The posterior after observing {@code values} (Murphy 2007, "Conjugate Bayesian analysis of the Gaussian"). */
  public NormalInverseGamma update(double[] values) {
    int n = values.length;
    if (n == 0) {
      return this;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double average = sum / n;
    double squares = 0;
    for (double v : values) {
      squares += (v - average) * (v - average);
    }
    double newCount = count + n;
    double newMean = (count * mean + n * average) / newCount;
    double newRate = rate + 0.5 * squares + count * n * (average - mean) * (average - mean) / (2 * newCount);
    return new NormalInverseGamma(newMean, newCount, shape + 0.5 * n, newRate);
  }

  /** One draw of (mu, log sigma) into {@code out}. */
  public void draw(SplittableRandom rng, double[] out) {
    double variance = rate / GammaDraw.draw(rng, shape);
    double sigma = Math.sqrt(variance);
    out[0] = mean + sigma / Math.sqrt(count) * rng.nextGaussian();
    out[1] = Math.log(sigma);
  }

  /**
   * The log density of (mu, log sigma) up to a constant: the density of (mu, sigma^2) times the
   * Jacobian 2 sigma^2 of sigma^2 = exp(2 log sigma).
   */
  public double logDensity(double mu, double logSigma) {
    double variance = Math.exp(2 * logSigma);
    double d = mu - mean;
    return -0.5 * Math.log(variance) - count * d * d / (2 * variance) // mu | sigma^2
        - (shape + 1) * Math.log(variance) - rate / variance // sigma^2
        + Math.log(variance); // Jacobian
  }
}
