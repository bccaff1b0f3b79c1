/**
 * Invertible blocks: the maps an INN is made of, written once with {@link dev.inn.api.tensor.Ops}
 * so gradients flow in both directions, made by a {@link dev.inn.api.block.BlockProvider} from a
 * {@link dev.inn.api.block.BlockSpec} (with the block's own settings), with or without a condition.
 */
package dev.inn.api.block;
