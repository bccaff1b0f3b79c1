package dev.inn.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.bench.testplugins.LinearGaussianProblem;
import dev.inn.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final PluginRegistry REGISTRY = PluginRegistry.fromClassPath();
  private static final Problem PROBLEM = LinearGaussianProblem.instance(0.5);
  private static final float[] UNIT_SCALE = {1, 1};

  private static Map<String, Double> run(String metric, MetricInput input, Map<String, ?> overrides) {
    Metric m = REGISTRY.find(Metric.class, metric);
    Settings s = PluginRegistry.settingsFor(m, "metric", overrides);
    assertThat(m.availability(input.problem(), s).available()).isTrue();
    Measurement measurement = m.measure(input, s);
    double[] v = measurement.summarise(Statistics.all(measurement.observationCount()));
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      out.put(m.columns(input.problem(), s).get(i), v[i]);
    }
    return out;
  }

  private static MetricInput posteriorsWithSpread(double spread, int observations, int samples) {
    Dataset test = PROBLEM.testSet(observations, 7);
    List<Matrix> posteriors = new ArrayList<>();
    for (int i = 0; i < observations; i++) {
      posteriors.add(LinearGaussianProblem.posteriorSamples(PROBLEM, test.y().get(i, 0), spread, samples, 100 + i));
    }
    return new MetricInput(PROBLEM, test.y(), test.x(), posteriors, List.of(), UNIT_SCALE, 1);
  }

  @Test
  void exactPosteriorIsCalibrated() {
    Map<String, Double> v = run("calibration", posteriorsWithSpread(1.0, 600, 1000), Map.of());
    assertThat(v.get("calibration_error")).isLessThan(0.02);
    // 68 % interval of the exact posterior: 2 * 0.9945 * sd, sd = sqrt(1 - 1 / 2.25)
    assertThat(v.get("interval_width_68_x0")).isCloseTo(2 * 0.99446 * Math.sqrt(1 - 1 / 2.25), within(0.03));
  }

  @Test
  void overconfidentSamplerHasLargeErrorAndNegativeCurve() {
    MetricInput input = posteriorsWithSpread(0.5, 600, 1000);
    Metric m = REGISTRY.find(Metric.class, "calibration");
    Measurement measurement = m.measure(input, PluginRegistry.settingsFor(m, "metric", Map.of()));
    double error = measurement.summarise(Statistics.all(600))[0];
    assertThat(error).isGreaterThan(0.1);
    double[] curve = measurement.curves().get("q_inliers_minus_q");
    long negative = java.util.Arrays.stream(curve).filter(c -> c < 0).count();
    assertThat(negative).isGreaterThan(90);
    assertThat(curve[49]).isLessThan(-0.15);
  }

  @Test
  void mapRmseMatchesHandValues() {
    // point-mass posteriors at (1, 0) and (0, 2); truth (0, 0) for both
    List<Matrix> posteriors = List.of(Matrix.repeatRow(new float[] {1, 0}, 30), Matrix.repeatRow(new float[] {0, 2}, 30));
    MetricInput input = new MetricInput(PROBLEM, Matrix.zeros(2, 1), Matrix.zeros(2, 2), posteriors, List.of(), UNIT_SCALE, 1);
    Map<String, Double> v = run("map-rmse", input, Map.of());
    assertThat(v.get("map_rmse_x0")).isCloseTo(Math.sqrt(0.5), within(1e-6));
    assertThat(v.get("map_rmse_x1")).isCloseTo(Math.sqrt(2), within(1e-6));
    assertThat(v.get("map_rmse")).isCloseTo(Math.sqrt(2.5), within(1e-6));
    Map<String, Double> subset = run("map-rmse", input, Map.of("parameters", List.of("x1")));
    assertThat(subset.get("map_rmse")).isCloseTo(Math.sqrt(2), within(1e-6));
  }

  @Test
  void resimulationAgainstKnownSimulator() {
    // y* = 1 and 3; samples whose simulated sum is off by exactly +0.3 / -0.1
    float[][] ys = {{1}, {3}};
    List<Matrix> posteriors = List.of(Matrix.repeatRow(new float[] {0.8f, 0.5f}, 10),
        Matrix.repeatRow(new float[] {1.4f, 1.5f}, 10));
    MetricInput input = new MetricInput(PROBLEM, Matrix.of(ys), Matrix.zeros(2, 2), posteriors, List.of(), UNIT_SCALE, 1);
    Map<String, Double> v = run("posterior-resim", input, Map.of());
    assertThat(v.get("resim_mean")).isCloseTo(0.2, within(1e-6));
    assertThat(v.get("resim_median")).isCloseTo(0.2, within(1e-6));
    assertThat(v.get("resim_invalid")).isEqualTo(0.0);
    Map<String, Double> map = run("map-resim", input, Map.of());
    assertThat(map.get("map_resim")).isCloseTo(0.2, within(1e-6));
  }

  @Test
  void invalidSimulationsAreCountedNotDropped() {
    float[] rows = new float[20];
    for (int i = 0; i < 10; i++) {
      rows[2 * i] = i < 4 ? 100 : 0.5f; // x0 > 50 is invalid for the test simulator
      rows[2 * i + 1] = 0.5f;
    }
    MetricInput input = new MetricInput(PROBLEM, Matrix.of(new float[][] {{1}}), Matrix.zeros(1, 2),
        List.of(new Matrix(10, 2, rows)), List.of(), UNIT_SCALE, 1);
    Map<String, Double> v = run("posterior-resim", input, Map.of());
    assertThat(v.get("resim_invalid")).isCloseTo(0.4, within(1e-9));
    assertThat(v.get("resim_mean")).isCloseTo(0.0, within(1e-6));
  }

  @Test
  void mmdSeparatesWrongFromRightPosterior() {
    MetricInput right = posteriorsWithSpread(1.0, 20, 400);
    MetricInput wrong = posteriorsWithSpread(0.4, 20, 400);
    // references: independent exact draws for the same observations
    Dataset test = PROBLEM.testSet(20, 7);
    List<Matrix> exact = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      exact.add(LinearGaussianProblem.posteriorSamples(PROBLEM, test.y().get(i, 0), 1.0, 400, 9000 + i));
    }
    double good = run("posterior-mmd", withReferences(right, exact), Map.of()).get("posterior_mmd");
    double bad = run("posterior-mmd", withReferences(wrong, exact), Map.of()).get("posterior_mmd");
    // the V-statistic of two samples of one distribution is small and positive (O(1/N) bias)
    assertThat(good).isBetween(0.0, 0.03);
    assertThat(bad).isGreaterThan(10 * good);
  }

  @Test
  void contractionOfExactPosterior() {
    // Var_post / Var_prior = 1 - 1 / 2.25 for each parameter
    Map<String, Double> v = run("contraction", posteriorsWithSpread(1.0, 50, 2000), Map.of());
    assertThat(v.get("contraction_x0")).isCloseTo(1 / 2.25, within(0.03));
  }

  private static MetricInput withReferences(MetricInput in, List<Matrix> refs) {
    return new MetricInput(in.problem(), in.observations(), in.truth(), in.posteriors(), refs, in.parameterScale(), in.seed());
  }
}
