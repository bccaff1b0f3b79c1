package dev.inn.core.autodiff;

import dev.inn.core.linalg.ElementKernels;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;
import java.util.Arrays;

/**
 * {@link dev.inn.api.tensor.Ops#conv1d}: a product of the steps' taps (kernel cin values each;
 * taps outside the row's own length are zero) with the weight on the matrix kernel, and in the
 * backward pass two more (weight gradient and tap gradient, scattered back onto the input).
 * The taps are not gathered into a matrix: the input is copied once between zero margins and
 * the kernel reads each tap where it lies ({@link dev.inn.core.linalg.Gemm#multiplyAddressed}),
 * since gathering them (12 800 steps x 160 taps per layer, twice a step) took an eighth of a
 * conv1d training step. The tap gradients run in blocks of {@link #BLOCK} steps, scattered
 * onto the input while still in cache; the weight gradient is summed over the same blocks.
 */
final class Convolution1d {

  private static final ElementKernels ELEMENTS = ElementKernels.best();
  // compact steps per block; also the weight gradient's block, whose sums it fixes
  private static final int BLOCK = RaggedOps.BLOCK_ROWS;

  private Convolution1d() {}

  static Node apply(Graph graph, Node x, int[] lengths, Node w, Node bias, int kernel, int dilation) {
    if (kernel < 1 || dilation < 1) {
      throw new IllegalArgumentException("conv1d: kernel " + kernel + " and dilation " + dilation
          + " must be at least 1");
    }
    int taps = w.rows;
    int cout = w.cols;
    if (taps % kernel != 0 || bias.rows != 1 || bias.cols != cout) {
      throw new IllegalArgumentException("conv1d: weight " + w.rows + " x " + w.cols + " and bias " + bias.rows
          + " x " + bias.cols + " do not fit a kernel of " + kernel);
    }
    int cin = taps / kernel;
    if (x.cols % cin != 0) {
      throw new IllegalArgumentException("conv1d: rows of " + x.cols + " values are not steps of " + cin
          + " channels");
    }
    int b = x.rows;
    int slots = RaggedOps.slots("conv1d", b * (x.cols / cin), lengths, 0);
    int[] start = new int[b + 1];
    for (int i = 0; i < b; i++) {
      start[i + 1] = start[i] + lengths[i];
    }
    int steps = start[b];
    Taps layout = new Taps(lengths, start, slots, cin, kernel, dilation);
    Node out = graph.result(b, slots * cout, x.needsGrad || w.needsGrad || bias.needsGrad);
    StepProfile.enter(Part.RAGGED, false);
    // every slot real: the compact rows are the padded rows
    boolean full = steps == b * slots;
    // each sequence copied once between zero margins as wide as the kernel reaches, so every tap
    // of every step is read where it lies (a margin's zeros where the sequence has no value):
    // window[r] is where compact step r's first tap lies, tapAt[p] where tap column p lies in a
    // window. The forward product and the weight gradient read this copy through the kernel's
    // address tables instead of a gathered matrix of taps (five times the copy's size).
    int half = (kernel - 1) / 2;
    int left = half * dilation;
    int margins = (kernel - 1) * dilation;
    float[] xp = graph.pool.take((steps + b * margins) * cin);
    int[] window = new int[steps];
    int[] tapAt = new int[taps];
    for (int q = 0; q < kernel; q++) {
      for (int c = 0; c < cin; c++) {
        tapAt[q * cin + c] = q * dilation * cin + c;
      }
    }
    for (int i = 0; i < b; i++) {
      int n = lengths[i];
      int first = (start[i] + i * margins) * cin;
      Arrays.fill(xp, first, first + left * cin, 0f);
      System.arraycopy(x.v, i * slots * cin, xp, first + left * cin, n * cin);
      Arrays.fill(xp, first + (left + n) * cin, first + (margins + n) * cin, 0f);
      for (int t = 0; t < n; t++) {
        window[start[i] + t] = first + t * cin;
      }
    }
    float[] wv = w.v;
    graph.parallel.run(b, (long) steps * taps * cout, (from, to) -> {
      for (int i = from; i < to; i++) {
        int row = i * slots * cout;
        for (int t = 0; t < lengths[i]; t++) {
          System.arraycopy(bias.v, 0, out.v, row + t * cout, cout);
        }
        Arrays.fill(out.v, row + lengths[i] * cout, row + slots * cout, 0f);
        // compact row r lands in padded row i * slots + r - start[i]
        graph.gemm.multiplyAddressed(xp, window, tapAt, 0, taps, wv, out.v, (i * slots - start[i]) * cout, cout,
            start[i], start[i + 1], true);
      }
    });
    int block = Math.min(BLOCK, Math.max(steps, 1));
    return graph.record(out, Part.RAGGED, g -> {
      float[] gc = graph.pool.take(block * cout);
      float[] dcols = x.needsGrad ? graph.pool.take(block * taps) : null;
      float[] wT = x.needsGrad ? graph.transposedWeight(w.v, taps, cout) : null;
      float[] gx = x.needsGrad ? graph.grad(x) : null;
      for (int from = 0; from < steps; from += block) {
        int rows = Math.min(block, steps - from);
        layout.take(g, from, from + rows, cout, gc, full);
        if (w.needsGrad) {
          // the blocked weight gradient: C (taps x cout) += taps^T gc over this block's steps
          int blockFrom = from;
          graph.parallel.run(taps, (long) rows * taps * cout, (pf, pt) -> graph.gemm.multiplyAddressed(xp, tapAt,
              window, blockFrom, rows, gc, w.g, 0, cout, pf, pt, true));
        }
        if (bias.needsGrad) {
          ELEMENTS.columnSums(gc, rows, cout, bias.g);
        }
        if (x.needsGrad) {
          graph.gemm(gc, wT, dcols, rows, cout, taps, false);
          layout.scatter(dcols, from, from + rows, gx);
        }
      }
    });
  }

