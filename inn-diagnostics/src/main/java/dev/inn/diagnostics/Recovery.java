package dev.inn.diagnostics;

import java.util.Locale;

/**
 * The "recovery" view of a posterior (Schad et al. 2021; BayesFlow): contraction 1 - Var_post /
 * Var_prior says how much an observation pins a parameter down; the posterior z-score
 * (mean_post - x*) / sd_post says whether the posterior sits where the truth is.
 */
public final class Recovery {

  /** Contraction at or above which a parameter counts as recovered (posterior sd at most half the prior's). */
  public static final double RECOVERED = 0.75;
  /** Contraction at or above which a parameter counts as partly recovered (sd at most 0.87 of the prior's). */
  public static final double PARTLY = 0.25;
  /**
   * Contraction below which a posterior is so much wider than its prior (sd more than twice
   * the prior's) that the method has most likely failed. Milder negative values happen in
   * earnest: an observation in the prior's tail can need a wider, multimodal posterior (inverse
   * kinematics at y* = (0, 1.5) gives -1.0 for angle2).
   */
  public static final double SUSPICIOUS = -3;

  private Recovery() {}

  /** How well an observation determines one parameter. */
  public enum Level {
    RECOVERED("recovered"), PARTLY("partly recovered"), NOT_RECOVERED("not recovered"),
    SUSPICIOUS("suspicious: posterior far wider than the prior");

    private final String words;

    Level(String words) {
      this.words = words;
    }

    /** The level in words. */
    public String words() {
      return words;
    }
  }

  /** 1 - Var(posterior samples) / priorVariance. */
  public static double contraction(float[] posteriorSamples, double priorVariance) {
    if (!(priorVariance > 0)) {
      throw new IllegalArgumentException("contraction needs a positive prior variance, got " + priorVariance);
    }
    return 1 - variance(posteriorSamples) / priorVariance;
  }

  /** (mean of the samples - truth) / their standard deviation: positive = posterior above the truth. */
  public static double zScore(float[] posteriorSamples, double truth) {
    double sd = Math.sqrt(variance(posteriorSamples));
    return (mean(posteriorSamples) - truth) / Math.max(sd, 1e-300);
  }

  /** The level of a contraction value. */
  public static Level level(double contraction) {
    if (Double.isNaN(contraction) || contraction < SUSPICIOUS) {
      return Level.SUSPICIOUS;
    }
    return contraction >= RECOVERED ? Level.RECOVERED : contraction >= PARTLY ? Level.PARTLY : Level.NOT_RECOVERED;
  }

  /**
   * The verdict on z-scores over many (truth, posterior) pairs: for a calibrated posterior they
   * have mean 0 and variance about 1; variance below 1 = too wide, above = too narrow, a mean
   * away from 0 = biased.
   */
  public static Verdict zScoreVerdict(double[] zScores) {
    int n = zScores.length;
    if (n < 2) {
      throw new IllegalArgumentException("a z-score verdict needs at least 2 values, got " + n);
    }
    double mean = 0;
    for (double z : zScores) {
      mean += z;
    }
    mean /= n;
    double var = 0;
    for (double z : zScores) {
      var += (z - mean) * (z - mean);
    }
    var /= n - 1;
    double meanZ = mean / Math.sqrt(1.0 / n);
    // log of a chi-square variance ratio is close to normal with sd sqrt(2 / (n - 1))
    double varZ = Math.log(var) / Math.sqrt(2.0 / (n - 1));
    Miscalibration kind = Miscalibration.NONE;
    if (Math.abs(meanZ) > Uniformity.Z_LIMIT || Math.abs(varZ) > Uniformity.Z_LIMIT) {
      if (Math.abs(meanZ) >= Math.abs(varZ)) {
        kind = mean > 0 ? Miscalibration.BIASED_HIGH : Miscalibration.BIASED_LOW;
      } else {
        kind = var < 1 ? Miscalibration.OVER_DISPERSED : Miscalibration.UNDER_DISPERSED;
      }
    }
    return new Verdict(kind, String.format(Locale.ROOT, "posterior z-scores: %s; mean %+.2f (z %+.1f), variance %.2f vs"
        + " 1 (z %+.1f) over %d pairs", kind.words(), mean, meanZ, var, varZ, n));
  }

  static double mean(float[] v) {
    double m = 0;
    for (float x : v) {
      m += x;
    }
    return m / v.length;
  }

  static double variance(float[] v) {
    if (v.length < 2) {
      throw new IllegalArgumentException("a variance needs at least 2 samples, got " + v.length);
    }
    double m = mean(v);
    double s = 0;
    for (float x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }
}
