package dev.inn.api.data;

/**
 * Training pairs read one chunk at a time, for more pairs than fit in memory (e.g. a simulation
 * store on disk). A chunk is read only when asked for and not kept by the source, so the reader
 * decides how many are held at once.
 */
public interface PairChunks {

  /** The number of chunks. */
  int chunks();

  /** The pairs in chunk {@code chunk}, known without reading it. */
  int rows(int chunk);

  /**
   * Reads chunk {@code chunk}: its pairs in stored order. For sets and sequences every chunk's y
   * is padded to the same number of columns (the longest of all chunks), so rows of different
   * chunks can be mixed in one batch.
   *
   * @throws IllegalArgumentException when the chunk cannot be read or does not fit, naming it
   */
  Dataset read(int chunk);

  /** Where the pairs come from (e.g. the store's folder), for messages. */
  String describe();

  /** The pairs of all chunks. */
  default long size() {
    long n = 0;
    for (int c = 0; c < chunks(); c++) {
      n += rows(c);
    }
    return n;
  }
}
