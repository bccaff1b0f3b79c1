/**
 * Subnets written against {@link dev.inn.api.tensor.Ops}: the dense network and the activations
 * that blocks, condition networks and methods build on, and the {@link dev.inn.api.nn.SubnetFactory}
 * through which a block asks for its subnets (FrEIA's subnet constructor), so a plugin block gets
 * the same subnets as a built-in one.
 */
package dev.inn.api.nn;
