package dev.inn.api.block;

import dev.inn.api.tensor.Tensor;

/**
 * The output of a block and the log-determinant of its Jacobian, one value per row
 * ({@code logDet} is n x 1).
 */
public record Transformed(Tensor value, Tensor logDet) {}
