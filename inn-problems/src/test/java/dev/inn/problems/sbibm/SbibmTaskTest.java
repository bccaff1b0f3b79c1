package dev.inn.problems.sbibm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.api.problem.Simulation;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** What all five tasks share: registration, shapes, reproducibility, the stored data. */
class SbibmTaskTest {

  /** Task, P, D, sbibm folder. */
  static Stream<Object[]> tasks() {
    return Stream.of(
        new Object[] {new Slcp(), 5, 8},
        new Object[] {new BernoulliGlm(), 10, 10},
        new Object[] {new GaussianLinearUniform(), 10, 10},
        new Object[] {new Sir(), 2, 10},
        new Object[] {new LotkaVolterra(), 4, 20});
  }

  @Test
  void allFiveTasksAreRegisteredAndCreatable() {
    Map<String, ProblemProvider> providers = StreamSupport
        .stream(ServiceLoader.load(ProblemProvider.class).spliterator(), false)
        .collect(Collectors.toMap(ProblemProvider::name, p -> p));
    for (String name : List.of("slcp", "bernoulli-glm", "gaussian-linear-uniform", "sir", "lotka-volterra")) {
      assertThat(providers).containsKey(name);
      Problem problem = created(providers.get(name), Map.of());
      assertThat(problem.name()).isEqualTo(name);
    }
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void shapesNamesAndReproducibleSamples(SbibmTask task, int p, int d) {
    assertThat(task.parameterNames()).hasSize(p).doesNotHaveDuplicates();
    assertThat(task.observationNames()).hasSize(d).doesNotHaveDuplicates();
    assertThat(task.latentDim()).isEqualTo(p);
    assertThat(task.support().orElseThrow().dim()).isEqualTo(p);

    Dataset a = task.sample(300, 7);
    Dataset b = task.sample(300, 7);
    Dataset c = task.sample(300, 8);
    assertThat(a.x().rows()).isEqualTo(300);
    assertThat(a.x().cols()).isEqualTo(p);
    assertThat(a.y().cols()).isEqualTo(d);
    assertThat(a.x().firstNonFinite()).isEqualTo(-1);
    assertThat(a.y().firstNonFinite()).isEqualTo(-1);
    assertThat(b).isEqualTo(a);
    assertThat(c.x()).isNotEqualTo(a.x());
    // the prior's rows are the first draws of sample's row streams
    assertThat(task.prior().orElseThrow().sample(300, 7)).isEqualTo(a.x());

    Simulation sim = task.simulator().orElseThrow().simulate(a.x(), 5);
    assertThat(sim.invalidCount()).isZero();
    assertThat(sim.y()).isEqualTo(task.simulator().orElseThrow().simulate(a.x(), 5).y());
    assertThat(task.simulator().orElseThrow().simulate(a.x(), 6).y()).isNotEqualTo(sim.y());
    // rows are seeded by their index in the run, so a run cut into pieces gives the same rows
    Simulation tail = task.simulator().orElseThrow().simulate(a.x().rows(100, 300), 5, 100);
    assertThat(tail.y()).isEqualTo(sim.y().rows(100, 300));
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void storedObservationsParseWithTheSpecShapes(SbibmTask task, int p, int d) {
    List<ReferenceObservation> refs = task.referenceObservations();
    assertThat(refs).hasSize(10);
    for (int k = 0; k < 10; k++) {
      ReferenceObservation ref = refs.get(k);
      assertThat(ref.id()).isEqualTo(Integer.toString(k + 1));
      assertThat(ref.observation()).hasSize(d);
      assertThat(ref.trueParameters()).hasSize(p);
    }
    // one posterior per task keeps the test fast; all of them are read by the task tests
    Matrix posterior = refs.get(9).posterior().get();
    assertThat(posterior.rows()).isEqualTo(10_000);
    assertThat(posterior.cols()).isEqualTo(p);
    assertThat(posterior.firstNonFinite()).isEqualTo(-1);
  }

  @Test
  void failedSimulationsAreDroppedRedrawnAndCounted() {
    // half of the prior fails: sample must still return n valid rows and count the failures
    SbibmTask halfFailing = new SbibmTask() {
      @Override
      public String sbibmName() {
        return "none";
      }

      @Override
      protected void drawPrior(SplittableRandom rng, double[] theta) {
        theta[0] = rng.nextDouble() - 0.5;
      }

      @Override
      protected boolean simulate(double[] theta, SplittableRandom rng, double[] y) {
        y[0] = theta[0];
        return theta[0] > 0;
      }

      @Override
      public String name() {
        return "half-failing";
      }

      @Override
      public List<String> parameterNames() {
        return List.of("theta");
      }

      @Override
      public List<String> observationNames() {
        return List.of("y");
      }
    };
    Dataset data = halfFailing.sample(4000, 3);
    assertThat(data.size()).isEqualTo(4000);
    for (int i = 0; i < 4000; i++) {
      assertThat(data.x().get(i, 0)).isPositive();
    }
    assertThat(halfFailing.invalidSimulations()).isBetween(3600L, 4400L);

    Simulation sim = halfFailing.simulator().orElseThrow().simulate(Matrix.of(new float[][] {{0.2f}, {-0.2f}}), 1);
    assertThat(sim.valid()).containsExactly(true, false);
    assertThat(sim.y().get(1, 0)).isNaN();
  }

  @Test
  void publishedC2stMeansMatchTheSpecTable() {
    assertThat(PublishedC2st.mean("slcp", "NPE", 1000).orElseThrow()).isCloseTo(0.975, within(5e-4));
    assertThat(PublishedC2st.mean("bernoulli-glm", "NLE", 100_000).orElseThrow()).isCloseTo(0.545, within(5e-4));
    assertThat(PublishedC2st.mean("gaussian_linear_uniform", "REJ-ABC", 10_000).orElseThrow())
        .isCloseTo(0.948, within(5e-4));
    assertThat(PublishedC2st.mean("sir", "SMC-ABC", 10_000).orElseThrow()).isCloseTo(0.626, within(5e-4));
    assertThat(PublishedC2st.mean("lotka-volterra", "NLE", 100_000).orElseThrow()).isCloseTo(0.952, within(5e-4));
    assertThat(PublishedC2st.value("slcp", "NPE", 1000, 2).orElseThrow()).isEqualTo(0.9754);
    assertThat(PublishedC2st.mean("slcp", "NPE", 100)).isEmpty();
    assertThat(PublishedC2st.algorithms()).containsExactly("NPE", "NLE", "NRE", "SMC-ABC", "REJ-ABC");
  }

  /** The provider's problem for these settings, merged and checked as a suite would. */
  private static Problem created(ProblemProvider provider, Map<String, ?> settings) {
    return provider.create(provider.settings(settings));
  }
}
