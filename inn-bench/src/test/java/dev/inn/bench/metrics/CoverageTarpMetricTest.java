package dev.inn.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.bench.testplugins.LinearGaussianProblem;
import dev.inn.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suite metrics {@code coverage} and {@code tarp} on the exact posterior and on one with half its spread. */
class CoverageTarpMetricTest {

  private static double[] measure(String name, double spread) {
    Problem problem = LinearGaussianProblem.instance(0.5);
    Metric metric = PluginRegistry.fromClassPath().find(Metric.class, name);
    Dataset test = problem.testSet(500, 3);
    List<Matrix> posteriors = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      posteriors.add(LinearGaussianProblem.posteriorSamples(problem, test.y().get(i, 0), spread, 200, 50 + i));
    }
    MetricInput input = new MetricInput(problem, test.y(), test.x(), posteriors, List.of(), new float[] {1, 1}, 1);
    return metric.measure(input, PluginRegistry.settingsFor(metric, "metric", Map.of()))
        .summarise(Statistics.all(test.size()));
  }

  @Test
  void coverageOfTheJointRegions() {
    double[] exact = measure("coverage", 1.0);
    assertThat(exact[0]).isCloseTo(0.5, within(0.07));
    assertThat(exact[1]).isCloseTo(0.9, within(0.05));
    double[] narrow = measure("coverage", 0.5);
    assertThat(narrow[0]).isLessThan(0.3);
    assertThat(narrow[1]).isLessThan(0.6);
  }

  @Test
  void tarpAreaIsZeroWhenCalibratedAndNegativeWhenTooNarrow() {
    assertThat(measure("tarp", 1.0)[0]).isCloseTo(0, within(0.03));
    assertThat(measure("tarp", 0.5)[0]).isLessThan(-0.03);
    assertThat(measure("tarp", 2.0)[0]).isGreaterThan(0.03);
  }
}
