package dev.inn.core.training.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.training.EarlyStopping;
import dev.inn.core.training.OptimizerConfig;
import dev.inn.core.training.Trainer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's rows streamed from chunks against the same rows in memory. */
class StreamedRowsTest {

  /** Row i: x = i (an id), y = 2 i / n + 1 + noise. */
  private static Dataset data(int n) {
    SplittableRandom r = new SplittableRandom(7);
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = (float) (2.0 * i / n + 1 + 0.1 * r.nextGaussian());
    }
    return new Dataset(new Matrix(n, 1, x), new Matrix(n, 1, y));
  }

  /** A line fitted to the batch, in units where x is in [0, 1), with a noise term drawn from the trainer's generator. */
  private static List<LossTerm> line(Ops ops, Dataset batch, Parameter w, Parameter b, SplittableRandom random, int n) {
    float[] u = new float[batch.size()];
    for (int i = 0; i < u.length; i++) {
      u[i] = batch.x().data()[i] / n + (float) (1e-3 * random.nextGaussian());
    }
    Tensor fit = ops.add(ops.matmul(ops.constant(new Matrix(u.length, 1, u)), ops.use(w)),
        ops.matmul(ops.constant(Matrix.repeatRow(new float[] {1f}, u.length)), ops.use(b)));
    Tensor d = ops.sub(fit, ops.constant(batch.y()));
    return List.of(new LossTerm("fit", 1, ops.scale(ops.sum(ops.square(d)), 1f / u.length)));
  }

  private static float[] train(OptimizerConfig config, Object rows, int n) {
    ParameterStore store = new ParameterStore(1);
    Parameter w = store.root().trainable("w", 1, 1, 0);
    Parameter b = store.root().trainable("b", 1, 1, 0);
    Trainer trainer = new Trainer(config);
    TrainingContext context = TrainingContext.quiet(5);
    if (rows instanceof Dataset d) {
      trainer.run("test", store, d, (ops, batch, random, step) -> line(ops, batch, w, b, random, n), context,
          new RowParallel(1));
    } else {
      trainer.run("test", store, (TrainingRows) rows, (ops, batch, random, step) -> line(ops, batch, w, b, random, n),
          context, new RowParallel(1), context.seed());
    }
    return new float[] {w.values()[0], b.values()[0]};
  }

  private static OptimizerConfig fixedSteps() {
    // batches of 64 over 650 rows: batches straddle the end of a pass
    return new OptimizerConfig(120, 64, 0.05, 0.01, 0.9, 0.999, 1e-8, 0, 0, 10, 1);
  }

  @Test
  void aWindowCoveringEveryChunkGivesTheWeightsOfTheRowsInMemoryBitForBit() {
    Dataset data = data(650);
    StreamedRows rows = new StreamedRows(new ChunksOf(data, 100), 7, d -> d, 11);
    float[] streamed = train(fixedSteps(), rows, 650);
    float[] inMemory = train(fixedSteps(), data, 650);
    assertThat(streamed).containsExactly(inMemory);
    // the whole store is read once and kept for every pass
    assertThat(rows.chunkReads()).isEqualTo(7);
    // and the weights learned something: towards the slope 2 of the data, from 0
    assertThat(inMemory[0]).isBetween(0.9f, 2.5f);
  }

  @Test
  void aSmallerWindowServesEveryRowOncePerPassHoldingOnlyTheWindow() {
    Dataset data = data(650);
    ChunksOf chunks = new ChunksOf(data, 100);
    StreamedRows rows = new StreamedRows(chunks, 2, d -> d, 11);
    TrainingRows.RowCursor cursor = rows.cursor(new SplittableRandom(3));
    for (int pass = 0; pass < 3; pass++) {
      Set<Integer> seen = new HashSet<>();
      Set<Integer> firstWindowChunks = new HashSet<>();
      int served = 0;
      // batches of 50 cross window boundaries; a pass is exactly the 650 rows, each once
      while (served < 650) {
        Dataset batch = cursor.next(Math.min(50, 650 - served));
        for (float id : batch.x().data()) {
          assertThat(seen.add((int) id)).isTrue();
          if (served < 150) {
            firstWindowChunks.add((int) id / 100);
          }
          served++;
        }
      }
      assertThat(seen).hasSize(650);
      // the first 150 rows (no window of two chunks has fewer) come from the first window's two chunks only
      assertThat(firstWindowChunks).hasSize(2);
    }
    // each chunk read once per pass, and never more than the window (plus the chunk being read) held
    assertThat(chunks.reads.get()).isEqualTo(3 * 7);
    assertThat(rows.peakRowsHeld()).isLessThanOrEqualTo((2 + 2) * 100);
    // other windows are other batches: not the order of a window covering all chunks
    TrainingRows.RowCursor whole = new StreamedRows(new ChunksOf(data, 100), 7, d -> d, 11)
        .cursor(new SplittableRandom(3));
    assertThat(whole.next(200).x()).isNotEqualTo(new StreamedRows(new ChunksOf(data, 100), 2, d -> d, 11)
        .cursor(new SplittableRandom(3)).next(200).x());
  }

  @Test
  void earlyStoppingHoldsOutWholeChunksAndStreamsThemWithinTheBound() {
    Dataset data = data(1000);
    ChunksOf chunks = new ChunksOf(data, 100);
    StreamedRows rows = new StreamedRows(chunks, 2, d -> d, 11);
    TrainingRows.Split split = rows.split(0.2, new SplittableRandom(1), "test");
    Set<Integer> validationChunks = new HashSet<>();
    split.validation().forEachBlock(64, block -> {
      for (float id : block.x().data()) {
        validationChunks.add((int) id / 100);
      }
    });
    Set<Integer> trainChunks = new HashSet<>();
    split.train().forEachBlock(1000, block -> {
      for (float id : block.x().data()) {
        trainChunks.add((int) id / 100);
      }
    });
    assertThat(validationChunks).hasSize(2).doesNotContainAnyElementsOf(trainChunks);
    assertThat(trainChunks).hasSize(8);
    assertThat(split.validation().size()).isEqualTo(200);

    OptimizerConfig epochs = new OptimizerConfig(0, 32, 0.05, 0.05, 0.9, 0.999, 1e-8, 0, 0, 1, 1,
        new EarlyStopping(0.2, 3, 6, 0));
    StreamedRows trained = new StreamedRows(new ChunksOf(data, 100), 2, d -> d, 11);
    float[] w = train(epochs, trained, 1000);
    assertThat(w[0]).isBetween(0.9f, 2.5f);
    // the window (2 chunks), the chunk being read (twice) and a validation chunk read while the window is held
    assertThat(trained.peakRowsHeld()).isLessThanOrEqualTo((2 + 3) * 100);
  }

  @Test
  void aChunkThatFailsItsCheckIsNamed() {
    Dataset data = data(300);
    StreamedRows rows = new StreamedRows(new ChunksOf(data, 100), 1, d -> {
      if (d.x().data()[0] == 200f) {
        throw new IllegalArgumentException("training observations y contain NaN at row 5, column 0");
      }
      return d;
    }, 11);
    TrainingRows.RowCursor cursor = rows.cursor(new SplittableRandom(3));
    assertThatThrownBy(() -> {
      for (int i = 0; i < 10; i++) {
        cursor.next(100);
      }
    }).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chunk 2 of test chunks: training observations y contain NaN at row 5, column 0");
  }

  @Test
  void oneChunkCannotBeSplitForValidation() {
    StreamedRows rows = new StreamedRows(new ChunksOf(data(100), 100), 1, d -> d, 11);
    assertThatThrownBy(() -> rows.split(0.2, new SplittableRandom(1), "train inn"))
        .hasMessageContaining("train inn: test chunks has 1 chunk(s)").hasMessageContaining("whole chunks");
  }
}