  /** Where the taps of a compact step (step t of row i is compact row start[i] + t) come from. */
  private record Taps(int[] lengths, int[] start, int slots, int cin, int kernel, int dilation) {

    // the row holding compact step r
    private int rowOf(int r) {
      int i = Arrays.binarySearch(start, r);
      if (i < 0) {
        return -i - 2;
      }
      while (lengths[i] == 0) {  // empty rows share their start with the next
        i++;
      }
      return i;
    }

    /** Tap gradients of compact steps [from, to) (rows 0.. of dcols) added onto the input's. */
    void scatter(float[] dcols, int from, int to, float[] gx) {
      int taps = kernel * cin;
      int half = (kernel - 1) / 2;
      int i = rowOf(from);
      int t = from - start[i];
      for (int r = from; r < to; r++, t++) {
        while (t >= lengths[i]) {
          i++;
          t = 0;
        }
        int n = lengths[i];
        int rowIn = i * slots * cin;
        int c0 = (r - from) * taps;
        for (int q = 0; q < kernel; q++) {
          int s = t + (q - half) * dilation;
          if (s >= 0 && s < n) {
            ELEMENTS.addInto(dcols, c0 + q * cin, gx, rowIn + s * cin, cin);
          }
        }
      }
    }

    /** The output gradient of compact steps [from, to) from their padded rows of g. */
    void take(float[] g, int from, int to, int cout, float[] gc, boolean full) {
      if (full) {
        System.arraycopy(g, from * cout, gc, 0, (to - from) * cout);
        return;
      }
      for (int r = from, i = rowOf(from); r < to; ) {
        while (start[i + 1] <= r) {
          i++;
        }
        int upTo = Math.min(to, start[i + 1]);
        System.arraycopy(g, (i * slots + r - start[i]) * cout, gc, (r - from) * cout, (upTo - r) * cout);
        r = upTo;
      }
    }
  }
}
