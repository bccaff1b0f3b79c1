package dev.inn.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.settings.Settings;
import dev.inn.problems.rawcurves.LotkaVolterraCurve;
import dev.inn.problems.rawcurves.SirCurve;
import dev.inn.problems.sets.LocationScaleSetProvider;
import dev.inn.problems.timeseries.Ar2Provider;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The set and sequence problems offer their full stochastic model y ~ p(y | x) like every other
 * built-in problem (sequential rounds, predictive checks and simulation stores need it): rows are
 * seeded by their index in the run, and for the same parameters the simulator's outputs have the
 * distribution of the problem's own training draws.
 */
class RaggedSimulatorsTest {

  static Stream<Problem> problems() {
    LocationScaleSetProvider sets = new LocationScaleSetProvider();
    Ar2Provider ar2 = new Ar2Provider();
    return Stream.of(sets.create(Settings.resolve("location-scale-set", sets.defaults(), Map.of())),
        ar2.create(Settings.resolve("ar2", ar2.defaults(), Map.of())), new SirCurve(), new LotkaVolterraCurve());
  }

  @ParameterizedTest
  @MethodSource("problems")
  void simulatorIsSeededPerRowAndMatchesTheTrainingDraws(Problem problem) {
    int n = 300;
    Dataset train = problem.sample(n, 3);
    Simulator simulator = problem.simulator().orElseThrow();
    Simulation sim = simulator.simulate(train.x(), 5);
    assertThat(sim.lengths()).hasSize(n);
    assertThat(simulator.simulate(train.x(), 5).y()).isEqualTo(sim.y());
    assertThat(simulator.simulate(train.x(), 6).y()).isNotEqualTo(sim.y());
    Simulation tail = simulator.simulate(train.x().rows(100, n), 5, 100);
    assertThat(tail.y()).isEqualTo(sim.y().rows(100, n));

    // paired by parameters: each row's mean square (it depends on x in every one of these models) in the
    // simulation against the training draw's
    int width = problem.observationShape().elementWidth();
    for (int c = 0; c < width; c++) {
      double diff = 0;
      double spread = 0;
      int valid = 0;
      for (int i = 0; i < n; i++) {
        if (!sim.valid()[i]) {
          continue;
        }
        double a = rowMeanSquare(sim.y(), i, sim.lengths()[i], width, c);
        double b = rowMeanSquare(train.y(), i, train.lengths()[i], width, c);
        diff += a - b;
        spread += (a - b) * (a - b);
        valid++;
      }
      assertThat(valid).as(problem.name() + ": valid simulations").isGreaterThan(n * 9 / 10);
      double meanDiff = diff / valid;
      double sdDiff = Math.sqrt(spread / valid - meanDiff * meanDiff);
      // the paired difference is centred on zero (4 standard errors) ...
      assertThat(Math.abs(meanDiff)).as(problem.name() + " channel " + c).isLessThan(4 * sdDiff / Math.sqrt(valid)
          + 1e-6);
      // ... and small against the spread of row means over the prior: the simulator uses x
      assertThat(sdDiff).as(problem.name() + " channel " + c + ": paired spread")
          .isLessThan(0.8 * spreadOfRowMeans(train, width, c));
    }
  }

  private static double rowMeanSquare(Matrix y, int row, int length, int width, int channel) {
    double s = 0;
    for (int t = 0; t < length; t++) {
      double v = y.get(row, t * width + channel);
      s += v * v;
    }
    return s / length;
  }

  private static double spreadOfRowMeans(Dataset d, int width, int channel) {
    double s = 0;
    double s2 = 0;
    int n = d.x().rows();
    for (int i = 0; i < n; i++) {
      double m = rowMeanSquare(d.y(), i, d.lengths()[i], width, channel);
      s += m;
      s2 += m * m;
    }
    return Math.sqrt(s2 / n - (s / n) * (s / n));
  }
}
