package dev.inn.baselines.iaf;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.baselines.nn.ScalarFunction;
import dev.inn.api.nn.Activation;

/**
 * Inverse autoregressive flow (Kingma et al. 2016, numerically stable LSTM-style form): each
 * step computes (m, s) = MADE(z, h) with output d depending only on z_1..z_{d-1} and the
 * context h, then z' = sigma * z + (1 - sigma) * m with sigma = sigmoid(s + 2) ("forget gate"
 * bias so a fresh flow is close to the identity), log |det| = sum log sigma. The order of z is
 * reversed between steps so every dimension gets conditioned on the others.
 *
 * <p>MADE degrees: z_j has degree j (1-based); hidden units cycle through degrees
 * 0..D-1 (degree 0 units see only the context); an output of degree d sees hidden units of
 * degree below d, so the first output depends on h alone.
 */
public final class InverseAutoregressiveFlow {

  /** The transformed latent and the log-determinant of the transformation per row (n x 1). */
  public record Result(Tensor z, Tensor logDet) {}

  private static final float FORGET_BIAS = 2f;

  private final int dim;
  private final Activation activation;
  private final Step[] steps;
  private final int[] reverse;

  private record Step(MaskedLinear[] layers, Parameter contextWeight) {}

  /**
   * @param dim dimension of z
   * @param context width of the context vector h
   * @param hidden hidden units per MADE layer
   * @param layers linear maps per MADE (at least 2: one hidden layer)
   * @param count number of flow steps
   */
  public InverseAutoregressiveFlow(Parameters params, int dim, int context, int hidden, int layers, int count,
      Activation activation) {
    if (layers < 2 || count < 1 || hidden < 1 || context < 1) {
      throw new IllegalArgumentException("iaf needs >= 2 layers, >= 1 step, hidden and context >= 1; got layers "
          + layers + ", steps " + count + ", hidden " + hidden + ", context " + context);
    }
    this.dim = dim;
    this.activation = activation;
    this.reverse = new int[dim];
    for (int j = 0; j < dim; j++) {
      reverse[j] = dim - 1 - j;
    }
    int[] inDegree = new int[dim];
    for (int j = 0; j < dim; j++) {
      inDegree[j] = j + 1;
    }
    int[] hiddenDegree = new int[hidden];
    for (int k = 0; k < hidden; k++) {
      hiddenDegree[k] = k % dim;
    }
    int[] outDegree = new int[2 * dim];
    for (int c = 0; c < 2 * dim; c++) {
      outDegree[c] = c % dim + 1;
    }
    this.steps = new Step[count];
    for (int s = 0; s < count; s++) {
      Parameters p = params.scope("step" + s);
      MaskedLinear[] maps = new MaskedLinear[layers];
      for (int l = 0; l < layers; l++) {
        boolean first = l == 0;
        boolean last = l == layers - 1;
        int[] from = first ? inDegree : hiddenDegree;
        int[] to = last ? outDegree : hiddenDegree;
        boolean[][] allowed = new boolean[from.length][to.length];
        for (int i = 0; i < from.length; i++) {
          for (int j = 0; j < to.length; j++) {
            // hidden units may see inputs of degree <= theirs; outputs only strictly lower degrees
            allowed[i][j] = last ? from[i] < to[j] : from[i] <= to[j];
          }
        }
        // the last map starts at zero: (m, s) = (0, 0) makes a fresh step z' = sigmoid(2) z
        maps[l] = new MaskedLinear(p.scope("made" + l), allowed, last ? 0 : 1.0 / Math.sqrt(from.length));
      }
      Parameter ctx = p.trainable("context_w", context, hidden, 1.0 / Math.sqrt(context));
      steps[s] = new Step(maps, ctx);
    }
  }

  /** Applies every step to z (n x dim) with context h (n x context). */
  public Result forward(Ops ops, Tensor z, Tensor h) {
    Tensor logDet = null;
    Tensor bias = ops.constant(Matrix.repeatRow(filled(dim, FORGET_BIAS), 1));
    for (int s = 0; s < steps.length; s++) {
      if (s > 0) {
        z = ops.permuteColumns(z, reverse);
      }
      Step step = steps[s];
      Tensor a = ops.add(step.layers()[0].apply(ops, z), ops.matmul(h, ops.use(step.contextWeight())));
      for (int l = 1; l < step.layers().length; l++) {
        a = step.layers()[l].apply(ops, activation.apply(ops, a));
      }
      Tensor m = ops.columns(a, 0, dim);
      Tensor gate = ops.addRow(ops.columns(a, dim, 2 * dim), bias);
      Tensor sigma = ops.map(gate, ScalarFunction.SIGMOID);
      z = ops.add(m, ops.mul(sigma, ops.sub(z, m)));
      Tensor ld = ops.sumColumns(ops.map(gate, ScalarFunction.LOG_SIGMOID));
      logDet = logDet == null ? ld : ops.add(logDet, ld);
    }
    return new Result(z, logDet);
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
