package dev.inn.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Ops.Pooling;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The ragged-batch operations against central finite differences, with respect to every
 * parameter and the padded input itself, on batches of unequal lengths whose padding holds
 * junk: padding must get a zero gradient and must not change any result.
 */
class RaggedOpsGradientTest {

  private static final int[] LENGTHS = {3, 1, 5, 4};
  private static final int SLOTS = 5;
  private static final RowParallel TWO = new RowParallel(2);
  private static final RowParallel ONE = new RowParallel(1);

  /** A model under test: its output, a scalar, as a function of the store's parameters. */
  private interface Model extends BiFunction<Ops, ParameterStore, Tensor> {}

  /** The input "x" of width w per element, junk (large values) in the padding slots. */
  private static Parameter input(Parameters p, int w, boolean junk) {
    SplittableRandom r = new SplittableRandom(11);
    float[] v = new float[LENGTHS.length * SLOTS * w];
    for (int i = 0; i < LENGTHS.length; i++) {
      for (int e = 0; e < SLOTS; e++) {
        for (int c = 0; c < w; c++) {
          float value = (float) r.nextGaussian();
          v[(i * SLOTS + e) * w + c] = e < LENGTHS[i] ? value : junk ? 50 * value : 0f;
        }
      }
    }
    Parameter x = p.trainable("x", LENGTHS.length, SLOTS * w, 0);
    ((ModelParameter) x).assign(v);
    return x;
  }

