package dev.inn.baselines.nn;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.nn.Activation;
import dev.inn.api.nn.DenseNet;
import java.util.SplittableRandom;

/**
 * A fully connected net (one single-layer {@link DenseNet} per linear map, same
 * initialisation) with inverted dropout on every hidden activation: each unit is zeroed with
 * probability {@code rate} and the survivors scaled by 1 / (1 - rate). Masks are drawn per
 * row, so a batch of n copies of one input gives n independent dropout passes (Monte Carlo
 * dropout, Gal and Ghahramani 2016).
 */
public final class DropoutNet {

  private final DenseNet[] layers;
  private final int[] widths;
  private final Activation activation;
  private final float rate;

  public DropoutNet(Parameters params, int in, int hidden, int layers, int out, Activation activation, float rate) {
    if (layers < 1) {
      throw new IllegalArgumentException("a dense net needs at least one layer, got " + layers);
    }
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    this.activation = activation;
    this.rate = rate;
    this.layers = new DenseNet[layers];
    this.widths = new int[layers];
    for (int l = 0; l < layers; l++) {
      int fanIn = l == 0 ? in : hidden;
      widths[l] = l == layers - 1 ? out : hidden;
      this.layers[l] = new DenseNet(params.scope("layer" + l), fanIn, widths[l], 1, widths[l], activation, 0, false);
    }
  }

  public float rate() {
    return rate;
  }

  /** The net on {@code x}; dropout is applied when {@code random} is not null and the rate is positive. */
  public Tensor apply(Ops ops, Tensor x, SplittableRandom random) {
    Tensor h = x;
    for (int l = 0; l < layers.length; l++) {
      h = layers[l].apply(ops, h);
      if (l < layers.length - 1) {
        h = activation.apply(ops, h);
        if (random != null && rate > 0) {
          h = ops.mul(h, ops.constant(mask(random, h.rows(), widths[l])));
        }
      }
    }
    return h;
  }

  private Matrix mask(SplittableRandom random, int rows, int cols) {
    float keep = 1f / (1f - rate);
    float[] m = new float[rows * cols];
    for (int i = 0; i < m.length; i++) {
      m[i] = random.nextDouble() < rate ? 0f : keep;
    }
    return new Matrix(rows, cols, m);
  }
}
