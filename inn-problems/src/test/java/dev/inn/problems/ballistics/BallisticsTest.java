package dev.inn.problems.ballistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Simulation;
import dev.inn.problems.testing.ColumnMoments;
import org.junit.jupiter.api.Test;

class BallisticsTest {

  private final Ballistics problem = new Ballistics();

  @Test
  void landingPointsMatchAnIndependentRootFinder() {
    // reference values: scipy brentq (xtol 1e-15) on the closed-form py(t), descending crossing
    assertThat(Trajectory.landingTime(1.5, Math.PI / 4, 15)).isCloseTo(1.896613000729, within(1e-9));
    assertThat(Trajectory.landingPosition(0, 1.5, Math.PI / 4, 15)).isCloseTo(7.692678673987, within(1e-9));
    assertThat(Trajectory.landingPosition(0.3, 0.8, 0.3, 10)).isCloseTo(5.117189150480, within(1e-9));
    assertThat(Trajectory.landingPosition(-0.5, 2.0, 1.2, 20)).isCloseTo(5.139579906674, within(1e-9));
    // dropped without speed: falls straight down
    assertThat(Trajectory.landingTime(1.0, 0.5, 0)).isCloseTo(0.498302036744, within(1e-9));
    assertThat(Trajectory.landingPosition(0.1, 1.0, 0.5, 0)).isCloseTo(0.1, within(1e-12));
    // launched from the ground: the descending crossing, not t = 0
    assertThat(Trajectory.landingTime(0, 0.7, 12)).isCloseTo(1.258809161155, within(1e-9));
    assertThat(Trajectory.landingPosition(0, 0, 0.7, 12)).isCloseTo(5.820270943985, within(1e-9));
  }

  @Test
  void landingIsWhereTheHeightIsZeroAndDescending() {
    double t = Trajectory.landingTime(1.2, 1.0, 17);
    assertThat(Trajectory.py(1.2, 1.0, 17, t)).isCloseTo(0, within(1e-10));
    assertThat(Trajectory.py(1.2, 1.0, 17, t - 1e-4)).isPositive();
    assertThat(Trajectory.py(1.2, 1.0, 17, t + 1e-4)).isNegative();
  }

  @Test
  void trajectoriesThatNeverLandAreInvalidNotInvented() {
    Matrix x = Matrix.of(new float[][] {
        {0, 0, 0.5f, 0},          // at rest on the ground
        {0, -1, 0.5f, 0},         // below the ground, never rises
        {0, Float.NaN, 0.5f, 10}, // not a number
        {0, 1.5f, 0.785398f, 15}});
    Simulation sim = problem.noiselessForward().orElseThrow().evaluate(x);
    assertThat(sim.valid()).containsExactly(false, false, false, true);
    assertThat(sim.y().get(0, 0)).isNaN();
    assertThat(sim.y().get(1, 0)).isNaN();
    assertThat(sim.y().get(2, 0)).isNaN();
    assertThat(sim.y().get(3, 0)).isCloseTo(7.692678f, within(2e-4f));
  }

  @Test
  void priorHasTheSpecifiedMoments() {
    Matrix x = problem.prior().orElseThrow().sample(200_000, 11);
    ColumnMoments x0 = ColumnMoments.of(x, 0);
    assertThat(x0.mean()).isCloseTo(0, within(0.01));
    assertThat(x0.variance()).isCloseTo(0.25, within(0.006));
    // max(N(1.5, 0.5^2), 0): mean = mu Phi(3) + sigma phi(3), E[Y^2] = (mu^2+sigma^2) Phi(3) + mu sigma phi(3)
    ColumnMoments h0 = ColumnMoments.of(x, 1);
    assertThat(h0.mean()).isCloseTo(1.50019108, within(0.005));
    assertThat(h0.variance()).isCloseTo(0.24937587, within(0.006));
    // U(0.05 pi, 0.45 pi)
    ColumnMoments a = ColumnMoments.of(x, 2);
    assertThat(a.mean()).isCloseTo(Math.PI / 4, within(0.005));
    assertThat(a.variance()).isCloseTo(0.13159473, within(0.003));
    // Poisson(15): mean = variance = 15, whole numbers, P(15) = 0.10243587, P(<=10) = 0.11846441
    ColumnMoments v0 = ColumnMoments.of(x, 3);
    assertThat(v0.mean()).isCloseTo(15, within(0.05));
    assertThat(v0.variance()).isCloseTo(15, within(0.35));
    int fifteen = 0;
    int atMostTen = 0;
    double minHeight = Double.MAX_VALUE;
    for (int i = 0; i < x.rows(); i++) {
      float v = x.get(i, 3);
      assertThat(v).isEqualTo((float) Math.rint(v));
      fifteen += v == 15 ? 1 : 0;
      atMostTen += v <= 10 ? 1 : 0;
      minHeight = Math.min(minHeight, x.get(i, 1));
    }
    assertThat(fifteen / 200_000.0).isCloseTo(0.10243587, within(0.003));
    assertThat(atMostTen / 200_000.0).isCloseTo(0.11846441, within(0.003));
    assertThat(minHeight).isZero(); // about 270 clipped draws expected
  }

  @Test
  void sampleIsValidReproducibleAndMatchesTheSimulator() {
    Dataset a = problem.sample(20_000, 5);
    assertThat(a).isEqualTo(problem.sample(20_000, 5));
    assertThat(a.y().firstNonFinite()).isEqualTo(-1);
    Simulation sim = problem.noiselessForward().orElseThrow().evaluate(a.x());
    assertThat(sim.invalidCount()).isZero();
    assertThat(sim.y()).isEqualTo(a.y());
  }
}
