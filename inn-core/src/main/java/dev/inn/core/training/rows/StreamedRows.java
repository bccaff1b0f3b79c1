package dev.inn.core.training.rows;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.PairChunks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Rows streamed from chunks, at most a window of chunks in memory. A pass takes the chunks in
 * an order shuffled by its own generator (from the seed given here, so the trainer's generator
 * is drawn exactly as for rows in memory), a window of {@code window} chunks at a time; a
 * window's rows (its chunks joined in index order) are shuffled with the trainer's generator and
 * served, then dropped for the next window. When the window covers every chunk the only window
 * is the whole set of rows in stored order, kept from pass to pass and reshuffled in place:
 * the batches are then exactly those of the same rows held in memory.
 *
 * <p>The validation part of a {@link #split} is whole chunks (never rows of a training chunk),
 * read one at a time when the validation loss is computed.
 */
public final class StreamedRows implements TrainingRows {

  private final PairChunks source;
  private final int[] chunks;
  private final int window;
  private final UnaryOperator<Dataset> prepare;
  private final long seed;
  private final int size;
  private final HeldRows held;

  /**
   * @param source the chunks
   * @param window chunks held and shuffled together
   * @param prepare checks one raw chunk and turns it into the units the networks learn in
   * @param seed the generator of the chunk order
   */
  public StreamedRows(PairChunks source, int window, UnaryOperator<Dataset> prepare, long seed) {
    this(source, RowOrder.identity(source.chunks()), window, prepare, seed, new HeldRows());
  }

  StreamedRows(PairChunks source, int[] chunks, int window, UnaryOperator<Dataset> prepare, long seed,
      HeldRows held) {
    if (window < 1) {
      throw new IllegalArgumentException("a window of " + window + " chunks holds nothing; give at least 1");
    }
    this.source = source;
    this.chunks = chunks;
    this.window = window;
    this.prepare = prepare;
    this.seed = seed;
    this.held = held;
    long n = 0;
    for (int c : chunks) {
      n += source.rows(c);
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(source.describe() + " holds " + n + " pairs, more than " + Integer.MAX_VALUE
          + " the trainer counts");
    }
    this.size = (int) n;
  }

  @Override
  public int size() {
    return size;
  }

  /**
   * The most rows this instance and its split parts held in memory at once: the window (or a
   * validation chunk) plus the chunk being read, counted twice (as read and as prepared).
   */
  public long peakRowsHeld() {
    return held.peak;
  }

  /** Chunk reads so far, by this instance and its split parts. */
  public long chunkReads() {
    return held.reads;
  }

  /** Every chunk of these rows read and prepared at once, in index order. */
  Dataset readAll() {
    return load(chunks);
  }

  @Override
  public RowCursor cursor(SplittableRandom random) {
    return new Cursor(random);
  }

  @Override
  public Split split(double fraction, SplittableRandom random, String task) {
    int[] order = chunks.clone();
    RowOrder.shuffle(order, random);
    int nVal = Math.max(1, (int) Math.round(order.length * fraction));
    int[] validation = RowOrder.slice(order, 0, nVal);
    int[] train = RowOrder.slice(order, nVal, order.length);
    Arrays.sort(validation);
    Arrays.sort(train);
    StreamedRows t = new StreamedRows(source, train, window, prepare, seed, held);
    if (t.size() < 2) {
      throw new IllegalArgumentException(task + ": " + source.describe() + " has " + chunks.length + " chunk(s); a"
          + " streamed validation split holds out whole chunks (" + nVal + " for validation_fraction " + fraction
          + ") and needs at least one more to train on; make smaller chunks or train in memory");
    }
    return new Split(t, new StreamedRows(source, validation, window, prepare, seed, held));
  }

  @Override
  public void forEachBlock(int blockRows, Consumer<Dataset> block) {
    for (int c : chunks) {
      Dataset d = load(new int[] {c});
      for (int from = 0; from < d.size(); from += blockRows) {
        int[] idx = new int[Math.min(d.size(), from + blockRows) - from];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = from + i;
        }
        block.accept(d.select(idx));
      }
      held.release(d.size());
    }
  }

  /**
   * Reads, checks and prepares {@code set}'s chunks, joined in index order into arrays made for
   * all of them, so that besides the window only one chunk (raw and prepared) is held at a time.
   */
  private Dataset load(int[] set) {
    long total = 0;
    for (int c : set) {
      total += source.rows(c);
    }
    float[] x = null;
    float[] y = null;
    int[] lengths = null;
    int xc = 0;
    int yc = 0;
    int at = 0;
    for (int c : set) {
      try {
        Dataset raw = source.read(c);
        if (raw.size() != source.rows(c)) {
          throw new IllegalArgumentException("it holds " + raw.size() + " pairs, " + source.rows(c) + " expected");
        }
        held.hold(held.now + total + 2L * raw.size());
        Dataset d = prepare.apply(raw);
        if (x == null) {
          xc = d.x().cols();
          yc = d.y().cols();
          x = new float[Math.toIntExact(total * xc)];
          y = new float[Math.toIntExact(total * yc)];
          lengths = new int[d.ragged() ? (int) total : 0];
        }
        if (d.x().cols() != xc || d.y().cols() != yc || d.ragged() != (lengths.length > 0)) {
          throw new IllegalArgumentException("its columns (" + d.x().cols() + ", " + d.y().cols() + ") differ from"
              + " the other chunks' (" + xc + ", " + yc + ")");
        }
        System.arraycopy(d.x().data(), 0, x, at * xc, d.size() * xc);
        System.arraycopy(d.y().data(), 0, y, at * yc, d.size() * yc);
        if (lengths.length > 0) {
          System.arraycopy(d.lengths(), 0, lengths, at, d.size());
        }
        at += d.size();
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        throw new IllegalArgumentException("chunk " + c + " of " + source.describe() + ": " + e.getMessage(), e);
      }
      held.reads++;
    }
    held.now += total;
    return new Dataset(new dev.inn.api.data.Matrix(at, xc, x), new dev.inn.api.data.Matrix(at, yc, y), lengths);
  }

  /** Shuffled passes, a window of chunks at a time. */
  private final class Cursor implements RowCursor {
    private final SplittableRandom random;
    private final SplittableRandom chunkRandom = new SplittableRandom(seed);
    private final int[] chunkOrder = chunks.clone();
    private int nextChunk = chunkOrder.length;
    private int[] windowSet = new int[0];
    private Dataset rows;
    private int[] order = new int[0];
    private int pos;

    Cursor(SplittableRandom random) {
      this.random = random;
    }

    @Override
    public Dataset next(int n) {
      List<Dataset> parts = new ArrayList<>(1);
      int[] picked = new int[n];
      int have = 0;
      int partStart = 0;
      while (have < n) {
        if (pos == order.length) {
          if (have > partStart) {
            parts.add(rows.select(Arrays.copyOfRange(picked, partStart, have)));
          }
          advance();
          partStart = have;
        }
        picked[have++] = order[pos++];
      }
      parts.add(rows.select(Arrays.copyOfRange(picked, partStart, have)));
      return RowOrder.concat(parts);
    }

    @Override
    public void newPass() {
      nextChunk = chunkOrder.length;
      pos = order.length;
    }

    /** The next window: of this pass, or the first of a new pass. */
    private void advance() {
      if (nextChunk >= chunkOrder.length) {
        RowOrder.shuffle(chunkOrder, chunkRandom);
        nextChunk = 0;
      }
      int[] set = RowOrder.slice(chunkOrder, nextChunk, Math.min(chunkOrder.length, nextChunk + window));
      nextChunk += set.length;
      Arrays.sort(set);
      if (Arrays.equals(set, windowSet)) {
        // the same rows as before (the window covers every chunk): reshuffled in place, as in memory
        RowOrder.shuffle(order, random);
      } else {
        if (rows != null) {
          held.release(rows.size());
        }
        rows = null;
        rows = load(set);
        windowSet = set;
        order = RowOrder.identity(rows.size());
        RowOrder.shuffle(order, random);
      }
      pos = 0;
      if (order.length == 0) {
        advance();
      }
    }
  }

  /** What the rows of one training hold in memory: now, and the most at once (for the memory bound). */
  static final class HeldRows {
    long now;
    long peak;
    long reads;

    void hold(long rows) {
      peak = Math.max(peak, rows);
    }

    void release(long rows) {
      now = Math.max(0, now - rows);
    }
  }
}
