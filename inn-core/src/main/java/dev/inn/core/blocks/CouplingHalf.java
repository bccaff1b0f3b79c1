package dev.inn.core.blocks;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/** Computes the (clamped log-scale, shift) that one half of a coupling applies to the other. */
interface CouplingHalf {

  /** {@code [s, t]} for the conditioning input; s is null for additive couplings. */
  Tensor[] scaleAndShift(Ops ops, Tensor condition);
}
