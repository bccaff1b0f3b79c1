package dev.inn.bench.metrics;

import java.util.SplittableRandom;

/**
 * A binary classifier with two ReLU hidden layers and a logistic output, trained on log-loss
 * with Adam and an L2 penalty, following scikit-learn's {@code MLPClassifier} (solver adam): the
 * same Glorot-uniform initialisation, per-batch penalty alpha / (2 b) * ||W||^2, Adam with epsilon
 * added to the uncorrected root of v, and stopping rule on the epoch training loss.
 *
 * <p>Forward and backward passes are written out by hand on float arrays: for networks this small
 * an autodiff graph costs more in bookkeeping than in arithmetic, and C2ST trains 5 of them per
 * observation. Inner loops are plain {@code a[j] += s * b[j]} so that the JIT vectorises them, and
 * rows are skipped where ReLU made the multiplier zero.
 */
final class MlpClassifier {

  private final int dim;
  private final int hidden;
  // offsets into the flat parameter vector: weights are row-major (fan_in x fan_out)
  private final int w1;
  private final int b1;
  private final int w2;
  private final int b2;
  private final int w3;
  private final int b3;
  private final float[] params;
  private int epochs;

  private MlpClassifier(int dim, int hidden) {
    this.dim = dim;
    this.hidden = hidden;
    w1 = 0;
    b1 = w1 + dim * hidden;
    w2 = b1 + hidden;
    b2 = w2 + hidden * hidden;
    w3 = b2 + hidden;
    b3 = w3 + hidden;
    params = new float[b3 + 1];
  }

  /** The number of epochs the last training ran. */
  int epochs() {
    return epochs;
  }

  /**
   * Trains a classifier on rows {@code x} (n x dim, row-major) with labels {@code y}.
   *
   * @param rng draws the initial weights and the epoch shuffles
   */
  static MlpClassifier train(float[] x, boolean[] y, int dim, C2stOptions options, SplittableRandom rng) {
    int n = y.length;
    MlpClassifier net = new MlpClassifier(dim, options.hiddenPerDim() * dim);
    net.initialise(rng);
    net.fit(x, y, n, options, rng);
    return net;
  }

  /** Glorot-uniform for weights and biases alike, bound sqrt(6 / (fan_in + fan_out)), as scikit-learn does for ReLU nets. */
  private void initialise(SplittableRandom rng) {
    uniform(rng, w1, w2, dim, hidden);
    uniform(rng, w2, w3, hidden, hidden);
    uniform(rng, w3, b3 + 1, hidden, 1);
  }

  /** Fills params[from, to) (a weight block followed by its bias) uniformly within the layer's bound. */
  private void uniform(SplittableRandom rng, int from, int to, int fanIn, int fanOut) {
    double bound = Math.sqrt(6.0 / (fanIn + fanOut));
    for (int i = from; i < to; i++) {
      params[i] = (float) rng.nextDouble(-bound, bound);
    }
  }

