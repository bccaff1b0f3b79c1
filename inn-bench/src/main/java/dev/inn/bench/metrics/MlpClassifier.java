package dev.inn.bench.metrics;

import dev.inn.core.linalg.Gemm;
import java.util.SplittableRandom;

/**
 * A binary classifier with two ReLU hidden layers and a logistic output, trained on log-loss
 * with Adam and an L2 penalty, following scikit-learn's {@code MLPClassifier} (solver adam): the
 * same Glorot-uniform initialisation, per-batch penalty alpha / (2 b) * ||W||^2, Adam with epsilon
 * added to the uncorrected root of v, and stopping rule on the epoch training loss.
 *
 * <p>Forward and backward passes are written out by hand on float arrays: for networks this small
 * an autodiff graph costs more in bookkeeping than in arithmetic, and C2ST trains 5 of them per
 * observation. Each mini-batch runs in matrix form (A1 = relu(Xb W1 + b1), A2 = relu(A1 W2 + b2),
 * dW2 = A1^T dA2, ...) on inn-core's {@link Gemm} kernel; all scratch is allocated once per fit.
 */
final class MlpClassifier {

  private static final Gemm GEMM = Gemm.best();

  private final int dim;
  private final int hidden;
  // weights row-major (fan_in x fan_out), so Xb W is a plain row-major product
  private final float[] w1;
  private final float[] b1;
  private final float[] w2;
  private final float[] b2;
  private final float[] w3;
  private final float[] b3;
  private int epochs;

  private MlpClassifier(int dim, int hidden) {
    this.dim = dim;
    this.hidden = hidden;
    w1 = new float[dim * hidden];
    b1 = new float[hidden];
    w2 = new float[hidden * hidden];
    b2 = new float[hidden];
    w3 = new float[hidden];
    b3 = new float[1];
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
    // weights then bias of each layer, the same draw order as one flat parameter vector
    uniform(rng, w1, b1, dim, hidden);
    uniform(rng, w2, b2, hidden, hidden);
    uniform(rng, w3, b3, hidden, 1);
  }

