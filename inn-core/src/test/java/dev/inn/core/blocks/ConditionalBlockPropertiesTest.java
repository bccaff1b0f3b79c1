package dev.inn.core.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.plugin.PluginRegistry;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every discovered block made conditional: for a fixed condition it is exactly invertible with
 * the right log-determinant, and blocks with subnets really depend on the condition.
 */
class ConditionalBlockPropertiesTest {

  private static final int CONDITION = 3;

  /** The discovered blocks that have a conditional version. */
  static Stream<String> blocks() {
    return PluginRegistry.fromClassPath().all(BlockProvider.class).values().stream()
        .filter(BlockProvider::conditional).map(BlockProvider::name);
  }

  static Stream<String> allBlocks() {
    return PluginRegistry.fromClassPath().all(BlockProvider.class).keySet().stream();
  }

  /**
   * Every discovered block's conditional version is real or refused: a block that declares one
   * makes a block whose output changes with the condition, any other refuses by its name.
   */
  @ParameterizedTest
  @MethodSource("allBlocks")
  void aConditionalVersionIsRealOrRefusedByName(String name) {
    BlockProvider p = PluginRegistry.fromClassPath().find(BlockProvider.class, name);
    if (p.conditional()) {
      couplingDependsOnTheCondition(name, 4);
      return;
    }
    BlockSpec spec = new BlockSpec(4, 16, 2, 2f, "relu", 0f, PluginRegistry.settingsFor(p, "block", Map.of()));
    assertThatThrownBy(() -> p.createConditional(spec, CONDITION, new ParameterStore(1).root()))
        .isInstanceOf(dev.inn.api.settings.ConfigurationException.class)
        .hasMessageContaining("block '" + name + "' has no conditional version");
  }