  private static Tensor weights(Ops o, int rows, int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) r.nextGaussian();
    }
    return o.constant(new Matrix(rows, cols, d));
  }

  /** A scalar loss from an output: a fixed random weighting of it, so every element matters. */
  private static Tensor loss(Ops o, Tensor out) {
    return o.sum(o.mul(out, weights(o, out.rows(), out.cols(), 99)));
  }

  private static ParameterStore store(int inputWidth, boolean junk, java.util.function.Consumer<Parameters> more) {
    ParameterStore s = new ParameterStore(3);
    input(s.root(), inputWidth, junk);
    more.accept(s.root());
    return s;
  }

  private static Parameter param(ParameterStore s, String name) {
    return s.all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private static float value(ParameterStore s, Model m) {
    Graph g = new Graph(new ArrayPool(), ONE, false);
    return m.apply(g, s).scalar();
  }

  /** Every parameter's gradient against finite differences; zero gradient on the padding of x. */
  private static void check(String what, int inputWidth, java.util.function.Consumer<Parameters> more, Model m) {
    ParameterStore s = store(inputWidth, true, more);
    Graph g = new Graph(new ArrayPool(), TWO, true);
    g.backward(m.apply(g, s));
    for (ModelParameter p : s.trainable()) {
      float[] analytic = p.gradient().clone();
      for (int i = 0; i < p.data().length; i++) {
        float keep = p.data()[i];
        float h = 1e-2f;
        p.data()[i] = keep + h;
        double up = value(s, m);
        p.data()[i] = keep - h;
        double down = value(s, m);
        p.data()[i] = keep;
        double numeric = (up - down) / (2 * h);
        assertThat((double) analytic[i]).as(what + ": d/d " + p.name() + "[" + i + "]")
            .isCloseTo(numeric, Offset.offset(2e-2 * Math.max(1, Math.abs(numeric))));
      }
    }
    float[] gx = ((ModelParameter) param(s, "x")).gradient();
    for (int i = 0; i < LENGTHS.length; i++) {
      for (int k = LENGTHS[i] * inputWidth; k < SLOTS * inputWidth; k++) {
        assertThat(gx[i * SLOTS * inputWidth + k]).as(what + ": gradient on padding, row " + i).isZero();
      }
    }
    // the same result with zeros in the padding
    assertThat(value(store(inputWidth, false, more), m)).as(what + ": padding changed the result")
        .isEqualTo(value(s, m));
  }

  @Test
  void poolingAndElementView() {
    for (Pooling pooling : Pooling.values()) {
      check("pool " + pooling, 3, p -> p.trainable("w", 3, 4, 0.7), (o, p) -> {
        Tensor e = o.tanh(o.matmul(o.elements(o.use(param(p, "x")), 3), o.use(param(p, "w"))));
        return loss(o, o.pool(e, LENGTHS, pooling));
      });
    }
  }

  @Test
  void convolution() {
    check("conv1d kernel 3 dilation 2", 2, p -> {
      p.trainable("w", 3 * 2, 4, 0.5);
      p.trainable("b", 1, 4, 0.5);
    }, (o, p) -> loss(o, o.tanh(o.conv1d(o.use(param(p, "x")), LENGTHS, param(p, "w"), param(p, "b"), 3, 2))));
    check("conv1d kernel 4", 2, p -> {
      p.trainable("w", 4 * 2, 3, 0.5);
      p.trainable("b", 1, 3, 0.5);
    }, (o, p) -> loss(o, o.conv1d(o.use(param(p, "x")), LENGTHS, param(p, "w"), param(p, "b"), 4, 1)));
  }

  @Test
  void fullLengthConvolutionMatchesTheRaggedPath() {
    // all rows full take a path without gathers; a short extra row forces the general one
    ParameterStore s = new ParameterStore(2);
    Parameter w = s.root().trainable("w", 3 * 2, 3, 0.5);
    Parameter b = s.root().trainable("b", 1, 3, 0.5);
    Graph g = new Graph(new ArrayPool(), ONE, false);
    Tensor full = weights(g, 2, 4 * 2, 8);
    float[] alone = g.conv1d(full, new int[] {4, 4}, w, b, 3, 1).value().data();
    Tensor mixed = g.concatColumns(g.reshape(g.concatColumns(g.reshape(full, 1, 16), weights(g, 1, 8, 3)), 3, 8));
    float[] together = g.conv1d(mixed, new int[] {4, 4, 2}, w, b, 3, 1).value().data();
    assertThat(java.util.Arrays.copyOf(together, alone.length)).containsExactly(alone);
  }

  @Test
  void longRaggedConvolutionMatchesADirectSumAcrossStepBlocks() {
    // more steps than a block (256), rows ending inside blocks, an empty row and a one-step row:
    // values and all three gradients against the convolution written out in double precision
    int[] lengths = {300, 0, 170, 257, 1};
    int slots = 300;
    int cin = 3;
    int cout = 4;
    int kernel = 3;
    int dilation = 2;
    ParameterStore s = new ParameterStore(4);
    Parameter x = s.root().trainable("x", lengths.length, slots * cin, 1);
    Parameter w = s.root().trainable("w", kernel * cin, cout, 0.5);
    Parameter b = s.root().trainable("b", 1, cout, 0.5);
    Graph g = new Graph(new ArrayPool(), TWO, true);
    Tensor out = g.conv1d(g.use(x), lengths, w, b, kernel, dilation);
    float[] weighting = weights(g, out.rows(), out.cols(), 7).value().data();
    g.backward(g.sum(g.mul(out, g.constant(new Matrix(out.rows(), out.cols(), weighting)))));
    float[] xv = ((ModelParameter) x).data();
    float[] wv = ((ModelParameter) w).data();
    float[] bv = ((ModelParameter) b).data();
    double[] gw = new double[wv.length];
    double[] gb = new double[cout];
    double[] gx = new double[xv.length];
    float[] got = out.value().data();
    for (int i = 0; i < lengths.length; i++) {
      for (int t = 0; t < slots; t++) {
        for (int o = 0; o < cout; o++) {
          int at = (i * slots + t) * cout + o;
          if (t >= lengths[i]) {
            assertThat(got[at]).as("padding output, row %d step %d", i, t).isZero();
            continue;
          }
          double sum = bv[o];
          double gOut = weighting[at];
          gb[o] += gOut;
          for (int q = 0; q < kernel; q++) {
            int step = t + (q - (kernel - 1) / 2) * dilation;
            if (step < 0 || step >= lengths[i]) {
              continue;
            }
            for (int c = 0; c < cin; c++) {
              int xi = (i * slots + step) * cin + c;
              int wi = (q * cin + c) * cout + o;
              sum += (double) xv[xi] * wv[wi];
              gw[wi] += xv[xi] * gOut;
              gx[xi] += wv[wi] * gOut;
            }
          }
          assertThat((double) got[at]).as("row %d step %d channel %d", i, t, o).isCloseTo(sum, Offset.offset(1e-4));
        }
      }
    }
    assertClose("weight gradient", ((ModelParameter) w).gradient(), gw);
    assertClose("bias gradient", ((ModelParameter) b).gradient(), gb);
    assertClose("input gradient", ((ModelParameter) x).gradient(), gx);
  }

  private static void assertClose(String what, float[] got, double[] expected) {
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) got[i]).as("%s [%d]", what, i)
          .isCloseTo(expected[i], Offset.offset(1e-4 * Math.max(1, Math.abs(expected[i]))));
    }
  }

  @Test
  void blockedWeightGradientMatchesOneProduct() {
    // long sequences take the blocked product (the gradient checks above are too short for it)
    int n = 1000;
    Graph g = new Graph(new ArrayPool(), TWO, false);
    float[] a = weights(g, n, 7, 1).value().data();
    float[] b = weights(g, n, 5, 2).value().data();
    float[] direct = new float[35];
    float[] blocked = new float[35];
    java.util.Arrays.fill(blocked, 1f);
    g.gemmTransposedA(a, b, direct, n, 7, 5, false);
    RaggedOps.weightGradient(g, a, b, blocked, n, 7, 5);
    for (int i = 0; i < 35; i++) {
      assertThat(blocked[i] - 1f).isCloseTo(direct[i], Offset.offset(1e-3f));
    }
  }

  @Test
  void recurrentUnit() {
    check("gru", 2, p -> {
      p.trainable("wi", 2, 9, 0.6);
      p.trainable("wh", 3, 9, 0.6);
      p.trainable("bi", 1, 9, 0.3);
      p.trainable("bh", 1, 9, 0.3);
    }, (o, p) -> loss(o, o.gru(o.use(param(p, "x")), LENGTHS, param(p, "wi"), param(p, "wh"), param(p, "bi"),
        param(p, "bh"))));
  }

  @Test
  void attentionPooling() {
    for (int heads : new int[] {1, 2}) {
      check("attention, " + heads + " head(s)", 2, p -> {
        p.trainable("q", 2, 4, 0.8);
        p.trainable("wk", 2, 4, 0.8);
        p.trainable("wv", 2, 6, 0.8);
      }, (o, p) -> {
        Tensor e = o.elements(o.use(param(p, "x")), 2);
        return loss(o, o.attentionPool(o.use(param(p, "q")), o.matmul(e, o.use(param(p, "wk"))),
            o.matmul(e, o.use(param(p, "wv"))), LENGTHS, heads));
      });
    }
  }

  @Test
  void elementWise() {
    check("sigmoid and log", 1, p -> { }, (o, p) -> loss(o, o.pool(o.log(o.sigmoid(o.elements(o.use(param(p, "x")), 1))),
        LENGTHS, Pooling.SUM)));
  }

  @Test
  void gruMatchesAStepByStepRecurrence() {
    // the fused kernel against the GRU equations run one row and one step at a time
    ParameterStore s = new ParameterStore(5);
    Parameter wi = s.root().trainable("wi", 2, 6, 0.7);
    Parameter wh = s.root().trainable("wh", 2, 6, 0.7);
    Parameter bi = s.root().trainable("bi", 1, 6, 0.7);
    Parameter bh = s.root().trainable("bh", 1, 6, 0.7);
    Graph g = new Graph(new ArrayPool(), ONE, false);
    Tensor xs = weights(g, LENGTHS.length, SLOTS * 2, 4);
    float[] got = g.gru(xs, LENGTHS, wi, wh, bi, bh).value().data();
    float[] xv = xs.value().data();
    for (int i = 0; i < LENGTHS.length; i++) {
      double[] h = new double[2];
      for (int t = 0; t < LENGTHS[i]; t++) {
        double[] a = new double[6];
        double[] c = new double[6];
        for (int j = 0; j < 6; j++) {
          a[j] = bi.values()[j];
          c[j] = bh.values()[j];
          for (int k = 0; k < 2; k++) {
            a[j] += xv[i * SLOTS * 2 + t * 2 + k] * wi.values()[k * 6 + j];
            c[j] += h[k] * wh.values()[k * 6 + j];
          }
        }
        double[] next = new double[2];
        for (int u = 0; u < 2; u++) {
          double r = 1 / (1 + Math.exp(-(a[u] + c[u])));
          double z = 1 / (1 + Math.exp(-(a[2 + u] + c[2 + u])));
          double n = Math.tanh(a[4 + u] + r * c[4 + u]);
          next[u] = (1 - z) * n + z * h[u];
        }
        h = next;
      }
      for (int u = 0; u < 2; u++) {
        assertThat((double) got[i * 2 + u]).as("row " + i + " unit " + u).isCloseTo(h[u], Offset.offset(1e-5));
      }
    }
  }

  @Test
  void badLengthsAreNamed() {
    Graph g = new Graph(new ArrayPool(), ONE, false);
    Tensor e = weights(g, 4 * SLOTS, 2, 1);
    assertThatThrownBy(() -> g.pool(e, new int[] {3, 0, 5, 4}, Pooling.MEAN)).hasMessageContaining("row 1")
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> g.pool(e, new int[] {3, 6, 5, 4}, Pooling.SUM)).hasMessageContaining("row 1")
        .hasMessageContaining("length 6");
    assertThatThrownBy(() -> g.elements(weights(g, 2, 7, 1), 2)).hasMessageContaining("width 2");
  }
}
