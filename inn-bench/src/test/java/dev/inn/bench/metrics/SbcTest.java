package dev.inn.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.bench.testplugins.LinearGaussianProblem;
import dev.inn.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SbcTest {

  @Test
  void chiSquareTailMatchesTables() {
    // chi-square critical values: df 9 at p = 0.05 is 16.919, df 1 at p = 0.05 is 3.841
    assertThat(ChiSquare.upperRegularizedGamma(4.5, 16.919 / 2)).isCloseTo(0.05, within(1e-4));
    assertThat(ChiSquare.upperRegularizedGamma(0.5, 3.841 / 2)).isCloseTo(0.05, within(1e-4));
    assertThat(ChiSquare.upperRegularizedGamma(4.5, 2.088 / 2)).isCloseTo(0.99, within(1e-4));
    assertThat(ChiSquare.uniformityPValue(new long[] {10, 10, 10, 10})).isEqualTo(1.0);
  }

  @Test
  void exactPosteriorRanksAreUniformOverconfidentAreNot() {
    Problem problem = LinearGaussianProblem.instance(0.5);
    Metric sbc = PluginRegistry.fromClassPath().find(Metric.class, "sbc");
    double[] exact = pValues(problem, sbc, 1.0);
    double[] over = pValues(problem, sbc, 0.5);
    assertThat(exact[0]).isGreaterThan(0.001);
    assertThat(exact[1]).isGreaterThan(0.001);
    assertThat(over[0]).isLessThan(1e-6);
  }

  private static double[] pValues(Problem problem, Metric sbc, double spread) {
    Dataset test = problem.testSet(1000, 3);
    List<Matrix> posteriors = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      posteriors.add(LinearGaussianProblem.posteriorSamples(problem, test.y().get(i, 0), spread, 99, 50 + i));
    }
    MetricInput input = new MetricInput(problem, test.y(), test.x(), posteriors, List.of(), new float[] {1, 1}, 1);
    Measurement m = sbc.measure(input, PluginRegistry.settingsFor(sbc, "metric", Map.of()));
    return m.summarise(Statistics.all(test.size()));
  }
}
