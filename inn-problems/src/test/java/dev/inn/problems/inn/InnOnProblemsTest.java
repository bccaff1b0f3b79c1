package dev.inn.problems.inn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.kinematics.InverseKinematics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INN, found by name, trained briefly on the built-in problems through the plugin interfaces. */
class InnOnProblemsTest {

  private final PluginRegistry registry = PluginRegistry.fromClassPath();

  private Problem problem(String name, Map<String, Object> settings) {
    ProblemProvider p = registry.find(ProblemProvider.class, name);
    return p.create(PluginRegistry.settingsFor(p, "problem", settings));
  }

  private PosteriorMethod inn(Problem problem, Map<String, Object> settings) {
    MethodProvider m = registry.find(MethodProvider.class, "inn");
    return m.create(problem, PluginRegistry.settingsFor(m, "method", settings));
  }

  @Test
  void innOnInverseKinematicsHitsTheHardTargetAndFindsBothElbowModes() {
    Problem ik = problem("inverse-kinematics", Map.of());
    // brief training (~1500 steps, small subnets): the 8-modes default weights (L_y 1, L_x 500) barely
    // condition on y this early, so L_y is weighted up; y noise is small since y is continuous here
    PosteriorMethod inn = inn(ik, Map.ofEntries(
        Map.entry("blocks", 4), Map.entry("hidden", 32), Map.entry("layers", 3), Map.entry("activation", "leaky-relu"),
        Map.entry("width", 6), Map.entry("steps", 1500), Map.entry("batch", 128), Map.entry("lr", 5e-3),
        Map.entry("lr_final", 1e-4), Map.entry("threads", 1), Map.entry("noise_y", 0.01),
        Map.entry("weight_y", 300.0), Map.entry("weight_x", 100.0), Map.entry("weight_z", 50.0),
        Map.entry("z_loss", "mmd"), Map.entry("standardize", false), Map.entry("support_transform", false),
        Map.entry("grad_clip", 0.0),
        Map.entry("forward_kernel", Map.of("name", "imq", "widths", List.of(1.2))),
        Map.entry("backward_kernel", Map.of("name", "imq", "widths", List.of(1.2)))));
    long t0 = System.nanoTime();
    inn.train(ik.sample(20_000, 1), TrainingContext.quiet(2));
    double seconds = (System.nanoTime() - t0) / 1e9;

    float[] target = InverseKinematics.hardObservation();
    Matrix samples = inn.sample(target, 4096, 3);
    Matrix prior = ik.prior().orElseThrow().sample(4096, 4);
    double innError = meanDistance(ik, samples, target);
    double priorError = meanDistance(ik, prior, target);
    // the two modes: the middle segment's absolute angle (angle2 - angle1) points up or down
    int up = 0;
    for (int i = 0; i < samples.rows(); i++) {
      up += samples.get(i, 2) - samples.get(i, 1) > 0 ? 1 : 0;
    }
    double upShare = up / (double) samples.rows();
    System.out.printf("INN on inverse kinematics: %.1f s training, re-sim error %.4f (prior %.4f), elbow-up share %.3f%n",
        seconds, innError, priorError, upShare);
    // ABC ground truth: the modes are 50/50 and the prior's mean re-simulation error is 0.65
    assertThat(innError).isLessThan(0.6 * priorError);
    assertThat(upShare).isBetween(0.2, 0.8);
  }

  @TempDir
  Path dir;

  @Test
  void aUserDataSetFromCsvTrainsAndSamplesThroughTheSameInterfaces() throws IOException {
    // a user's simulator output: x ~ N(0, I_2), y = x1 + x2, written as CSV with named columns
    StringBuilder csv = new StringBuilder("flux,mass,age\n");
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 4000; i++) {
      double mass = rng.nextGaussian();
      double age = rng.nextGaussian();
      csv.append((float) (mass + age)).append(',').append((float) mass).append(',').append((float) age).append('\n');
    }
    Path file = Files.writeString(dir.resolve("clusters.csv"), csv);
    Problem data = problem("dataset", Map.of("path", file.toString(), "y_columns", List.of("flux")));
    assertThat(data.parameterNames()).containsExactly("mass", "age");
    assertThat(data.simulator()).isEmpty();

    PosteriorMethod inn = inn(data, Map.ofEntries(Map.entry("blocks", 3), Map.entry("hidden", 32),
        Map.entry("layers", 2), Map.entry("width", 4), Map.entry("steps", 400), Map.entry("batch", 100),
        Map.entry("lr", 3e-3), Map.entry("lr_final", 1e-4), Map.entry("threads", 1),
        Map.entry("z_loss", "mmd"), Map.entry("weight_y", 1.0), Map.entry("weight_z", 50.0),
        Map.entry("weight_x", 500.0), Map.entry("standardize", false), Map.entry("support_transform", false),
        Map.entry("grad_clip", 0.0),
        Map.entry("forward_kernel", Map.of("name", "imq", "widths", List.of(1.0))),
        Map.entry("backward_kernel", Map.of("name", "imq", "widths", List.of(1.0)))));
    inn.train(data.sample(3600, 1), TrainingContext.quiet(1));

    Dataset test = data.testSet(20, 2);
    double innError = 0;
    double priorError = 0;
    for (int t = 0; t < test.size(); t++) {
      float target = test.y().get(t, 0);
      Matrix s = inn.sample(new float[] {target}, 500, t);
      assertThat(s.rows()).isEqualTo(500);
      assertThat(s.firstNonFinite()).isEqualTo(-1);
      for (int i = 0; i < s.rows(); i++) {
        innError += Math.abs(s.get(i, 0) + s.get(i, 1) - target);
        // an uninformed guess: a training row's x, whatever its y
        priorError += Math.abs(test.x().get((t + 1 + i) % test.size(), 0) + test.x().get((t + 1 + i) % test.size(), 1)
            - target);
      }
    }
    System.out.printf("INN on a CSV data set: mean |x1 + x2 - y*| %.4f (uninformed %.4f)%n",
        innError / (20 * 500), priorError / (20 * 500));
    assertThat(innError).isLessThan(0.4 * priorError);
  }

  private static double meanDistance(Problem p, Matrix x, float[] target) {
    Matrix y = p.noiselessForward().orElseThrow().evaluate(x).y();
    double sum = 0;
    for (int i = 0; i < y.rows(); i++) {
      sum += Math.hypot(y.get(i, 0) - target[0], y.get(i, 1) - target[1]);
    }
    return sum / y.rows();
  }
}
