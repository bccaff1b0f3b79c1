package dev.inn.core.blocks;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code lu-permutation}: a learned invertible linear map in Glow's LU parametrisation,
 * v = u W with W = P L (U + diag(sign exp(log_scale))). P is a fixed seeded random
 * permutation, L unit lower triangular, U strictly upper triangular; L, U and log_scale are
 * trained, so log|det W| = sum(log_scale) costs nothing. It starts as W = P (L = I, U = 0,
 * scales 1). L and U are stored as full square matrices of which only the strict lower /
 * upper parts are used (the rest gets no gradient). It has no conditional version: a
 * conditional network runs it unconditioned.
 */
public final class LuPermutationProvider implements BlockProvider {

  @Override
  public String name() {
    return "lu-permutation";
  }

  @Override
  public String description() {
    return "learned invertible linear map v = u P L (U + diag s), LU parametrised as in Glow; starts as a "
        + "random permutation";
  }

  @Override
  public InvertibleBlock create(BlockSpec spec, Parameters params) {
    int w = spec.width();
    float[] signs = new float[w];
    Arrays.fill(signs, 1f);
    return new LuLinear(w, PermutationProvider.randomOrderParameter(params, w), params.fixed("sign", 1, w, signs),
        params.trainable("lower", w, w, 0), params.trainable("upper", w, w, 0),
        params.trainable("log_scale", 1, w, 0));
  }

  /** Reads every parameter at each use, so a loaded model maps identically. */
  private static final class LuLinear implements InvertibleBlock {
    private final int width;
    private final Parameter order;
    private final Parameter sign;
    private final Parameter lower;
    private final Parameter upper;
    private final Parameter logScale;
    private final Matrix identity;
    private final Matrix strictlyLower;
    private final Matrix strictlyUpper;

    LuLinear(int width, Parameter order, Parameter sign, Parameter lower, Parameter upper, Parameter logScale) {
      this.width = width;
      this.order = order;
      this.sign = sign;
      this.lower = lower;
      this.upper = upper;
      this.logScale = logScale;
      float[] id = new float[width * width];
      float[] lo = new float[width * width];
      float[] up = new float[width * width];
      for (int i = 0; i < width; i++) {
        for (int j = 0; j < width; j++) {
          id[i * width + j] = i == j ? 1f : 0f;
          lo[i * width + j] = i > j ? 1f : 0f;
          up[i * width + j] = i < j ? 1f : 0f;
        }
      }
      identity = new Matrix(width, width, id);
      strictlyLower = new Matrix(width, width, lo);
      strictlyUpper = new Matrix(width, width, up);
    }

    private void check(Tensor t) {
      if (t.cols() != width) {
        throw new IllegalArgumentException("lu-permutation of width " + width + " got " + t.cols() + " columns");
      }
    }

    /** sign * exp(factor * log_scale) as a 1 x width row; factor -1 gives 1 / s since signs are +-1. */
    private Tensor scales(Ops ops, float factor) {
      Tensor ls = ops.use(logScale);
      Tensor magnitudes = ops.exp(factor == 1f ? ls : ops.scale(ls, factor));
      return ops.mul(ops.constant(new Matrix(1, width, sign.values())), magnitudes);
    }

    /** log|det| = sum(log_scale), repeated for each of {@code rows} rows. */
    private Tensor logDet(Ops ops, int rows, float direction) {
      float[] ones = new float[rows];
      Arrays.fill(ones, 1f);
      Tensor total = ops.sumColumns(ops.use(logScale));
      return ops.matmul(ops.constant(new Matrix(rows, 1, ones)), direction == 1f ? total : ops.scale(total, direction));
    }

    private Tensor strictPart(Ops ops, Parameter p, Matrix mask) {
      return ops.mul(ops.use(p), ops.constant(mask));
    }

    @Override
    public Transformed forward(Ops ops, Tensor u) {
      check(u);
      Tensor id = ops.constant(identity);
      Tensor l = ops.add(id, strictPart(ops, lower, strictlyLower));
      Tensor us = ops.add(strictPart(ops, upper, strictlyUpper), ops.mulRow(id, scales(ops, 1f)));
      Tensor v = ops.matmul(ops.matmul(ops.permuteColumns(u, PermutationProvider.storedOrder(order)), l), us);
      return new Transformed(v, logDet(ops, u.rows(), 1f));
    }

    @Override
    public Transformed inverse(Ops ops, Tensor v) {
      check(v);
      // U + S = (I + U S^-1) S, so v (U + S)^-1 = (v S^-1) (I + U S^-1)^-1: only unit triangular inverses remain
      Tensor inverseScales = scales(ops, -1f);
      Tensor nilUpper = ops.mulRow(strictPart(ops, upper, strictlyUpper), inverseScales);
      Tensor x = ops.mulRow(v, inverseScales);
      x = ops.matmul(x, unitTriangularInverse(ops, nilUpper));
      x = ops.matmul(x, unitTriangularInverse(ops, strictPart(ops, lower, strictlyLower)));
      int[] inv = PermutationProvider.inverseOrder(PermutationProvider.storedOrder(order));
      return new Transformed(ops.permuteColumns(x, inv), logDet(ops, v.rows(), -1f));
    }

    /**
     * (I + N)^-1 for a strictly triangular (so nilpotent) N, exactly and differentiably:
     * (I - N)(I + N^2)(I + N^4)... = I - N^(2^k) telescopes to I once 2^k >= width.
     */
    private Tensor unitTriangularInverse(Ops ops, Tensor nilpotent) {
      Tensor id = ops.constant(identity);
      Tensor power = ops.scale(nilpotent, -1f);
      Tensor result = ops.add(id, power);
      for (int covered = 2; covered < width; covered *= 2) {
        power = ops.matmul(power, power);
        result = ops.matmul(result, ops.add(id, power));
      }
      return result;
    }
  }
}
