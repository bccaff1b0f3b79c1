package dev.inn.core.autodiff;

import dev.inn.core.linalg.ElementKernels;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;
import java.util.Arrays;

/**
 * {@link dev.inn.api.tensor.Ops#gru}, forward and backward through time fused into one
 * operation. Rows are ordered by length, longest first, so the rows still running at step t
 * are a prefix; every per-step buffer is stored time-major ("stacked": step t's rows start at
 * {@code offset[t]}), which lets one matrix product cover all input projections, one per step
 * the recurrent ones, and one at the end the recurrent weight's gradient.
 */
final class GatedRecurrentUnit {

  private static final ElementKernels ELEMENTS = ElementKernels.best();

  private GatedRecurrentUnit() {}

  static Node apply(Graph graph, Node x, int[] lengths, Node wi, Node wh, Node bi, Node bh) {
    int h = wh.rows;
    int h3 = 3 * h;
    int cin = wi.rows;
    if (wh.cols != h3 || wi.cols != h3 || bi.rows != 1 || bi.cols != h3 || bh.rows != 1 || bh.cols != h3) {
      throw new IllegalArgumentException("gru: input weight " + wi.rows + " x " + wi.cols + ", recurrent weight "
          + wh.rows + " x " + wh.cols + ", biases " + bi.rows + " x " + bi.cols + " and " + bh.rows + " x " + bh.cols
          + " do not fit (cin x 3h, h x 3h, 1 x 3h, 1 x 3h)");
    }
    if (x.cols % cin != 0) {
      throw new IllegalArgumentException("gru: rows of " + x.cols + " values are not steps of " + cin + " channels");
    }
    int b = x.rows;
    int slots = RaggedOps.slots("gru", b * (x.cols / cin), lengths, 0);
    // order[j]: the row at sorted position j, longest first (stable, so ties keep their order)
    Integer[] boxed = new Integer[b];
    for (int i = 0; i < b; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (p, q) -> Integer.compare(lengths[q], lengths[p]));
    int[] order = new int[b];
    for (int j = 0; j < b; j++) {
      order[j] = boxed[j];
    }
    int steps = b == 0 ? 0 : lengths[order[0]];
    int[] active = new int[steps + 1];
    int[] offset = new int[steps + 1];
    for (int t = 0; t < steps; t++) {
      int n = 0;
      while (n < b && lengths[order[n]] > t) {
        n++;
      }
      active[t] = n;
      offset[t + 1] = offset[t] + n;
    }
    int total = offset[steps];
    Node out = graph.result(b, h, x.needsGrad || wi.needsGrad || wh.needsGrad || bi.needsGrad || bh.needsGrad);
    StepProfile.enter(Part.RAGGED, false);
    Arrays.fill(out.v, 0f);
    float[] xs = graph.pool.take(total * cin);
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < active[t]; j++) {
        System.arraycopy(x.v, (order[j] * slots + t) * cin, xs, (offset[t] + j) * cin, cin);
      }
    }
    // input projections of all steps at once
    float[] gi = graph.pool.take(total * h3);
    for (int r = 0; r < total; r++) {
      System.arraycopy(bi.v, 0, gi, r * h3, h3);
    }
    graph.gemm(xs, wi.v, gi, total, cin, h3, true);
    // the state entering each step (zero at step 0), its recurrent projection, and the gates
    float[] hp = graph.pool.take(total * h);
    float[] gh = graph.pool.take(total * h3);
    float[] rz = graph.pool.take(total * 2 * h);
    float[] nn = graph.pool.take(total * h);
    Arrays.fill(hp, 0, active.length > 1 ? active[0] * h : 0, 0f);
    for (int t = 0; t < steps; t++) {
      int from = offset[t];
      int to = from + active[t];
      for (int r = from; r < to; r++) {
        System.arraycopy(bh.v, 0, gh, r * h3, h3);
      }
      if (t > 0) {
        graph.parallel.run(to - from, (long) (to - from) * h * h3, (a, c) -> graph.gemm.multiply(hp, wh.v, gh, h, h3,
            from + a, from + c, true));
      }
      int nextActive = t + 1 < steps ? active[t + 1] : 0;
      // gate pre-activations of the step's rows, then the gates in bulk on the element kernel
      for (int r = from; r < to; r++) {
        int g0 = r * h3;
        int z0 = r * 2 * h;
        for (int u = 0; u < 2 * h; u++) {
          rz[z0 + u] = gi[g0 + u] + gh[g0 + u];
        }
      }
      ELEMENTS.sigmoid(rz, from * 2 * h, to * 2 * h, false);
      for (int r = from; r < to; r++) {
        int g0 = r * h3 + 2 * h;
        int z0 = r * 2 * h;
        int p0 = r * h;
        for (int u = 0; u < h; u++) {
          nn[p0 + u] = gi[g0 + u] + rz[z0 + u] * gh[g0 + u];
        }
      }
      ELEMENTS.sigmoid(nn, from * h, to * h, true);
      for (int j = 0; j < active[t]; j++) {
        int r = from + j;
        int p0 = r * h;
        int z0 = r * 2 * h + h;
        // a finishing row hands its state to the output, a running one to the next step
        float[] dst = j < nextActive ? hp : out.v;
        int d0 = j < nextActive ? (offset[t + 1] + j) * h : order[j] * h;
        for (int u = 0; u < h; u++) {
          float zg = rz[z0 + u];
          dst[d0 + u] = (1 - zg) * nn[p0 + u] + zg * hp[p0 + u];
        }
      }
    }
    return graph.record(out, Part.RAGGED, g -> {
      // gradients of the pre-activations: input side (r, z, n) and recurrent side (r, z, c_n)
      float[] dgi = graph.pool.take(total * h3);
      float[] dgh = graph.pool.take(total * h3);
      float[] dhp = graph.pool.take(total * h);
      float[] dh = graph.pool.take(b * h);
      float[] whT = graph.transposedWeight(wh.v, h, h3);
      for (int t = steps - 1; t >= 0; t--) {
        int from = offset[t];
        int n = active[t];
        int nextActive = t + 1 < steps ? active[t + 1] : 0;
        for (int j = 0; j < n; j++) {
          int d0 = j * h;
          if (j >= nextActive) {
            // this row's last step: its state is the output
            System.arraycopy(g, order[j] * h, dh, d0, h);
          } else {
            int p = (offset[t + 1] + j) * h;
            for (int u = 0; u < h; u++) {
              dh[d0 + u] += dhp[p + u];
            }
          }
          int r = from + j;
          int g0 = r * h3;
          int p0 = r * h;
          int z0 = r * 2 * h;
          for (int u = 0; u < h; u++) {
            float d = dh[d0 + u];
            float rg = rz[z0 + u];
            float zg = rz[z0 + h + u];
            float ng = nn[p0 + u];
            float dn = d * (1 - zg) * (1 - ng * ng);
            float dz = d * (hp[p0 + u] - ng) * zg * (1 - zg);
            float dr = dn * gh[g0 + 2 * h + u] * rg * (1 - rg);
            dgi[g0 + u] = dr;
            dgi[g0 + h + u] = dz;
            dgi[g0 + 2 * h + u] = dn;
            dgh[g0 + u] = dr;
            dgh[g0 + h + u] = dz;
            dgh[g0 + 2 * h + u] = dn * rg;
            dh[d0 + u] = d * zg;
          }
        }
        if (t > 0) {
          graph.parallel.run(n, (long) n * h * h3, (a, c) -> graph.gemm.multiply(dgh, whT, dhp, h3, h, from + a,
              from + c, false));
        }
      }
      if (wh.needsGrad) {
        RaggedOps.weightGradient(graph, hp, dgh, wh.g, total, h, h3);
      }
      if (bh.needsGrad) {
        ELEMENTS.columnSums(dgh, total, h3, bh.g);
      }
      if (wi.needsGrad) {
        RaggedOps.weightGradient(graph, xs, dgi, wi.g, total, cin, h3);
      }
      if (bi.needsGrad) {
        ELEMENTS.columnSums(dgi, total, h3, bi.g);
      }
      if (x.needsGrad) {
        float[] dxs = graph.pool.take(total * cin);
        graph.gemm(dgi, graph.transposedWeight(wi.v, cin, h3), dxs, total, h3, cin, false);
        float[] gx = graph.grad(x);
        for (int t = 0; t < steps; t++) {
          for (int j = 0; j < active[t]; j++) {
            int src = (offset[t] + j) * cin;
            int dst = (order[j] * slots + t) * cin;
            for (int c = 0; c < cin; c++) {
              gx[dst + c] += dxs[src + c];
            }
          }
        }
      }
    });
  }
}
