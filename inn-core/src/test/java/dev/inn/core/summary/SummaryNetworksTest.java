package dev.inn.core.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.condition.ConditionNetworkProvider;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.training.Adam;
import dev.inn.core.training.OptimizerConfig;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The summary networks: invariances that define them, length handling, settings, and learning. */
class SummaryNetworksTest {

  private static final RowParallel ONE = new RowParallel(1);
  private static final ObservationShape SET = new ObservationShape.Set(2);
  private static final ObservationShape SEQUENCE = new ObservationShape.Sequence(2);

  private static ConditionNetwork network(ConditionNetworkProvider p, ObservationShape shape, ParameterStore store,
      Map<String, Object> overrides) {
    Settings s = p.settings(overrides);
    return p.create(shape, 3, s, store.root());
  }

  /** Padded rows of the given lengths in {@code slots} slots, junk past each length. */
  private static float[] padded(int[] lengths, int slots, int width, long seed, float junk) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[lengths.length * slots * width];
    for (int i = 0; i < lengths.length; i++) {
      for (int e = 0; e < slots; e++) {
        for (int c = 0; c < width; c++) {
          float x = (float) r.nextGaussian();
          v[(i * slots + e) * width + c] = e < lengths[i] ? x : junk * x;
        }
      }
    }
    return v;
  }

  private static float[] summarize(ConditionNetwork net, float[] y, int rows, int[] lengths) {
    Graph g = new Graph(new ArrayPool(), ONE, false);
    return net.apply(g, g.constant(new Matrix(rows, y.length / rows, y)), lengths).value().data();
  }

  /** The first {@code slots} slots of rows of {@code from} slots. */
  private static float[] trim(float[] y, int rows, int from, int slots, int width) {
    float[] out = new float[rows * slots * width];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(y, i * from * width, out, i * slots * width, slots * width);
    }
    return out;
  }

  @Test
  void setNetworksIgnoreOrderPaddingAndPaddingWidth() {
    int[] lengths = {5, 1, 9, 3};
    for (ConditionNetworkProvider p : new ConditionNetworkProvider[] {new DeepSetProvider(), new SetAttentionProvider()}) {
      for (String pooling : p instanceof DeepSetProvider ? new String[] {"mean", "max", "sum"} : new String[] {""}) {
        Map<String, Object> o = pooling.isEmpty() ? Map.of() : Map.of("pooling", pooling);
        ConditionNetwork net = network(p, SET, new ParameterStore(7), o);
        float[] y = padded(lengths, 12, 2, 1, 30f);
        float[] h = summarize(net, y, 4, lengths);
        assertThat(h).hasSize(4 * net.width());
        // reverse the real elements of every row
        float[] perm = y.clone();
        for (int i = 0; i < 4; i++) {
          for (int e = 0; e < lengths[i]; e++) {
            System.arraycopy(y, (i * 12 + e) * 2, perm, (i * 12 + lengths[i] - 1 - e) * 2, 2);
          }
        }
        assertThat(summarize(net, perm, 4, lengths)).as(p.name() + " " + pooling + " permuted")
            .containsExactly(h, Offset.offset(1e-5f));
        // the padding trimmed to the longest row, with zeros
        float[] clean = padded(lengths, 12, 2, 1, 0f);
        assertThat(summarize(net, trim(clean, 4, 12, 9, 2), 4, lengths)).as(p.name() + " trimmed")
            .containsExactly(h, Offset.offset(1e-5f));
      }
    }
  }

  @Test
  void sequenceNetworksSummarizeEachRowByItsOwnLength() {
    int[] lengths = {7, 2, 11, 1};
    for (ConditionNetworkProvider p : new ConditionNetworkProvider[] {new Conv1dProvider(), new GruProvider()}) {
      ConditionNetwork net = network(p, SEQUENCE, new ParameterStore(3), Map.of());
      float[] y = padded(lengths, 14, 2, 5, 30f);
      float[] h = summarize(net, y, 4, lengths);
      int w = net.width();
      assertThat(w).isEqualTo(16);
      // each row alone, trimmed to its own length, gives the same summary
      for (int i = 0; i < 4; i++) {
        float[] alone = java.util.Arrays.copyOfRange(y, i * 14 * 2, (i * 14 + lengths[i]) * 2);
        float[] hi = summarize(net, alone, 1, new int[0]);
        assertThat(hi).as(p.name() + " row " + i).containsExactly(java.util.Arrays.copyOfRange(h, i * w, (i + 1) * w),
            Offset.offset(1e-5f));
      }
      // and order matters: a sequence reversed is summarized differently
      float[] reversed = y.clone();
      for (int e = 0; e < lengths[0]; e++) {
        System.arraycopy(y, e * 2, reversed, (lengths[0] - 1 - e) * 2, 2);
      }
      assertThat(summarize(net, reversed, 4, lengths)[0]).as(p.name() + " reversed").isNotEqualTo(h[0]);
    }
  }

  @Test
  void shapesAndSettingsAreChecked() {
    assertThat(new DeepSetProvider().accepts(SET)).isTrue();
    assertThat(new DeepSetProvider().accepts(SEQUENCE)).isFalse();
    assertThat(new GruProvider().accepts(SEQUENCE)).isTrue();
    assertThat(new Conv1dProvider().accepts(new ObservationShape.Vector(4))).isFalse();
    assertThatThrownBy(() -> network(new Conv1dProvider(), SET, new ParameterStore(1), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("conv1d").hasMessageContaining("set");
    assertThatThrownBy(() -> network(new DeepSetProvider(), SET, new ParameterStore(1), Map.of("pooling", "median")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("median");
    assertThatThrownBy(() -> network(new SetAttentionProvider(), SET, new ParameterStore(1), Map.of("hidden", 64, "heads", 5)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("heads");
    // automatic sizes: eight hidden units per element value, at least 64, a multiple of the heads
    assertThat(network(new SetAttentionProvider(), new ObservationShape.Set(9), new ParameterStore(1),
        Map.of("heads", 5)).width()).isEqualTo(16);
    ConditionNetwork net = network(new DeepSetProvider(), SET, new ParameterStore(1), Map.of());
    assertThatThrownBy(() -> summarize(net, new float[15], 3, new int[] {2, 1, 2}))
        .hasMessageContaining("whole elements of 2");
    assertThatThrownBy(() -> summarize(net, new float[12], 3, new int[] {2, 0, 2})).hasMessageContaining("row 1");
  }

  /** Trains a network plus a linear head by Adam on the squared error to a target; returns the final mean error. */
  private static double learn(ConditionNetworkProvider p, ObservationShape shape, Map<String, Object> overrides,
      java.util.function.BiFunction<float[], Integer, Float> target, int steps) {
    ParameterStore store = new ParameterStore(4);
    ConditionNetwork net = p.create(shape, 1, p.settings(overrides),
        store.root().scope("net"));
    var head = store.root().trainable("head", net.width(), 1, 0.1);
    var headBias = store.root().trainable("head_b", 1, 1, 0);
    Adam adam = new Adam(store.trainable(), new OptimizerConfig(steps, 64, 3e-3, 3e-3, 0.9, 0.999, 1e-8, 0, 0, 0, 1));
    SplittableRandom r = new SplittableRandom(9);
    ArrayPool pool = new ArrayPool();
    double last = 0;
    for (int step = 0; step < steps; step++) {
      int batch = 32;
      int slots = 20;
      int[] lengths = new int[batch];
      float[] y = new float[batch * slots];
      float[] t = new float[batch];
      for (int i = 0; i < batch; i++) {
        lengths[i] = 5 + r.nextInt(slots - 4);
        float mu = (float) r.nextGaussian();
        for (int e = 0; e < lengths[i]; e++) {
          y[i * slots + e] = mu + (float) r.nextGaussian();
        }
        t[i] = target.apply(java.util.Arrays.copyOfRange(y, i * slots, i * slots + lengths[i]), lengths[i]);
      }
      adam.zeroGradients();
      Graph g = new Graph(pool, ONE, true);
      Ops o = g;
      var out = o.linear(net.apply(o, o.constant(new Matrix(batch, slots, y)), lengths), head, headBias);
      var loss = o.mean(o.square(o.sub(out, o.constant(new Matrix(batch, 1, t)))));
      last = step >= steps - 20 ? last + loss.scalar() / 20 : 0;
      g.backward(loss);
      adam.step(3e-3, 1f);
      pool.releaseAll();
    }
    return last;
  }

  @Test
  void networksLearnTheMeanOfARaggedSetOrSequence() {
    java.util.function.BiFunction<float[], Integer, Float> mean = (v, n) -> {
      float s = 0;
      for (float x : v) {
        s += x;
      }
      return s / n;
    };
    // the target's variance is about 1 + 1/n: a network that learns nothing stays near 1
    ObservationShape set1 = new ObservationShape.Set(1);
    ObservationShape seq1 = new ObservationShape.Sequence(1);
    Map<String, Object> small = Map.of("hidden", 16);
    assertThat(learn(new DeepSetProvider(), set1, small, mean, 100)).as("deepset").isLessThan(0.02);
    assertThat(learn(new SetAttentionProvider(), set1, Map.of("hidden", 16, "heads", 2), mean, 100))
        .as("set-attention").isLessThan(0.02);
    assertThat(learn(new Conv1dProvider(), seq1, Map.of("channels", 16, "layers", 2), mean, 100)).as("conv1d")
        .isLessThan(0.1);
    assertThat(learn(new GruProvider(), seq1, small, mean, 100)).as("gru").isLessThan(0.15);
  }
}
