package dev.inn.core.cinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.block.BlockChain;
import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.inn.InnMethod;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.core.training.GraphMethodToolkit;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The one block chain of the INN and the cINN: data-initialised blocks (ActNorm) set themselves
 * from their actual input in both networks, and a block whose kind does not fit its place in
 * the cINN is refused by name when the settings are read.
 */
class SharedChainTest {

  private static final PluginRegistry REGISTRY = PluginRegistry.fromClassPath();

  private static BlockProvider block(String name) {
    return REGISTRY.find(BlockProvider.class, name);
  }

  private static BlockSpec spec(String name, int width) {
    return new BlockSpec(width, 8, 2, 2f, "tanh", 0.3f, PluginRegistry.settingsFor(block(name), "block", Map.of()));
  }

  /** Rows of mean 5 and deviation 10 per column (and a condition column), so a set-up ActNorm is far from the identity. */
  private static Matrix shifted(int n, int w, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[n * w];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (5 + 10 * r.nextGaussian());
    }
    return new Matrix(n, w, d);
  }

  private static void standardised(Matrix out, String what) {
    for (int c = 0; c < out.cols(); c++) {
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < out.rows(); i++) {
        mean += out.get(i, c);
      }
      mean /= out.rows();
      for (int i = 0; i < out.rows(); i++) {
        sq += (out.get(i, c) - mean) * (out.get(i, c) - mean);
      }
      assertThat(mean).as(what + " column " + c + " mean").isCloseTo(0, Offset.offset(1e-3));
      assertThat(Math.sqrt(sq / out.rows())).as(what + " column " + c + " deviation").isCloseTo(1, Offset.offset(1e-3));
    }
  }

  @Test
  void eachDataInitialisedBlockSetsItselfFromItsActualInputWithOrWithoutACondition() {
    ParameterStore store = new ParameterStore(3);
    // the last ActNorm sees what the scaling block (random weights) or the coupling made of the first one's output
    BlockChain plain = BlockChain.builder().add(block("actnorm").create(spec("actnorm", 3), store.root().scope("a")))
        .add(block("test-elementwise-affine").create(spec("test-elementwise-affine", 3), store.root().scope("b")))
        .add(block("actnorm").create(spec("actnorm", 3), store.root().scope("c"))).build();
    BlockChain conditioned = BlockChain.builder()
        .add(block("actnorm").create(spec("actnorm", 3), store.root().scope("d")))
        .addConditional(block("affine-coupling").createConditional(spec("affine-coupling", 3), 2,
            store.root().scope("e")))
        .add(block("actnorm").create(spec("actnorm", 3), store.root().scope("f"))).build();
    SplittableRandom r = new SplittableRandom(4);
    for (ModelParameter p : store.trainable()) {
      if (p.name().startsWith("e.")) {
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
          d[i] = (float) (0.3 * r.nextGaussian());
        }
      }
    }
    assertThat(plain.dataInitialized()).isTrue();
    assertThat(conditioned.conditioned()).isTrue();
    Matrix x = shifted(400, 3, 1);
    Matrix c = shifted(400, 2, 2);
    Graph g = new Graph(new ArrayPool(), new RowParallel(1), false);
    plain.initialize(g, g.constant(x), null);
    conditioned.initialize(g, g.constant(x), g.constant(c));
    standardised(plain.forward(g, g.constant(x)).value().value(), "unconditioned chain");
    standardised(conditioned.forward(g, g.constant(x), g.constant(c)).value().value(), "conditioned chain");
    assertThatThrownBy(() -> conditioned.forward(g, g.constant(x), null))
        .hasMessageContaining("conditional blocks; pass their condition");
  }

  /** log_scale of the ActNorm in {@code scope} matches 1 / (deviation of the data's column 0). */
  private static void setUpFrom(ParameterStore params, String scope, Matrix x) {
    ModelParameter logScale = params.all().stream().filter(p -> p.name().equals(scope + ".log_scale")).findFirst()
        .orElseThrow();
    double mean = 0;
    double sq = 0;
    for (int i = 0; i < x.rows(); i++) {
      mean += x.get(i, 0);
    }
    mean /= x.rows();
    for (int i = 0; i < x.rows(); i++) {
      sq += (x.get(i, 0) - mean) * (x.get(i, 0) - mean);
    }
    // the set-up batch is a draw of the rows, so its deviation differs a little from all rows'
    assertThat(logScale.values()[0]).isCloseTo((float) -Math.log(Math.sqrt(sq / x.rows())), Offset.offset(0.1f));
  }

  @Test
  void theInnsChainSetsUpItsDataInitialisedBlocks() {
    ProblemProvider pp = REGISTRY.find(ProblemProvider.class, "test-sum");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    Dataset data = problem.sample(300, 1);
    float[] x = data.x().data();
    for (int i = 0; i < x.length; i++) {
      x[i] = 5 + 10 * x[i];
    }
    MethodProvider mp = REGISTRY.find(MethodProvider.class, "inn");
    // ActNorm as the INN's block, trained for one step of a negligible rate: what is left is the set-up
    InnMethod inn = (InnMethod) mp.create(problem, mp.settings(Map.of("block", "actnorm", "blocks", 2,
        "standardize", false, "steps", 1, "lr", 1e-9, "lr_final", 1e-9, "threads", 1)));
    inn.train(data, TrainingContext.quiet(7));
    setUpFrom(inn.parameters(), "block0", data.x());
  }

  @Test
  void theCinnsChainSetsUpItsDataInitialisedBlocks() {
    Problem problem = CinnMethodTest.linearGaussian();
    Settings settings = CinnMethodTest.settings(Map.of("ensemble", 1, "hidden", 16));
    CinnSettings parsed = CinnSettings.parse(settings, REGISTRY).forShape(problem.observationShape(), REGISTRY);
    GraphMethodToolkit kit = new GraphMethodToolkit("cinn", problem, 1, 1);
    FlowContext context = new FlowContext(parsed, kit, kit.supportMap(problem, false), problem.name(),
        problem.parameterDim(), problem.observationDim());
    CinnFlow flow = new CinnFlow(context, 1, 16);
    Dataset data = new Dataset(shifted(300, problem.parameterDim(), 5), shifted(300, problem.observationDim(), 6));
    flow.initialize(data, 7);
    setUpFrom(flow.params, "actnorm0", data.x());
  }

  @Test
  void aBlockOfTheWrongKindIsRefusedByNameWhenTheSettingsAreRead() {
    MethodProvider cinn = REGISTRY.find(MethodProvider.class, "cinn");
    assertThatThrownBy(() -> cinn.settings(Map.of("block", "permutation")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).contains("block"))
        .hasMessageContaining("block 'permutation' has no conditional version")
        .hasMessageContaining("affine-coupling");
    assertThatThrownBy(() -> cinn.settings(Map.of("alternate_block", "test-elementwise-affine")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).contains("alternate_block"))
        .hasMessageContaining("block 'test-elementwise-affine' has no conditional version");
    assertThatThrownBy(() -> cinn.settings(Map.of("permutation", "affine-coupling")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).contains("permutation"))
        .hasMessageContaining("'affine-coupling' is a conditional block");
    // a plugin of another kind is no block at all
    assertThatThrownBy(() -> cinn.settings(Map.of("block", "mlp")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).contains("block"))
        .hasMessageContaining("unknown block 'mlp'");
  }
}
