package dev.inn.api.method;

import dev.inn.api.data.PairChunks;

/**
 * A method that can learn from pairs read chunk by chunk while holding only a bounded number of
 * chunks in memory, so that more pairs than the heap holds can be trained on.
 */
public interface ChunkedTraining {

  /**
   * Learns from every chunk of {@code pairs}, holding at most about {@code windowChunks} chunks'
   * rows at once; batches are drawn from a window of chunks shuffled together, the windows
   * taken in an order shuffled by the context's seed. With {@code windowChunks} at least the
   * number of chunks the result should equal {@link PosteriorMethod#train} on all pairs read at
   * once, as far as the method's schedule allows (the implementation says where not).
   *
   * @param pairs the training pairs
   * @param windowChunks chunks held and shuffled together, at least 1
   * @param context seed and progress
   * @return the per-term loss history
   */
  TrainingHistory train(PairChunks pairs, int windowChunks, TrainingContext context);
}
