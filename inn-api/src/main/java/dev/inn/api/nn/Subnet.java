package dev.inn.api.nn;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/** A learned map of rows, e.g. the network inside a coupling block that computes its scale and shift. */
@FunctionalInterface
public interface Subnet {

  /**
   * The subnet's output for every row of {@code input}.
   *
   * @param ops the operations, which record gradients when training
   * @param input n x (the subnet's input width)
   * @return n x (the subnet's output width)
   */
  Tensor apply(Ops ops, Tensor input);
}
