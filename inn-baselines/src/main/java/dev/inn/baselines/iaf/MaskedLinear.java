package dev.inn.baselines.iaf;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;

/**
 * x (W * M) + b for a fixed 0/1 mask M (MADE, Germain et al. 2015): the mask is a fixed
 * parameter multiplied into the weights, so masked weights get zero gradient and the
 * autoregressive structure survives training (and is saved with the model).
 */
final class MaskedLinear {

  private final Parameter weight;
  private final Parameter mask;
  private final Parameter bias;

  MaskedLinear(Parameters params, boolean[][] allowed, double initStd) {
    int in = allowed.length;
    int out = allowed[0].length;
    float[] m = new float[in * out];
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < out; j++) {
        m[i * out + j] = allowed[i][j] ? 1f : 0f;
      }
    }
    this.weight = params.trainable("w", in, out, initStd);
    this.mask = params.fixed("mask", in, out, m);
    this.bias = params.trainable("b", 1, out, 0);
  }

  Tensor apply(Ops ops, Tensor x) {
    return ops.addRow(ops.matmul(x, ops.mul(ops.use(weight), ops.use(mask))), ops.use(bias));
  }
}
