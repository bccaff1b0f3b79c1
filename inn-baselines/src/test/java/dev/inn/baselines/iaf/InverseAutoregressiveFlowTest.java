package dev.inn.baselines.iaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.api.nn.Activation;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The flow's autoregressive structure and log-determinant against a numeric Jacobian. */
class InverseAutoregressiveFlowTest {

  private static final int D = 3;

  private static InverseAutoregressiveFlow flow(ParameterStore store, int steps) {
    InverseAutoregressiveFlow f = new InverseAutoregressiveFlow(store.root(), D, 2, 7, 3, steps, Activation.TANH);
    // fresh flows start near the identity; randomise every trainable weight (masks stay) so the test has teeth
    SplittableRandom r = new SplittableRandom(8);
    for (ModelParameter p : store.trainable()) {
      for (int i = 0; i < p.data().length; i++) {
        p.data()[i] = (float) (0.8 * r.nextGaussian());
      }
    }
    return f;
  }

  private static double[] apply(InverseAutoregressiveFlow f, double[] z, float[] h, double[] logDet) {
    Graph g = new Graph(new ArrayPool(), new RowParallel(1), false);
    float[] zf = new float[D];
    for (int i = 0; i < D; i++) {
      zf[i] = (float) z[i];
    }
    InverseAutoregressiveFlow.Result r = f.forward(g, g.constant(new Matrix(1, D, zf)), g.constant(new Matrix(1, 2, h)));
    if (logDet != null) {
      logDet[0] = r.logDet().scalar();
    }
    double[] out = new double[D];
    for (int i = 0; i < D; i++) {
      out[i] = r.z().value().get(0, i);
    }
    return out;
  }

  private static double[][] jacobian(InverseAutoregressiveFlow f, double[] z, float[] h) {
    double[][] j = new double[D][D];
    double eps = 1e-2;
    for (int c = 0; c < D; c++) {
      double[] up = z.clone();
      double[] down = z.clone();
      up[c] += eps;
      down[c] -= eps;
      double[] fu = apply(f, up, h, null);
      double[] fd = apply(f, down, h, null);
      for (int r = 0; r < D; r++) {
        j[r][c] = (fu[r] - fd[r]) / (2 * eps);
      }
    }
    return j;
  }

  private static double det3(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  @Test
  void oneStepIsAutoregressiveAndItsLogDetIsTheLogOfTheJacobianDeterminant() {
    InverseAutoregressiveFlow f = flow(new ParameterStore(1), 1);
    double[] z = {0.3, -1.1, 0.7};
    float[] h = {0.5f, -0.4f};
    double[][] j = jacobian(f, z, h);
    for (int r = 0; r < D; r++) {
      for (int c = r + 1; c < D; c++) {
        assertThat(j[r][c]).as("d z'_%d / d z_%d", r, c).isCloseTo(0, within(1e-4));
      }
    }
    double[] logDet = new double[1];
    apply(f, z, h, logDet);
    assertThat(logDet[0]).isCloseTo(Math.log(Math.abs(det3(j))), within(1e-2));
  }

  @Test
  void stackedStepsWithReversalKeepTheLogDetExact() {
    InverseAutoregressiveFlow f = flow(new ParameterStore(2), 3);
    double[] z = {-0.2, 0.9, 1.4};
    float[] h = {-1f, 0.3f};
    double[] logDet = new double[1];
    apply(f, z, h, logDet);
    assertThat(logDet[0]).isCloseTo(Math.log(Math.abs(det3(jacobian(f, z, h)))), within(1e-2));
  }
}
