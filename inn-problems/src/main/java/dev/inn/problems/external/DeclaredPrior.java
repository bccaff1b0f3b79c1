package dev.inn.problems.external;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Support;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.random.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A prior declared parameter by parameter, as text such as {@code "theta ~ uniform(-3, 3)"}.
 * Each parameter is independent; its support follows from its distribution: uniform(low,
 * high) and truncnormal(mean, sd, low, high) are bounded, lognormal(mu, sigma) (of log x) is
 * positive, normal(mean, sd) is unbounded.
 */
public final class DeclaredPrior implements Problem.Prior {

  private static final Pattern DECLARATION =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*~\\s*([a-z_]+)\\s*\\(([^)]*)\\)\\s*");

  /** One parameter's distribution. */
  public sealed interface Marginal {
    double lower();

    double upper();

    double draw(SplittableRandom rng);
  }

  record Uniform(double low, double high) implements Marginal {
    public double lower() {
      return low;
    }

    public double upper() {
      return high;
    }

    public double draw(SplittableRandom rng) {
      return low + (high - low) * rng.nextDouble();
    }
  }

  record Normal(double mean, double sd) implements Marginal {
    public double lower() {
      return Double.NEGATIVE_INFINITY;
    }

    public double upper() {
      return Double.POSITIVE_INFINITY;
    }

    public double draw(SplittableRandom rng) {
      return mean + sd * rng.nextGaussian();
    }
  }

  record LogNormal(double mu, double sigma) implements Marginal {
    public double lower() {
      return 0;
    }

    public double upper() {
      return Double.POSITIVE_INFINITY;
    }

    public double draw(SplittableRandom rng) {
      return Math.exp(mu + sigma * rng.nextGaussian());
    }
  }

  record TruncatedNormal(double mean, double sd, double low, double high) implements Marginal {
    public double lower() {
      return low;
    }

    public double upper() {
      return high;
    }

    /** Inverse CDF of the normal over [Phi(low), Phi(high)]: one uniform per draw, any truncation. */
    public double draw(SplittableRandom rng) {
      NormalDistribution n = new NormalDistribution(null, mean, sd);
      double a = n.cumulativeProbability(low);
      double b = n.cumulativeProbability(high);
      double v = n.inverseCumulativeProbability(a + (b - a) * rng.nextDouble());
      return Math.min(high, Math.max(low, v));
    }
  }

  private final List<String> names;
  private final List<Marginal> marginals;

  private DeclaredPrior(List<String> names, List<Marginal> marginals) {
    this.names = List.copyOf(names);
    this.marginals = List.copyOf(marginals);
  }

  /**
   * Parses declarations such as {@code "theta ~ normal(0, 1)"}; {@code owner} names the
   * setting in errors.
   */
  public static DeclaredPrior parse(List<String> declarations, String owner) {
    if (declarations.isEmpty()) {
      throw new ConfigurationException(owner + " is empty: declare each parameter, e.g. \"theta ~ uniform(-1, 1)\"");
    }
    List<String> names = new ArrayList<>();
    List<Marginal> marginals = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String d : declarations) {
      Matcher m = DECLARATION.matcher(d);
      if (!m.matches()) {
        throw new ConfigurationException(owner + ": cannot read \"" + d + "\"; write NAME ~ DISTRIBUTION(ARGS), e.g. "
            + "\"theta ~ uniform(-1, 1)\", \"k ~ lognormal(0, 0.5)\", \"s ~ truncnormal(0, 1, 0, 3)\"");
      }
      String name = m.group(1);
      if (!seen.add(name)) {
        throw new ConfigurationException(owner + ": parameter '" + name + "' is declared twice");
      }
      names.add(name);
      marginals.add(marginal(owner, name, m.group(2), args(owner, d, m.group(3))));
    }
    return new DeclaredPrior(names, marginals);
  }

  private static double[] args(String owner, String d, String text) {
    String[] parts = text.split(",");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new ConfigurationException(owner + ": \"" + d + "\": argument '" + parts[i].strip() + "' is not a number");
      }
      if (!Double.isFinite(out[i])) {
        throw new ConfigurationException(owner + ": \"" + d + "\": arguments must be finite numbers");
      }
    }
    return out;
  }

  private static Marginal marginal(String owner, String name, String kind, double[] a) {
    String where = owner + ": parameter '" + name + "': ";
    switch (kind) {
      case "uniform" -> {
        arity(where, kind, a, 2, "low, high");
        if (!(a[0] < a[1])) {
          throw new ConfigurationException(where + "uniform(low, high) needs low < high, got " + a[0] + ", " + a[1]);
        }
        return new Uniform(a[0], a[1]);
      }
      case "normal" -> {
        arity(where, kind, a, 2, "mean, sd");
        positive(where, kind, "sd", a[1]);
        return new Normal(a[0], a[1]);
      }
      case "lognormal" -> {
        arity(where, kind, a, 2, "mu, sigma (of log x)");
        positive(where, kind, "sigma", a[1]);
        return new LogNormal(a[0], a[1]);
      }
      case "truncnormal" -> {
        arity(where, kind, a, 4, "mean, sd, low, high");
        positive(where, kind, "sd", a[1]);
        if (!(a[2] < a[3])) {
          throw new ConfigurationException(where + "truncnormal needs low < high, got " + a[2] + ", " + a[3]);
        }
        NormalDistribution n = new NormalDistribution(null, a[0], a[1]);
        if (!(n.cumulativeProbability(a[3]) - n.cumulativeProbability(a[2]) > 1e-12)) {
          throw new ConfigurationException(where + "truncnormal(" + a[0] + ", " + a[1] + ") has no mass in ["
              + a[2] + ", " + a[3] + "]");
        }
        return new TruncatedNormal(a[0], a[1], a[2], a[3]);
      }
      default -> throw new ConfigurationException(where + "unknown distribution '" + kind
          + "'; known: uniform(low, high), normal(mean, sd), lognormal(mu, sigma), truncnormal(mean, sd, low, high)");
    }
  }

  private static void arity(String where, String kind, double[] a, int n, String names) {
    if (a.length != n) {
      throw new ConfigurationException(where + kind + " takes " + n + " arguments (" + names + "), got " + a.length);
    }
  }

  private static void positive(String where, String kind, String what, double v) {
    if (!(v > 0)) {
      throw new ConfigurationException(where + kind + ": " + what + " must be positive, got " + v);
    }
  }

  /** Parameter names in declaration order. */
  public List<String> names() {
    return names;
  }

  public int dim() {
    return names.size();
  }

  /** The bounds implied by each parameter's distribution. */
  public Support support() {
    double[] lo = new double[dim()];
    double[] hi = new double[dim()];
    for (int k = 0; k < dim(); k++) {
      lo[k] = marginals.get(k).lower();
      hi[k] = marginals.get(k).upper();
    }
    return new Support(lo, hi);
  }

  /** True when every parameter is unbounded (no support worth declaring). */
  public boolean unbounded() {
    return marginals.stream().allMatch(m -> m instanceof Normal);
  }

  /** Row i is drawn from a stream derived from (seed, i): rows do not depend on n. */
  @Override
  public Matrix sample(int n, long seed) {
    float[] out = new float[n * dim()];
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, i));
      for (int k = 0; k < dim(); k++) {
        Marginal m = marginals.get(k);
        float v = (float) m.draw(rng);
        // rounding to float may land on a bound; keep draws strictly inside (a logit of the bound is infinite)
        if (v <= m.lower()) {
          v = Math.nextUp((float) m.lower());
        } else if (v >= m.upper()) {
          v = Math.nextDown((float) m.upper());
        }
        out[i * dim() + k] = v;
      }
    }
    return new Matrix(n, dim(), out);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < dim(); k++) {
      b.append(k == 0 ? "" : ", ").append(names.get(k)).append(" ~ ").append(String.format(Locale.ROOT, "%s",
          marginals.get(k)));
    }
    return b.toString();
  }
}
