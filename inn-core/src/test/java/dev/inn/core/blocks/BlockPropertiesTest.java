package dev.inn.core.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.plugin.PluginRegistry;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every discovered block (built-in or test plugin): exact inverse and correct log-determinant. */
class BlockPropertiesTest {

  static Stream<String> blocks() {
    return PluginRegistry.fromClassPath().all(BlockProvider.class).keySet().stream();
  }

  private static InvertibleBlock randomBlock(String name, int width, long seed) {
    BlockProvider p = PluginRegistry.fromClassPath().find(BlockProvider.class, name);
    ParameterStore store = new ParameterStore(seed);
    BlockSpec spec = new BlockSpec(width, 16, 3, 2f, "tanh", 0.3f,
        PluginRegistry.settingsFor(p, "block", java.util.Map.of()));
    InvertibleBlock block = p.create(spec, store.root());
    // move every trainable weight off its (often zero) start so the block is not the identity;
    // a spline's subnet outputs bin-size logits, and at 0.4 its slopes reach e^-10, where a float32
    // output no longer pins down the input (a limit of the number format, not of the block)
    double std = name.equals("rq-spline-coupling") ? 0.2 : 0.4;
    SplittableRandom r = new SplittableRandom(seed + 1);
    for (ModelParameter mp : store.trainable()) {
      float[] d = mp.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = (float) (std * r.nextGaussian());
      }
    }
    return block;
  }

  private static Matrix randomInput(int n, int w, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[n * w];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) r.nextGaussian();
    }
    return new Matrix(n, w, d);
  }

  @ParameterizedTest
  @MethodSource("blocks")
  void inverseUndoesForward(String name) {
    for (int width : new int[] {5, 8}) {
      InvertibleBlock block = randomBlock(name, width, 7);
      Graph g = new Graph(new ArrayPool(), new RowParallel(1), false);
      Matrix u = randomInput(64, width, 3);
      Transformed fwd = block.forward(g, g.constant(u));
      Transformed inv = block.inverse(g, fwd.value());
      Matrix back = inv.value().value();
      float worst = 0;
      for (int i = 0; i < u.data().length; i++) {
        worst = Math.max(worst, Math.abs(back.data()[i] - u.data()[i]));
      }
      assertThat(worst).as(name + " width " + width).isLessThan(1e-4f);
      Matrix ld = fwd.logDet().value();
      Matrix ldInv = inv.logDet().value();
      for (int i = 0; i < ld.rows(); i++) {
        assertThat(ldInv.get(i, 0)).isCloseTo(-ld.get(i, 0), org.assertj.core.data.Offset.offset(1e-4f));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("blocks")
  void logDetMatchesNumericalJacobian(String name) {
    int w = 4;
    InvertibleBlock block = randomBlock(name, w, 11);
    Graph g = new Graph(new ArrayPool(), new RowParallel(1), false);
    Matrix u = randomInput(3, w, 5);
    Matrix logDet = block.forward(g, g.constant(u)).logDet().value();
    double h = 1e-2;
    for (int row = 0; row < u.rows(); row++) {
      double[][] jac = new double[w][w];
      for (int j = 0; j < w; j++) {
        float[] plus = u.row(row);
        float[] minus = u.row(row);
        plus[j] += (float) h;
        minus[j] -= (float) h;
        Matrix fp = block.forward(g, g.constant(Matrix.of(new float[][] {plus}))).value().value();
        Matrix fm = block.forward(g, g.constant(Matrix.of(new float[][] {minus}))).value().value();
        for (int i = 0; i < w; i++) {
          jac[i][j] = (fp.get(0, i) - fm.get(0, i)) / (2 * h);
        }
      }
      double numeric = Math.log(Math.abs(determinant(jac)));
      assertThat(logDet.get(row, 0)).as(name + " row " + row).isCloseTo((float) numeric,
          org.assertj.core.data.Offset.offset(2e-2f));
    }
  }

  /** Determinant by Gaussian elimination with partial pivoting. */
  static double determinant(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = m[i].clone();
    }
    double det = 1;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      if (p != c) {
        double[] t = a[p];
        a[p] = a[c];
        a[c] = t;
        det = -det;
      }
      det *= a[c][c];
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= f * a[c][k];
        }
      }
    }
    return det;
  }
}
