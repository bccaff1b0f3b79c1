package dev.inn.core.autodiff;

import dev.inn.core.linalg.ElementKernels;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;
import java.util.Arrays;

/**
 * {@link dev.inn.api.tensor.Ops#conv1d}: the taps of every real step of every row are
 * gathered into one matrix (kernel cin columns; taps outside the row's own length are zero),
 * so the convolution is a single product with the weight on the matrix kernel, and its
 * backward two more (weight gradient and tap gradient, scattered back onto the input).
 */
final class Convolution1d {

  private static final ElementKernels ELEMENTS = ElementKernels.best();

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
    // every slot real: the compact rows are the padded rows, no gather of outputs needed
    boolean full = steps == b * slots;
    Node out = graph.result(b, slots * cout, x.needsGrad || w.needsGrad || bias.needsGrad);
    StepProfile.enter(Part.RAGGED, false);
    float[] cols = graph.pool.take(steps * taps);
    int half = (kernel - 1) / 2;
    graph.parallel.run(b, (long) steps * taps, (from, to) -> {
      for (int i = from; i < to; i++) {
        int n = lengths[i];
        int rowIn = i * slots * cin;
        for (int t = 0; t < n; t++) {
          int c0 = (start[i] + t) * taps;
          for (int q = 0; q < kernel; q++) {
            int s = t + (q - half) * dilation;
            int dst = c0 + q * cin;
            if (s >= 0 && s < n) {
              System.arraycopy(x.v, rowIn + s * cin, cols, dst, cin);
            } else {
              Arrays.fill(cols, dst, dst + cin, 0f);
            }
          }
        }
      }
    });
    float[] compact = full ? out.v : graph.pool.take(steps * cout);
    for (int r = 0; r < steps; r++) {
      System.arraycopy(bias.v, 0, compact, r * cout, cout);
    }
    graph.gemm(cols, w.v, compact, steps, taps, cout, true);
    if (!full) {
      Arrays.fill(out.v, 0f);
      for (int i = 0; i < b; i++) {
        System.arraycopy(compact, start[i] * cout, out.v, i * slots * cout, lengths[i] * cout);
      }
    }
    return graph.record(out, Part.RAGGED, g -> {
      float[] gc = g;
      if (!full) {
        gc = graph.pool.take(steps * cout);
        for (int i = 0; i < b; i++) {
          System.arraycopy(g, i * slots * cout, gc, start[i] * cout, lengths[i] * cout);
        }
      }
      if (w.needsGrad) {
        RaggedOps.weightGradient(graph, cols, gc, w.g, steps, taps, cout);
      }
      if (bias.needsGrad) {
        ELEMENTS.columnSums(gc, steps, cout, bias.g);
      }
      if (x.needsGrad) {
        float[] dcols = graph.pool.take(steps * taps);
        graph.gemm(gc, graph.transposedWeight(w.v, taps, cout), dcols, steps, cout, taps, false);
        float[] gx = graph.grad(x);
        // rows own disjoint parts of gx, so they split over threads
        graph.parallel.run(b, (long) steps * taps, (from, to) -> {
          for (int i = from; i < to; i++) {
            int n = lengths[i];
            int rowIn = i * slots * cin;
            for (int t = 0; t < n; t++) {
              int c0 = (start[i] + t) * taps;
              for (int q = 0; q < kernel; q++) {
                int s = t + (q - half) * dilation;
                if (s >= 0 && s < n) {
                  ELEMENTS.addInto(dcols, c0 + q * cin, gx, rowIn + s * cin, cin);
                }
              }
            }
          }
        });
      }
    });
  }
}