  /** Fills a layer's weights, then its bias, uniformly within the layer's bound. */
  private static void uniform(SplittableRandom rng, float[] w, float[] b, int fanIn, int fanOut) {
    double bound = Math.sqrt(6.0 / (fanIn + fanOut));
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rng.nextDouble(-bound, bound);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rng.nextDouble(-bound, bound);
    }
  }

  private void fit(float[] x, boolean[] y, int n, C2stOptions o, SplittableRandom rng) {
    int d = dim;
    int h = hidden;
    int batch = Math.min(o.batchSize(), n);
    float[][] params = {w1, b1, w2, b2, w3, b3};
    float[][] grad = new float[params.length][];
    float[][] m = new float[params.length][];
    float[][] v = new float[params.length][];
    for (int i = 0; i < params.length; i++) {
      grad[i] = new float[params[i].length];
      m[i] = new float[params[i].length];
      v[i] = new float[params[i].length];
    }
    float[] gw1 = grad[0];
    float[] gb1 = grad[1];
    float[] gw2 = grad[2];
    float[] gb2 = grad[3];
    float[] gw3 = grad[4];
    float[] gb3 = grad[5];
    float[] w2t = new float[h * h];
    float[] xb = new float[batch * d];
    float[] xbt = new float[d * batch];
    boolean[] yb = new boolean[batch];
    float[] a1 = new float[batch * h];
    float[] a1t = new float[h * batch];
    float[] a2 = new float[batch * h];
    float[] z = new float[batch];
    float[] da1 = new float[batch * h];
    float[] da2 = new float[batch * h];
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
          int src = order[start + r];
          System.arraycopy(x, src * d, xb, r * d, d);
          // Xb^T too, for dW1 = Xb^T dA1 (Gemm has no transposed operand)
          for (int k = 0; k < d; k++) {
            xbt[k * b + r] = x[src * d + k];
          }
          yb[r] = y[src];
        }
        forward(xb, b, a1, a2, z);
        double loss = 0;
        for (int r = 0; r < b; r++) {
          loss += logLoss(z[r], yb[r]);
        }
        loss /= b;
        backward(xbt, yb, b, a1, a1t, a2, z, w2t, da1, da2, gw1, gb1, gw2, gb2, gw3, gb3);
        // L2 on weights only, scaled by the batch size as scikit-learn does
        double sq = 0;
        float reg = (float) (o.alpha() / b);
        sq += penalise(w1, reg, gw1);
        sq += penalise(w2, reg, gw2);
        sq += penalise(w3, reg, gw3);
        loss += 0.5 * o.alpha() * sq / b;
        total += loss * b;
        step++;
        float lr = (float) (o.learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        for (int i = 0; i < params.length; i++) {
          adam(params[i], grad[i], m[i], v[i], (float) beta1, (float) beta2, (float) eps, lr);
        }
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
    GEMM.multiply(xb, w1, a1, dim, h, 0, b, false);
    biasRelu(a1, b1, b, h);
    GEMM.multiply(a1, w2, a2, h, h, 0, b, false);
    biasRelu(a2, b2, b, h);
    for (int r = 0; r < b; r++) {
      int row = r * h;
      float out = 0;
      for (int k = 0; k < h; k++) {
        out += a2[row + k] * w3[k];
      }
      z[r] = out + b3[0];
    }
  }

  /** Gradient of the batch's mean log-loss (penalty not included), overwriting {@code gw1 .. gb3}. */
  private void backward(float[] xbt, boolean[] yb, int b, float[] a1, float[] a1t, float[] a2, float[] z,
      float[] w2t, float[] da1, float[] da2, float[] gw1, float[] gb1, float[] gw2, float[] gb2, float[] gw3,
      float[] gb3) {
    int h = hidden;
    float invB = 1f / b;
    java.util.Arrays.fill(gw3, 0f);
    java.util.Arrays.fill(gb2, 0f);
    java.util.Arrays.fill(gb1, 0f);
    float db3 = 0;
    for (int r = 0; r < b; r++) {
      // d loss / d logit = sigmoid(logit) - y, for the logistic output with log-loss
      float dz = (sigmoid(z[r]) - (yb[r] ? 1f : 0f)) * invB;
      db3 += dz;
      int row = r * h;
      for (int k = 0; k < h; k++) {
        float a = a2[row + k];
        gw3[k] += dz * a;
        float g = a > 0 ? dz * w3[k] : 0f;
        da2[row + k] = g;
        gb2[k] += g;
      }
    }
    gb3[0] = db3;
    // dW2 = A1^T dA2
    transpose(a1, a1t, b, h);
    GEMM.multiply(a1t, da2, gw2, b, h, 0, h, false);
    // dA1 = (dA2 W2^T) masked by ReLU
    transpose(w2, w2t, h, h);
    GEMM.multiply(da2, w2t, da1, h, h, 0, b, false);
    for (int r = 0; r < b; r++) {
      int row = r * h;
      for (int k = 0; k < h; k++) {
        float g = a1[row + k] > 0 ? da1[row + k] : 0f;
        da1[row + k] = g;
        gb1[k] += g;
      }
    }
    // dW1 = Xb^T dA1
    GEMM.multiply(xbt, da1, gw1, b, h, 0, dim, false);
  }

  /** Adds reg * w to the gradient of weights w and returns their sum of squares. */
  private static double penalise(float[] w, float reg, float[] grad) {
    double sq = 0;
    for (int i = 0; i < w.length; i++) {
      float wi = w[i];
      sq += (double) wi * wi;
      grad[i] += reg * wi;
    }
    return sq;
  }

  /** One Adam step in scikit-learn's form: the bias correction folded into the step size, eps added to sqrt(v). */
  private static void adam(float[] p, float[] grad, float[] m, float[] v, float beta1, float beta2, float eps, float lr) {
    for (int i = 0; i < p.length; i++) {
      float g = grad[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      p[i] -= lr * m[i] / ((float) Math.sqrt(v[i]) + eps);
    }
  }

  /** t (cols x rows) = a (rows x cols) transposed. */
  private static void transpose(float[] a, float[] t, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int row = r * cols;
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = a[row + c];
      }
    }
  }

  /** Adds the bias to each of the first b rows of a (b x h) and applies ReLU. */
  private static void biasRelu(float[] a, float[] bias, int b, int h) {
    for (int r = 0; r < b; r++) {
      int row = r * h;
      for (int j = 0; j < h; j++) {
        a[row + j] = Math.max(a[row + j] + bias[j], 0f);
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
