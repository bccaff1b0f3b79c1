package dev.inn.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import dev.inn.losses.kernel.InverseMultiquadraticKernel;
import dev.inn.losses.mmd.Mmd;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Each differentiable operation's gradient against central finite differences (in double-ish tolerance). */
class OpsGradientTest {

  private static void check(String what, int rows, int cols, BiFunction<Ops, Tensor, Tensor> f) {
    ParameterStore store = new ParameterStore(5);
    Parameter p = store.root().trainable("p", rows, cols, 0.7);
    ModelParameter mp = (ModelParameter) p;
    Graph g = new Graph(new ArrayPool(), new RowParallel(2), true);
    g.backward(f.apply(g, g.use(p)));
    float[] analytic = mp.gradient().clone();
    for (int i = 0; i < mp.data().length; i++) {
      float keep = mp.data()[i];
      float h = 1e-2f;
      mp.data()[i] = keep + h;
      double up = f.apply(new Graph(new ArrayPool(), new RowParallel(1), false), new Graph(new ArrayPool(),
          new RowParallel(1), false).use(p)).scalar();
      mp.data()[i] = keep - h;
      double down = f.apply(new Graph(new ArrayPool(), new RowParallel(1), false), new Graph(new ArrayPool(),
          new RowParallel(1), false).use(p)).scalar();
      mp.data()[i] = keep;
      double numeric = (up - down) / (2 * h);
      assertThat((double) analytic[i]).as(what + " element " + i)
          .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-2 * Math.max(1, Math.abs(numeric))));
    }
  }

  private static Tensor fixed(Ops ops, int rows, int cols, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) r.nextGaussian();
    }
    return ops.constant(new Matrix(rows, cols, d));
  }

  @Test
  void elementwiseAndShapeOps() {
    check("tanh/exp/square", 3, 4, (o, x) -> o.sum(o.square(o.mul(o.tanh(x), o.exp(o.scale(x, 0.5f))))));
    check("leaky relu", 3, 4, (o, x) -> o.sum(o.mul(o.leakyRelu(o.addRow(x, o.columns(fixed(o, 1, 4, 9), 0, 4)), 0.1f),
        fixed(o, 3, 4, 2))));
    check("columns/concat/permute", 2, 5, (o, x) -> o.sum(o.mul(o.permuteColumns(o.concatColumns(o.columns(x, 3, 5),
        o.columns(x, 0, 3)), new int[] {4, 0, 3, 1, 2}), fixed(o, 2, 5, 3))));
    check("sumColumns/mean", 4, 3, (o, x) -> o.mean(o.square(o.sumColumns(x))));
  }

  @Test
  void matrixProductsAndDistances() {
    check("matmul left", 9, 6, (o, x) -> o.sum(o.square(o.matmul(x, fixed(o, 6, 20, 4)))));
    check("matmul right", 6, 20, (o, x) -> o.sum(o.square(o.matmul(fixed(o, 9, 6, 4), x))));
    check("squared distances", 7, 3, (o, x) -> o.sum(o.mul(o.squaredDistances(x, fixed(o, 5, 3, 8)),
        fixed(o, 7, 5, 1))));
    check("self distances", 6, 3, (o, x) -> o.sum(o.mul(o.squaredDistances(x, x), fixed(o, 6, 6, 1))));
    check("mmd", 6, 2, (o, x) -> Mmd.loss(o, x, fixed(o, 8, 2, 6), new InverseMultiquadraticKernel(new double[] {1})));
  }

  @Test
  void shapeMismatchesNameBothShapes() {
    Graph g = new Graph(new ArrayPool(), new RowParallel(1), false);
    assertThatThrownBy(() -> g.add(fixed(g, 2, 3, 1), fixed(g, 3, 2, 1)))
        .hasMessageContaining("2 x 3").hasMessageContaining("3 x 2");
    assertThatThrownBy(() -> g.matmul(fixed(g, 2, 3, 1), fixed(g, 2, 3, 1))).hasMessageContaining("do not fit");
  }
}
