package dev.inn.core.inn;

import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;
import java.util.List;

/** A chain of invertible blocks: forward runs them in order, inverse in reverse; log-dets add up. */
public final class InvertibleNetwork implements InvertibleBlock {

  private final List<InvertibleBlock> blocks;

  public InvertibleNetwork(List<InvertibleBlock> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  @Override
  public Transformed forward(Ops ops, Tensor u) {
    Tensor h = u;
    Tensor logDet = null;
    for (InvertibleBlock b : blocks) {
      Transformed t = b.forward(ops, h);
      h = t.value();
      logDet = logDet == null ? t.logDet() : ops.add(logDet, t.logDet());
    }
    return new Transformed(h, logDet);
  }

  @Override
  public Transformed inverse(Ops ops, Tensor v) {
    Tensor h = v;
    Tensor logDet = null;
    for (int i = blocks.size() - 1; i >= 0; i--) {
      Transformed t = blocks.get(i).inverse(ops, h);
      h = t.value();
      logDet = logDet == null ? t.logDet() : ops.add(logDet, t.logDet());
    }
    return new Transformed(h, logDet);
  }
}