  private void fit(float[] x, boolean[] y, int n, C2stOptions o, SplittableRandom rng) {
    int h = hidden;
    int batch = Math.min(o.batchSize(), n);
    int p = params.length;
    float[] grad = new float[p];
    float[] m = new float[p];
    float[] v = new float[p];
    float[] w2t = new float[h * h];
    float[] xb = new float[batch * dim];
    boolean[] yb = new boolean[batch];
    float[] a1 = new float[batch * h];
    float[] a2 = new float[batch * h];
    float[] z = new float[batch];
    float[] da1 = new float[h];
    float[] da2 = new float[h];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    long step = 0;
    double best = Double.POSITIVE_INFINITY;
    int stale = 0;
    epochs = 0;
    while (epochs < o.maxEpochs()) {
      shuffle(order, rng);
      double total = 0;
      for (int start = 0; start < n; start += batch) {
        // the last batch keeps the remainder, like scikit-learn's gen_batches
        int b = Math.min(batch, n - start);
        for (int r = 0; r < b; r++) {
          System.arraycopy(x, order[start + r] * dim, xb, r * dim, dim);
          yb[r] = y[order[start + r]];
        }
        forward(xb, b, a1, a2, z);
        double loss = 0;
        for (int r = 0; r < b; r++) {
          loss += logLoss(z[r], yb[r]);
        }
        loss /= b;
        transpose(w2t);
        java.util.Arrays.fill(grad, 0);
        float invB = 1f / b;
        for (int r = 0; r < b; r++) {
          backwardRow(r, xb, yb[r], a1, a2, z[r], invB, w2t, da1, da2, grad);
        }
        // L2 on weights only, scaled by the batch size as scikit-learn does
        double sq = 0;
        float reg = (float) (o.alpha() / b);
        sq += penalise(w1, b1, reg, grad);
        sq += penalise(w2, b2, reg, grad);
        sq += penalise(w3, b3, reg, grad);
        loss += 0.5 * o.alpha() * sq / b;
        total += loss * b;
        step++;
        float lr = (float) (o.learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        adam(grad, m, v, (float) beta1, (float) beta2, (float) eps, lr);
      }
      epochs++;
      double epochLoss = total / n;
      if (epochLoss > best - o.tolerance()) {
        stale++;
      } else {
        stale = 0;
      }
      best = Math.min(best, epochLoss);
      if (stale > o.patience()) {
        break;
      }
    }
  }

  /** Hidden activations and output logits of the first {@code b} rows of {@code xb}. */
  private void forward(float[] xb, int b, float[] a1, float[] a2, float[] z) {
    int h = hidden;
    float[] p = params;
    for (int r = 0; r < b; r++) {
      int row = r * h;
      System.arraycopy(p, b1, a1, row, h);
      for (int k = 0; k < dim; k++) {
        float s = xb[r * dim + k];
        int w = w1 + k * h;
        for (int j = 0; j < h; j++) {
          a1[row + j] += s * p[w + j];
        }
      }
      relu(a1, row, h);
      System.arraycopy(p, b2, a2, row, h);
      for (int k = 0; k < h; k++) {
        float s = a1[row + k];
        if (s == 0) {
          continue;
        }
        int w = w2 + k * h;
        for (int j = 0; j < h; j++) {
          a2[row + j] += s * p[w + j];
        }
      }
      relu(a2, row, h);
      float out = p[b3];
      for (int k = 0; k < h; k++) {
        out += a2[row + k] * p[w3 + k];
      }
      z[r] = out;
    }
  }

  /** Adds row r's share of the mean log-loss gradient to {@code grad}. */
  private void backwardRow(int r, float[] xb, boolean label, float[] a1, float[] a2, float logit, float invB,
      float[] w2t, float[] da1, float[] da2, float[] grad) {
    int h = hidden;
    int row = r * h;
    float[] p = params;
    // d loss / d logit = sigmoid(logit) - y, for the logistic output with log-loss
    float dz = (sigmoid(logit) - (label ? 1f : 0f)) * invB;
    grad[b3] += dz;
    for (int k = 0; k < h; k++) {
      float a = a2[row + k];
      grad[w3 + k] += dz * a;
      da2[k] = a > 0 ? dz * p[w3 + k] : 0f;
    }
    for (int j = 0; j < h; j++) {
      grad[b2 + j] += da2[j];
    }
    java.util.Arrays.fill(da1, 0);
    for (int k = 0; k < h; k++) {
      float a = a1[row + k];
      if (a == 0) {
        continue;
      }
      int g = w2 + k * h;
      for (int j = 0; j < h; j++) {
        grad[g + j] += a * da2[j];
      }
    }
    for (int j = 0; j < h; j++) {
      float s = da2[j];
      if (s == 0) {
        continue;
      }
      int t = j * h;
      for (int k = 0; k < h; k++) {
        da1[k] += s * w2t[t + k];
      }
    }
    for (int k = 0; k < h; k++) {
      if (a1[row + k] == 0) {
        da1[k] = 0;
      }
      grad[b1 + k] += da1[k];
    }
    for (int k = 0; k < dim; k++) {
      float s = xb[r * dim + k];
      int g = w1 + k * h;
      for (int j = 0; j < h; j++) {
        grad[g + j] += s * da1[j];
      }
    }
  }

  /** Adds reg * w to the gradient of params[from, to) and returns the sum of squares of those weights. */
  private double penalise(int from, int to, float reg, float[] grad) {
    double sq = 0;
    for (int i = from; i < to; i++) {
      float w = params[i];
      sq += (double) w * w;
      grad[i] += reg * w;
    }
    return sq;
  }

  /** One Adam step in scikit-learn's form: the bias correction folded into the step size, eps added to sqrt(v). */
  private void adam(float[] grad, float[] m, float[] v, float beta1, float beta2, float eps, float lr) {
    float[] p = params;
    for (int i = 0; i < p.length; i++) {
      float g = grad[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      p[i] -= lr * m[i] / ((float) Math.sqrt(v[i]) + eps);
    }
  }

  /** The second layer's weights transposed (fan_out x fan_in), so the backward pass also runs along rows. */
  private void transpose(float[] w2t) {
    int h = hidden;
    for (int k = 0; k < h; k++) {
      for (int j = 0; j < h; j++) {
        w2t[j * h + k] = params[w2 + k * h + j];
      }
    }
  }

  /** How many of the n rows of {@code x} are classified as their label (class 1 when the probability exceeds 0.5). */
  int correct(float[] x, boolean[] y) {
    int n = y.length;
    int chunk = 256;
    float[] a1 = new float[chunk * hidden];
    float[] a2 = new float[chunk * hidden];
    float[] z = new float[chunk];
    float[] xb = new float[chunk * dim];
    int hits = 0;
    for (int start = 0; start < n; start += chunk) {
      int b = Math.min(chunk, n - start);
      System.arraycopy(x, start * dim, xb, 0, b * dim);
      forward(xb, b, a1, a2, z);
      for (int r = 0; r < b; r++) {
        if ((z[r] > 0) == y[start + r]) {
          hits++;
        }
      }
    }
    return hits;
  }

  private static void relu(float[] a, int from, int len) {
    for (int i = from; i < from + len; i++) {
      a[i] = Math.max(a[i], 0f);
    }
  }

  private static float sigmoid(float z) {
    return (float) (1 / (1 + Math.exp(-z)));
  }

  /** -log p(label | logit), computed without overflow. */
  private static double logLoss(float logit, boolean label) {
    double t = label ? -logit : logit;
    // softplus(t) = log(1 + e^t)
    return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
