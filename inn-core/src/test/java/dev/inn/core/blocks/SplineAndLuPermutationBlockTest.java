package dev.inn.core.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.plugin.PluginRegistry;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code rq-spline-coupling}, unconditional and conditional, and {@code lu-permutation} (which has
 * no conditional version; a conditional network runs it unconditioned):
 * the start state, exact inverse (also in the spline's identity tails), log-determinant
 * against a numerical Jacobian, and gradients of a training-like loss against finite
 * differences for every parameter, the input and the condition, in both directions.
 */
class SplineAndLuPermutationBlockTest {

  private static final int CONDITION_WIDTH = 3;

  /** A block with its parameter store; unconditional blocks, in a chain of their own, get (and ignore) a condition too. */
  private record Fixture(ConditionalBlock block, ParameterStore store) {}

  private static Fixture fixture(String name, boolean conditional, int width, long seed, boolean perturb) {
    BlockProvider provider = PluginRegistry.fromClassPath().find(BlockProvider.class, name);
    ParameterStore store = new ParameterStore(seed);
    BlockSpec spec = new BlockSpec(width, 8, 2, 2f, "tanh", 0.3f,
        PluginRegistry.settingsFor(provider, "block", Map.of()));
    ConditionalBlock block = conditional
        ? provider.createConditional(spec, CONDITION_WIDTH, store.root())
        : dev.inn.api.block.BlockChain.of(java.util.List.of(provider.create(spec, store.root())));
    if (perturb) {
      // off the (identity / permutation) start, but not so far that float32 cannot resolve a near-flat spline
      SplittableRandom r = new SplittableRandom(seed + 1);
      for (ModelParameter mp : store.trainable()) {
        float[] d = mp.data();
        for (int i = 0; i < d.length; i++) {
          d[i] = (float) (0.25 * r.nextGaussian());
        }
      }
    }
    return new Fixture(block, store);
  }

  private static Graph graph(boolean recording) {
    return new Graph(new ArrayPool(), new RowParallel(1), recording);
  }

  private static Matrix random(int rows, int cols, double std, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (std * r.nextGaussian());
    }
    return new Matrix(rows, cols, d);
  }

  /** Standard normal rows, with every fourth row stretched so some elements leave the spline's box [-5, 5]. */
  private static Matrix inputs(int rows, int width, long seed) {
    Matrix m = random(rows, width, 1, seed);
    float[] d = m.data();
    for (int i = 0; i < rows; i += 4) {
      for (int j = 0; j < width; j++) {
        d[i * width + j] *= 6f;
      }
    }
    return m;
  }

  @ParameterizedTest
  @CsvSource({"rq-spline-coupling, false", "rq-spline-coupling, true", "lu-permutation, false"})
  void startsAsIdentityOrFixedPermutation(String name, boolean conditional) {
    int width = 5;
    ConditionalBlock block = fixture(name, conditional, width, 3, false).block();
    Graph g = graph(false);
    Matrix u = inputs(8, width, 4);
    Transformed fwd = block.forward(g, g.constant(u), g.constant(random(8, CONDITION_WIDTH, 1, 5)));
    Matrix v = fwd.value().value();
    for (int i = 0; i < u.rows(); i++) {
      float[] in = u.row(i).clone();
      float[] out = v.row(i).clone();
      java.util.Arrays.sort(in);
      java.util.Arrays.sort(out);
      for (int j = 0; j < width; j++) {
        // the same multiset of values per row: identity for the spline, a permutation for LU
        assertThat(out[j]).isCloseTo(in[j], within(1e-5f * Math.max(1, Math.abs(in[j]))));
      }
      assertThat(fwd.logDet().value().get(i, 0)).isCloseTo(0f, within(1e-5f));
    }
    if (name.startsWith("rq")) {
      for (int k = 0; k < u.data().length; k++) {
        assertThat(v.data()[k]).isCloseTo(u.data()[k], within(1e-5f * Math.max(1, Math.abs(u.data()[k]))));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"rq-spline-coupling, false", "rq-spline-coupling, true", "lu-permutation, false"})
  void inverseUndoesForwardAndNegatesTheLogDet(String name, boolean conditional) {
    for (int width : new int[] {5, 8}) {
      ConditionalBlock block = fixture(name, conditional, width, 7, true).block();
      Graph g = graph(false);
      Matrix u = inputs(64, width, 3);
      Tensor c = g.constant(random(64, CONDITION_WIDTH, 1, 9));
      Transformed fwd = block.forward(g, g.constant(u), c);
      Transformed inv = block.inverse(g, fwd.value(), c);
      float[] back = inv.value().value().data();
      for (int i = 0; i < back.length; i++) {
        assertThat(back[i]).as(name + " width " + width + " element " + i)
            .isCloseTo(u.data()[i], within(1e-4f * Math.max(1, Math.abs(u.data()[i]))));
      }
      Matrix ld = fwd.logDet().value();
      Matrix ldInv = inv.logDet().value();
      for (int i = 0; i < ld.rows(); i++) {
        assertThat(ldInv.get(i, 0)).isCloseTo(-ld.get(i, 0), within(1e-4f * Math.max(1, Math.abs(ld.get(i, 0)))));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"rq-spline-coupling, false", "rq-spline-coupling, true", "lu-permutation, false"})
  void logDetMatchesNumericalJacobian(String name, boolean conditional) {
    int w = 4;
    ConditionalBlock block = fixture(name, conditional, w, 11, true).block();
    Graph g = graph(false);
    // the last row has elements in both tails of the spline
    Matrix u = Matrix.of(new float[][] {{0.3f, -1.1f, 0.8f, 2.2f}, {-2.5f, 0.1f, 1.7f, -0.6f},
        {6.5f, -0.4f, 1.2f, -7.3f}});
    Matrix cond = random(3, CONDITION_WIDTH, 1, 12);
    Matrix logDet = block.forward(g, g.constant(u), g.constant(cond)).logDet().value();
    float h = 1e-3f;
    for (int row = 0; row < u.rows(); row++) {
      Tensor c = g.constant(cond.rows(row, row + 1));
      double[][] jac = new double[w][w];
      for (int j = 0; j < w; j++) {
        float[] plus = u.row(row).clone();
        float[] minus = u.row(row).clone();
        plus[j] += h;
        minus[j] -= h;
        Matrix fp = block.forward(g, g.constant(Matrix.of(new float[][] {plus})), c).value().value();
        Matrix fm = block.forward(g, g.constant(Matrix.of(new float[][] {minus})), c).value().value();
        for (int i = 0; i < w; i++) {
          jac[i][j] = ((double) fp.get(0, i) - fm.get(0, i)) / ((double) plus[j] - minus[j]);
        }
      }
      double numeric = Math.log(Math.abs(BlockPropertiesTest.determinant(jac)));
      assertThat((double) logDet.get(row, 0)).as(name + " row " + row).isCloseTo(numeric, within(1e-2));
    }
  }

  @ParameterizedTest
  @CsvSource({"rq-spline-coupling, false", "rq-spline-coupling, true", "lu-permutation, false"})
  void gradientsMatchFiniteDifferences(String name, boolean conditional) {
    for (boolean inverse : new boolean[] {false, true}) {
      Fixture f = fixture(name, conditional, 4, 13, true);
      // input and condition as parameters of their own store, so their gradients are checked too
      ParameterStore data = new ParameterStore(1);
      ModelParameter x = (ModelParameter) data.root().trainable("x", 3, 4, 0);
      ModelParameter c = (ModelParameter) data.root().trainable("c", 3, CONDITION_WIDTH, 0);
      System.arraycopy(inputs(3, 4, 14).data(), 0, x.data(), 0, 12);
      System.arraycopy(random(3, CONDITION_WIDTH, 1, 15).data(), 0, c.data(), 0, 3 * CONDITION_WIDTH);
      // a maximum-likelihood-like loss: sum(out^2) / 2 + sum(logDet)
      Function<Graph, Tensor> loss = g -> {
        Transformed t = inverse ? f.block().inverse(g, g.use(x), g.use(c)) : f.block().forward(g, g.use(x), g.use(c));
        return g.add(g.scale(g.sum(g.square(t.value())), 0.5f), g.sum(t.logDet()));
      };
      // the same loss summed in double from the block's outputs, so the float rounding of one
      // large total does not swamp the finite differences
      Function<Graph, Double> lossInDouble = g -> {
        Transformed t = inverse ? f.block().inverse(g, g.use(x), g.use(c)) : f.block().forward(g, g.use(x), g.use(c));
        double total = 0;
        for (float v : t.value().value().data()) {
          total += 0.5 * v * v;
        }
        for (float v : t.logDet().value().data()) {
          total += v;
        }
        return total;
      };
      Graph g = graph(true);
      g.backward(loss.apply(g));
      List<ModelParameter> all = new java.util.ArrayList<>(f.store().trainable());
      all.add(x);
      all.add(c);
      for (ModelParameter mp : all) {
        float[] analytic = mp.gradient().clone();
        for (int i = 0; i < mp.data().length; i++) {
          float keep = mp.data()[i];
          float h = 1e-3f;
          mp.data()[i] = keep + h;
          double up = lossInDouble.apply(graph(false));
          float stepUp = mp.data()[i] - keep;
          mp.data()[i] = keep - h;
          double down = lossInDouble.apply(graph(false));
          float stepDown = keep - mp.data()[i];
          mp.data()[i] = keep;
          double numeric = (up - down) / ((double) stepUp + stepDown);
          assertThat((double) analytic[i])
              .as(name + (conditional ? " conditional" : "") + (inverse ? " inverse " : " forward ") + mp.name()
                  + " element " + i)
              .isCloseTo(numeric, within(3e-3 + 1e-2 * Math.abs(numeric)));
        }
      }
    }
  }
}
