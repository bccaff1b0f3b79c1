package dev.inn.core.autodiff;

import dev.inn.core.linalg.ElementKernels;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;
import java.util.Arrays;

/**
 * {@link dev.inn.api.tensor.Ops#conv1d}: the taps of the real steps of every row are gathered
 * into a matrix (kernel cin columns; taps outside the row's own length are zero), so the
 * convolution is a product with the weight on the matrix kernel, and its backward two more
 * (weight gradient and tap gradient, scattered back onto the input). The steps run in blocks
 * of {@link #BLOCK} rows: a block's taps and tap gradients stay in cache and are gathered
 * again in the backward pass instead of being kept, since a whole batch's (12 800 steps x 160
 * taps, 8 MB) went through memory twice and the scatter waited on it (a sixth of a step).
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
    if (!full) {
      Arrays.fill(out.v, 0f);
    }
    int block = Math.min(BLOCK, Math.max(steps, 1));
    float[] cols = graph.pool.take(block * taps);
    float[] res = graph.pool.take(block * cout);
    for (int from = 0; from < steps; from += block) {
      int rows = Math.min(block, steps - from);
      layout.gather(x.v, from, from + rows, cols);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(bias.v, 0, res, r * cout, cout);
      }
      graph.gemm(cols, w.v, res, rows, taps, cout, true);
      layout.place(res, from, from + rows, cout, out.v, full);
    }
    return graph.record(out, Part.RAGGED, g -> {
      float[] gc = graph.pool.take(block * cout);
      float[] dcols = x.needsGrad ? graph.pool.take(block * taps) : null;
      float[] wT = x.needsGrad ? graph.transposedWeight(w.v, taps, cout) : null;
      float[] gx = x.needsGrad ? graph.grad(x) : null;
      for (int from = 0; from < steps; from += block) {
        int rows = Math.min(block, steps - from);
        layout.take(g, from, from + rows, cout, gc, full);
        if (w.needsGrad) {
          layout.gather(x.v, from, from + rows, cols);
          graph.gemmTransposedA(cols, gc, w.g, rows, taps, cout, true);
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

    /** The taps of compact steps [from, to) into rows 0.. of cols (kernel cin per row). */
    void gather(float[] x, int from, int to, float[] cols) {
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
          int dst = c0 + q * cin;
          if (s >= 0 && s < n) {
            System.arraycopy(x, rowIn + s * cin, cols, dst, cin);
          } else {
            Arrays.fill(cols, dst, dst + cin, 0f);
          }
        }
      }
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

    /** Result rows of compact steps [from, to) into their padded rows of out. */
    void place(float[] res, int from, int to, int cout, float[] out, boolean full) {
      if (full) {
        System.arraycopy(res, 0, out, from * cout, (to - from) * cout);
        return;
      }
      for (int r = from, i = rowOf(from); r < to; ) {
        while (start[i + 1] <= r) {
          i++;
        }
        int upTo = Math.min(to, start[i + 1]);
        System.arraycopy(res, (r - from) * cout, out, (i * slots + r - start[i]) * cout, (upTo - r) * cout);
        r = upTo;
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
