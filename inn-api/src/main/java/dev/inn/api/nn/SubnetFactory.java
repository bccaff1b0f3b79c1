package dev.inn.api.nn;

import dev.inn.api.tensor.Parameters;

/**
 * Makes the subnets of a block from their input and output widths (FrEIA's subnet
 * constructor): the block decides what its subnets map, the network that builds the block
 * decides what they are. A subnet should start with a zero last layer, so a coupling block
 * starts as the identity.
 */
@FunctionalInterface
public interface SubnetFactory {

  /**
   * A new subnet with its weights created in {@code params}.
   *
   * @param params where the subnet creates its weights (trained, saved and loaded with the model)
   * @param in columns of its input
   * @param out columns of its output
   * @return the subnet
   */
  Subnet create(Parameters params, int in, int out);

  /**
   * Dense subnets ({@link DenseNet}) of {@code layers} linear maps, {@code hidden} units wide,
   * with {@code activation} between them and a zero last layer.
   *
   * @param hidden hidden units per layer
   * @param layers linear layers (at least 1)
   * @param activation an {@link Activation} name, resolved when a subnet is made
   * @param initStd standard deviation of the initial hidden weights (0: 1/sqrt(fan-in))
   * @return the factory
   */
  static SubnetFactory dense(int hidden, int layers, String activation, double initStd) {
    return (params, in, out) -> new DenseNet(params, in, hidden, layers, out, Activation.named(activation), initStd,
        true);
  }
}
