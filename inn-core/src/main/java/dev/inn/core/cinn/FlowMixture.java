package dev.inn.core.cinn;

import dev.inn.api.data.Matrix;
import java.util.List;

/**
 * The flows of a cINN with their log mixture weights: its density is the weighted sum of the
 * flows' densities and a sample comes from one flow picked by weight, so it stays exact and
 * cheap to sample. One flow of weight 1 is the plain cINN.
 *
 * @param flows the flows (at least one)
 * @param logWeights their log weights, summing to 1 as weights
 */
record FlowMixture(List<CinnFlow> flows, double[] logWeights) {

  FlowMixture {
    flows = List.copyOf(flows);
    if (flows.isEmpty() || logWeights.length != flows.size()) {
      throw new IllegalArgumentException("a mixture of " + flows.size() + " flows with " + logWeights.length
          + " weights");
    }
  }

  /** One flow of weight 1. */
  static FlowMixture single(CinnFlow flow) {
    return new FlowMixture(List.of(flow), new double[] {0});
  }

  /** Number of trainable weights over all flows. */
  long parameterCount() {
    long n = 0;
    for (CinnFlow f : flows) {
      n += f.params.trainableCount();
    }
    return n;
  }

  /**
   * {@code n} samples in data units for the standardised observation {@code ys}: each row's flow
   * is drawn by weight from {@code seed}, then each flow samples its rows, which go back to the
   * places drawn for them.
   */
  Matrix sample(float[] ys, int n, long seed, int dx) {
    if (flows.size() == 1) {
      return flows.get(0).sample(ys, n, seed);
    }
    double[] cumulative = new double[flows.size()];
    for (int f = 0; f < cumulative.length; f++) {
      cumulative[f] = (f == 0 ? 0 : cumulative[f - 1]) + Math.exp(logWeights[f]);
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    int[] flowOf = new int[n];
    int[] count = new int[flows.size()];
    for (int i = 0; i < n; i++) {
      double r = random.nextDouble();
      int f = 0;
      while (r >= cumulative[f] && f < flows.size() - 1) {
        f++;
      }
      flowOf[i] = f;
      count[f]++;
    }
    Matrix[] drawn = new Matrix[flows.size()];
    for (int f = 0; f < flows.size(); f++) {
      long flowSeed = random.nextLong();
      drawn[f] = count[f] == 0 ? null : flows.get(f).sample(ys, count[f], flowSeed);
    }
    float[] out = new float[n * dx];
    int[] next = new int[flows.size()];
    for (int i = 0; i < n; i++) {
      int f = flowOf[i];
      System.arraycopy(drawn[f].data(), next[f]++ * dx, out, i * dx, dx);
    }
    return new Matrix(n, dx, out);
  }

  /** The mixture's log-densities of standardised pairs (see {@link CinnFlow#logDensities}). */
  double[] logDensities(Matrix u, Matrix ys, int[] lengths) {
    double[] out = new double[u.rows()];
    for (int f = 0; f < flows.size(); f++) {
      double[] flowDensity = flows.get(f).logDensities(u, ys, lengths);
      for (int i = 0; i < out.length; i++) {
        double term = logWeights[f] + flowDensity[i];
        out[i] = f == 0 ? term : logSumExp(out[i], term);
      }
    }
    return out;
  }

  private static double logSumExp(double a, double b) {
    double max = Math.max(a, b);
    return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(a - max) + Math.exp(b - max));
  }
}
