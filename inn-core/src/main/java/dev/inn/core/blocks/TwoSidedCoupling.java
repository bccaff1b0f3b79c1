package dev.inn.core.blocks;

import dev.inn.api.block.OptionallyConditionalBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/**
 * The paper's reversible block (eq. 4/5): u = [u1, u2];
 * v1 = u1 * exp(s2(u2)) + t2(u2); v2 = u2 * exp(s1(v1)) + t1(v1). The couplings differ
 * only in how a half computes (s, t), so this class holds forward, inverse and log-det once.
 * Without a second half it is the one-sided coupling of RealNVP and the cINN (v1 = u1).
 * With a condition c, every subnet sees [its half, c]. Over one dimension (a one-parameter
 * posterior) the first half is empty, so the one subnet sees c alone and the block is a
 * condition-dependent map of that dimension; without a condition such a block is refused.
 */
final class TwoSidedCoupling implements OptionallyConditionalBlock {

  private final int split;
  private final int width;
  private final CouplingHalf first;
  private final CouplingHalf second;

  /**
   * @param first maps v1 (width split, plus the condition) to (s1, t1) of width - split
   * @param second maps u2 (width - split, plus the condition) to (s2, t2) of width split; null
   *     for a one-sided coupling
   */
  TwoSidedCoupling(int width, CouplingHalf first, CouplingHalf second) {
    this.width = width;
    this.split = width / 2;
    if (split == 0 && second != null) {
      throw new IllegalArgumentException("a one-dimensional coupling has no second half");
    }
    this.first = first;
    this.second = second;
  }

  /**
   * Columns in the first half; 0 for a one-dimensional block, which then needs a condition.
   *
   * @throws IllegalArgumentException for a one-dimensional block without a condition
   */
  static int split(int width, int conditionWidth) {
    if (width < 2 && conditionWidth < 1) {
      throw new IllegalArgumentException("a coupling block over " + width + " dimension needs a condition to"
          + " compute its transform from; without one it needs a width of at least 2");
    }
    return width / 2;
  }

  private void check(Tensor t) {
    if (t.cols() != width) {
      throw new IllegalArgumentException("coupling block of width " + width + " got " + t.cols() + " columns");
    }
  }

  @Override
  public Transformed forward(Ops ops, Tensor u, Tensor condition) {
    check(u);
    if (split == 0) {
      Tensor[] st = first.scaleAndShift(ops, condition);
      return new Transformed(apply(ops, u, st), logDet(ops, u.rows(), st, null, 1f));
    }
    Tensor u1 = ops.columns(u, 0, split);
    Tensor u2 = ops.columns(u, split, width);
    Tensor[] st2 = second == null ? null : second.scaleAndShift(ops, input(ops, u2, condition));
    Tensor v1 = st2 == null ? u1 : apply(ops, u1, st2);
    Tensor[] st1 = first.scaleAndShift(ops, input(ops, v1, condition));
    Tensor v2 = apply(ops, u2, st1);
    return new Transformed(ops.concatColumns(v1, v2), logDet(ops, u.rows(), st1, st2, 1f));
  }

  @Override
  public Transformed inverse(Ops ops, Tensor v, Tensor condition) {
    check(v);
    if (split == 0) {
      Tensor[] st = first.scaleAndShift(ops, condition);
      return new Transformed(undo(ops, v, st), logDet(ops, v.rows(), st, null, -1f));
    }
    Tensor v1 = ops.columns(v, 0, split);
    Tensor v2 = ops.columns(v, split, width);
    Tensor[] st1 = first.scaleAndShift(ops, input(ops, v1, condition));
    Tensor u2 = undo(ops, v2, st1);
    Tensor[] st2 = second == null ? null : second.scaleAndShift(ops, input(ops, u2, condition));
    Tensor u1 = st2 == null ? v1 : undo(ops, v1, st2);
    return new Transformed(ops.concatColumns(u1, u2), logDet(ops, v.rows(), st1, st2, -1f));
  }

  private static Tensor input(Ops ops, Tensor half, Tensor condition) {
    return condition == null ? half : ops.concatColumns(half, condition);
  }

  private static Tensor apply(Ops ops, Tensor x, Tensor[] st) {
    Tensor scaled = st[0] == null ? x : ops.mul(x, ops.exp(st[0]));
    return ops.add(scaled, st[1]);
  }

  private static Tensor undo(Ops ops, Tensor y, Tensor[] st) {
    Tensor shifted = ops.sub(y, st[1]);
    return st[0] == null ? shifted : ops.mul(shifted, ops.exp(ops.scale(st[0], -1f)));
  }

  private static Tensor logDet(Ops ops, int rows, Tensor[] st1, Tensor[] st2, float sign) {
    if (st1[0] == null) {
      return ops.constant(Matrix.zeros(rows, 1));
    }
    Tensor sum = ops.sumColumns(st1[0]);
    if (st2 != null) {
      sum = ops.add(sum, ops.sumColumns(st2[0]));
    }
    return sign > 0 ? sum : ops.scale(sum, sign);
  }
}