  private static ConditionalBlock randomBlock(String name, int width, long seed) {
    BlockProvider p = PluginRegistry.fromClassPath().find(BlockProvider.class, name);
    ParameterStore store = new ParameterStore(seed);
    BlockSpec spec = new BlockSpec(width, 16, 3, 2f, "tanh", 0.3f, PluginRegistry.settingsFor(p, "block", Map.of()));
    ConditionalBlock block = p.createConditional(spec, CONDITION, store.root());
    SplittableRandom r = new SplittableRandom(seed + 1);
    // as in BlockPropertiesTest: larger spline weights make slopes so flat that float32 cannot invert them
    double std = name.equals("rq-spline-coupling") ? 0.2 : 0.4;
    for (ModelParameter mp : store.trainable()) {
      float[] d = mp.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = (float) (std * r.nextGaussian());
      }
    }
    return block;
  }

  private static Matrix gaussian(int n, int w, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[n * w];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) r.nextGaussian();
    }
    return new Matrix(n, w, d);
  }

  private static Graph graph() {
    return new Graph(new ArrayPool(), new RowParallel(1), false);
  }

  @ParameterizedTest
  @MethodSource("blocks")
  void inverseUndoesForwardForAFixedCondition(String name) {
    for (int width : new int[] {1, 2, 5, 8}) { // width 1: a one-parameter posterior
      ConditionalBlock block = randomBlock(name, width, 7);
      Graph g = graph();
      Matrix u = gaussian(64, width, 3);
      Matrix c = gaussian(64, CONDITION, 4);
      Transformed fwd = block.forward(g, g.constant(u), g.constant(c));
      Transformed inv = block.inverse(g, fwd.value(), g.constant(c));
      Matrix back = inv.value().value();
      for (int i = 0; i < u.data().length; i++) {
        assertThat(back.data()[i]).as(name + " width " + width).isCloseTo(u.data()[i], Offset.offset(1e-4f));
      }
      Matrix ld = fwd.logDet().value();
      Matrix ldInv = inv.logDet().value();
      for (int i = 0; i < ld.rows(); i++) {
        assertThat(ldInv.get(i, 0)).isCloseTo(-ld.get(i, 0), Offset.offset(1e-4f));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("blocks")
  void logDetMatchesNumericalJacobianGivenTheCondition(String name) {
    for (int w : new int[] {1, 4}) {
      logDetMatchesNumericalJacobian(name, w);
    }
  }

  private static void logDetMatchesNumericalJacobian(String name, int w) {
    ConditionalBlock block = randomBlock(name, w, 11);
    Graph g = graph();
    Matrix u = gaussian(3, w, 5);
    Matrix c = gaussian(3, CONDITION, 6);
    Matrix logDet = block.forward(g, g.constant(u), g.constant(c)).logDet().value();
    double h = 1e-2;
    for (int row = 0; row < u.rows(); row++) {
      Matrix cRow = c.rows(row, row + 1);
      double[][] jac = new double[w][w];
      for (int j = 0; j < w; j++) {
        float[] plus = u.row(row);
        float[] minus = u.row(row);
        plus[j] += (float) h;
        minus[j] -= (float) h;
        Matrix fp = block.forward(g, g.constant(Matrix.of(new float[][] {plus})), g.constant(cRow)).value().value();
        Matrix fm = block.forward(g, g.constant(Matrix.of(new float[][] {minus})), g.constant(cRow)).value().value();
        for (int i = 0; i < w; i++) {
          jac[i][j] = (fp.get(0, i) - fm.get(0, i)) / (2 * h);
        }
      }
      double numeric = Math.log(Math.abs(BlockPropertiesTest.determinant(jac)));
      assertThat(logDet.get(row, 0)).as(name + " row " + row).isCloseTo((float) numeric, Offset.offset(2e-2f));
    }
  }

  @ParameterizedTest
  @MethodSource("blocks")
  void couplingsDependOnTheCondition(String name) {
    for (int w : new int[] {1, 4}) {
      couplingDependsOnTheCondition(name, w);
    }
  }

  @org.junit.jupiter.api.Test
  void aBlockWithoutAConditionalVersionIsRefusedByName() {
    BlockProvider unconditional = new BlockProvider() {
      @Override
      public String name() {
        return "my-coupling";
      }

      @Override
      public String description() {
        return "a plugin coupling that implements only create";
      }

      @Override
      public dev.inn.api.block.InvertibleBlock create(BlockSpec spec, dev.inn.api.tensor.Parameters params) {
        throw new AssertionError("not reached");
      }
    };
    BlockSpec spec = new BlockSpec(4, 16, 2, 2f, "relu", 0f, dev.inn.api.settings.Settings.empty());
    assertThat(unconditional.conditional()).isFalse();
    assertThatThrownBy(() -> unconditional.createConditional(spec, CONDITION, new ParameterStore(1).root()))
        .isInstanceOf(dev.inn.api.settings.ConfigurationException.class)
        .hasMessageContaining("block 'my-coupling' has no conditional version")
        .hasMessageContaining("would never see the observation");
  }

  @ParameterizedTest
  @MethodSource("blocks")
  void aOneDimensionalCouplingWithoutConditionIsRefused(String name) {
    if (!name.contains("coupling")) {
      return;
    }
    BlockProvider p = PluginRegistry.fromClassPath().find(BlockProvider.class, name);
    BlockSpec spec = new BlockSpec(1, 16, 3, 2f, "tanh", 0.3f, PluginRegistry.settingsFor(p, "block", Map.of()));
    assertThatThrownBy(() -> p.create(spec, new ParameterStore(1).root()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a condition");
  }

  private static void couplingDependsOnTheCondition(String name, int w) {
    ConditionalBlock block = randomBlock(name, w, 13);
    Graph g = graph();
    Matrix u = gaussian(8, w, 1);
    Matrix a = block.forward(g, g.constant(u), g.constant(gaussian(8, CONDITION, 2))).value().value();
    Matrix b = block.forward(g, g.constant(u), g.constant(gaussian(8, CONDITION, 3))).value().value();
    double diff = 0;
    for (int i = 0; i < a.data().length; i++) {
      diff += Math.abs(a.data()[i] - b.data()[i]);
    }
    assertThat(diff / a.data().length).as(name + ": output change when only the condition changes").isGreaterThan(1e-2);
  }
}
