package dev.inn.api.nn;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;

/**
 * A fully connected network: {@code layers} linear maps with an activation between them.
 * Hidden weights start as normals (std {@code initStd}, or 1/sqrt(fan-in) when it is 0); the
 * last layer starts at zero when asked, so a coupling block starts as the identity.
 */
public final class DenseNet implements Subnet {

  private final Parameter[] weights;
  private final Parameter[] biases;
  private final Activation activation;

  /**
   * Creates the weights {@code w0, b0, w1, ...} in {@code params}.
   *
   * @param params where the weights are created
   * @param in input columns
   * @param hidden units of each hidden layer
   * @param layers linear layers (at least 1)
   * @param out output columns
   * @param activation the non-linearity between layers
   * @param initStd standard deviation of the initial weights (0: 1/sqrt(fan-in))
   * @param zeroLastLayer whether the last layer starts at zero
   */
  public DenseNet(Parameters params, int in, int hidden, int layers, int out, Activation activation,
      double initStd, boolean zeroLastLayer) {
    if (layers < 1) {
      throw new IllegalArgumentException("a dense net needs at least one layer, got " + layers);
    }
    this.activation = activation;
    // grown layer by layer, not sized up front: a layer count from a damaged model file meets the
    // parameter budget after a few layers instead of allocating its arrays first
    java.util.List<Parameter> w = new java.util.ArrayList<>();
    java.util.List<Parameter> b = new java.util.ArrayList<>();
    for (int l = 0; l < layers; l++) {
      int fanIn = l == 0 ? in : hidden;
      int fanOut = l == layers - 1 ? out : hidden;
      boolean last = l == layers - 1;
      double std = last && zeroLastLayer ? 0 : (initStd > 0 ? initStd : 1.0 / Math.sqrt(fanIn));
      w.add(params.trainable("w" + l, fanIn, fanOut, std));
      b.add(params.trainable("b" + l, 1, fanOut, 0));
    }
    this.weights = w.toArray(Parameter[]::new);
    this.biases = b.toArray(Parameter[]::new);
  }

  @Override
  public Tensor apply(Ops ops, Tensor x) {
    Tensor h = x;
    for (int l = 0; l < weights.length; l++) {
      h = ops.linear(h, weights[l], biases[l]);
      if (l < weights.length - 1) {
        h = activation.apply(ops, h);
      }
    }
    return h;
  }
}
