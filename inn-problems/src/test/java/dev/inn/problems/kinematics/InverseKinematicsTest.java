package dev.inn.problems.kinematics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Simulation;
import dev.inn.problems.testing.ColumnMoments;
import org.junit.jupiter.api.Test;

class InverseKinematicsTest {

  private final InverseKinematics problem = new InverseKinematics();

  @Test
  void forwardProcessMatchesHandComputedEndPoints() {
    // values worked out independently (python, double precision) from the paper's eq. 13/14
    Matrix x = Matrix.of(new float[][] {{0, 0, 0, 0}, {0.1f, 0.3f, -0.2f, 0.5f}, {-0.2f, 1.0f, 0.7f, -0.4f}});
    Simulation sim = problem.noiselessForward().orElseThrow().evaluate(x);
    assertThat(sim.invalidCount()).isZero();
    assertThat(sim.y().get(0, 0)).isCloseTo(0f, within(1e-6f));
    assertThat(sim.y().get(0, 1)).isCloseTo(2f, within(1e-6f));
    assertThat(sim.y().get(1, 0)).isCloseTo(0.3974656763f, within(1e-5f));
    assertThat(sim.y().get(1, 1)).isCloseTo(1.8375205195f, within(1e-5f));
    assertThat(sim.y().get(2, 0)).isCloseTo(-0.7902339776f, within(1e-5f));
    assertThat(sim.y().get(2, 1)).isCloseTo(0.2429732929f, within(1e-5f));

    double[] exact = InverseKinematics.endPoint(0.1, 0.3, -0.2, 0.5);
    assertThat(exact[0]).isCloseTo(0.3974656763, within(1e-9));
    assertThat(exact[1]).isCloseTo(1.8375205195, within(1e-9));
  }

  @Test
  void priorHasTheSpecifiedMoments() {
    Matrix x = problem.prior().orElseThrow().sample(200_000, 7);
    double[] sd = {0.25, 0.5, 0.5, 0.5};
    for (int c = 0; c < 4; c++) {
      ColumnMoments m = ColumnMoments.of(x, c);
      assertThat(m.mean()).as("mean of column %d", c).isCloseTo(0, within(0.01));
      assertThat(m.variance()).as("variance of column %d", c).isCloseTo(sd[c] * sd[c], within(0.02 * sd[c] * sd[c]));
    }
  }

  @Test
  void sampleIsReproducibleAndConsistentWithTheSimulator() {
    var a = problem.sample(1000, 42);
    var b = problem.sample(1000, 42);
    assertThat(a).isEqualTo(b);
    assertThat(problem.sample(1000, 43).x()).isNotEqualTo(a.x());
    assertThat(problem.noiselessForward().orElseThrow().evaluate(a.x()).y()).isEqualTo(a.y());
  }

  @Test
  void largeBatchesGiveTheSameResultAsRowByRow() {
    Matrix x = problem.prior().orElseThrow().sample(150_000, 3);
    Matrix y = problem.noiselessForward().orElseThrow().evaluate(x).y();
    for (int i : new int[] {0, 65_535, 65_536, 149_999}) {
      Matrix one = problem.noiselessForward().orElseThrow().evaluate(x.rows(i, i + 1)).y();
      assertThat(one.row(0)).containsExactly(y.row(i));
    }
  }

  @Test
  void hardObservationIsTheFigure3Example() {
    assertThat(InverseKinematics.hardObservation()).containsExactly(0f, 1.5f);
    assertThat(problem.parameterDim()).isEqualTo(4);
    assertThat(problem.observationDim()).isEqualTo(2);
    assertThat(problem.latentDim()).isEqualTo(2);
  }
}
