package dev.inn.api.block;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence of blocks with one optional condition, the network both the INN and the
 * conditional INN are made of (FrEIA's sequence INN, zuko's flow): forward runs the blocks in
 * order, inverse in reverse order, and the log-determinants add up. A block added with
 * {@link Builder#add} sees no condition (a permutation, a normalisation, or any block of an
 * unconditional network); every block added with {@link Builder#addConditional} sees the
 * chain's one condition. {@link #initialize} gives each {@link DataInitialized} block its
 * actual input on one batch, whichever way it was added.
 */
public final class BlockChain implements OptionallyConditionalBlock {

  /** One block of the chain: exactly one of the two is set. */
  private record Link(InvertibleBlock plain, ConditionalBlock conditional) {

    Transformed forward(Ops ops, Tensor u, Tensor condition) {
      return plain != null ? plain.forward(ops, u) : conditional.forward(ops, u, condition);
    }

    Transformed inverse(Ops ops, Tensor v, Tensor condition) {
      return plain != null ? plain.inverse(ops, v) : conditional.inverse(ops, v, condition);
    }

    Object block() {
      return plain != null ? plain : conditional;
    }
  }

  private final List<Link> links;
  private final boolean conditioned;

  private BlockChain(List<Link> links) {
    if (links.isEmpty()) {
      throw new IllegalArgumentException("a block chain needs at least one block");
    }
    this.links = List.copyOf(links);
    this.conditioned = links.stream().anyMatch(l -> l.conditional() != null);
  }

  /**
   * An unconditional chain of {@code blocks}.
   *
   * @param blocks the blocks in forward order (at least one)
   * @return the chain
   */
  public static BlockChain of(List<? extends InvertibleBlock> blocks) {
    Builder b = builder();
    blocks.forEach(b::add);
    return b.build();
  }

  /** An empty builder; blocks are added in forward order. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the blocks of a chain in forward order. */
  public static final class Builder {
    private final List<Link> links = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a block that sees no condition.
     *
     * @param block the block
     * @return this builder
     */
    public Builder add(InvertibleBlock block) {
      links.add(new Link(java.util.Objects.requireNonNull(block, "block"), null));
      return this;
    }

    /**
     * Adds a block that sees the chain's condition.
     *
     * @param block the block
     * @return this builder
     */
    public Builder addConditional(ConditionalBlock block) {
      links.add(new Link(null, java.util.Objects.requireNonNull(block, "block")));
      return this;
    }

    /** The chain of the blocks added so far (at least one). */
    public BlockChain build() {
      return new BlockChain(links);
    }
  }

  /** Whether some block of the chain sees the condition (then every call must pass one). */
  public boolean conditioned() {
    return conditioned;
  }

  /** Whether some block of the chain sets itself from data, so {@link #initialize} has work to do. */
  public boolean dataInitialized() {
    return lastDataInitialized() >= 0;
  }

  private int lastDataInitialized() {
    for (int i = links.size() - 1; i >= 0; i--) {
      if (links.get(i).block() instanceof DataInitialized) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Runs one batch through the blocks in order and lets each {@link DataInitialized} block set
   * itself from its actual input, before the first optimiser step. Does nothing when no block
   * sets itself from data; a loaded model is not initialised again.
   *
   * @param ops the operations (no gradient is needed)
   * @param input a batch of the chain's input, n x width
   * @param condition the batch's condition, n x conditionWidth; null for an unconditioned chain
   */
  public void initialize(Ops ops, Tensor input, Tensor condition) {
    int last = lastDataInitialized();
    if (last >= 0) {
      checkCondition(condition);
    }
    Tensor h = input;
    for (int i = 0; i <= last; i++) {
      if (links.get(i).block() instanceof DataInitialized d) {
        d.initialize(h.value());
      }
      if (i < last) {
        h = links.get(i).forward(ops, h, condition).value();
      }
    }
  }

  private void checkCondition(Tensor condition) {
    if (conditioned && condition == null) {
      throw new IllegalArgumentException("this block chain has conditional blocks; pass their condition");
    }
  }

  /**
   * v = f(u; c) through every block in order.
   *
   * @param condition the condition every conditional block sees; null for an unconditioned chain
   */
  @Override
  public Transformed forward(Ops ops, Tensor u, Tensor condition) {
    checkCondition(condition);
    Tensor h = u;
    Tensor logDet = null;
    for (Link link : links) {
      Transformed t = link.forward(ops, h, condition);
      h = t.value();
      logDet = logDet == null ? t.logDet() : ops.add(logDet, t.logDet());
    }
    return new Transformed(h, logDet);
  }

  /**
   * u = f^-1(v; c) through every block in reverse order.
   *
   * @param condition the condition every conditional block sees; null for an unconditioned chain
   */
  @Override
  public Transformed inverse(Ops ops, Tensor v, Tensor condition) {
    checkCondition(condition);
    Tensor h = v;
    Tensor logDet = null;
    for (int i = links.size() - 1; i >= 0; i--) {
      Transformed t = links.get(i).inverse(ops, h, condition);
      h = t.value();
      logDet = logDet == null ? t.logDet() : ops.add(logDet, t.logDet());
    }
    return new Transformed(h, logDet);
  }
}
