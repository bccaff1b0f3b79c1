package dev.inn.baselines.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Parameter;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import org.junit.jupiter.api.Test;

class ScalarFunctionTest {

  private static final float[] POINTS = {-30f, -6f, -2.5f, -0.7f, 0f, 0.3f, 1.9f, 5f, 30f};

  @Test
  void derivativesMatchCentralDifferences() {
    for (ScalarFunction f : ScalarFunction.values()) {
      for (float x : POINTS) {
        if (f == ScalarFunction.LOG && x <= 0) {
          continue;
        }
        double h = 1e-3 * Math.max(1, Math.abs(x));
        double numeric = (f.apply((float) (x + h)) - f.apply((float) (x - h))) / (2 * h);
        double analytic = f.derivative(x, f.apply(x));
        assertThat(analytic).as(f + " at " + x).isCloseTo(numeric, within(2e-3 * Math.max(1, Math.abs(numeric))));
      }
    }
  }

  @Test
  void valuesAreStableAtTheExtremes() {
    assertThat(ScalarFunction.SOFTPLUS.apply(100f)).isEqualTo(100f);
    assertThat(ScalarFunction.SOFTPLUS.apply(-100f)).isGreaterThanOrEqualTo(0f).isLessThan(1e-30f);
    assertThat(ScalarFunction.LOG_SIGMOID.apply(-100f)).isEqualTo(-100f);
    assertThat(ScalarFunction.SIGMOID.apply(-100f)).isGreaterThanOrEqualTo(0f);
    assertThat((double) ScalarFunction.LOG_SIGMOID.apply(0f)).isCloseTo(-Math.log(2), within(1e-6));
  }

  @Test
  void reverseModeThroughOpsMapAgreesWithFiniteDifferences() {
    // d/dp sum(logsigmoid(p) * c) via the graph, against a numeric derivative of the same expression
    ParameterStore store = new ParameterStore(4);
    Parameter p = store.root().trainable("p", 2, 3, 2.0);
    ModelParameter mp = (ModelParameter) p;
    Matrix c = new Matrix(2, 3, new float[] {1f, -2f, 0.5f, 3f, -1f, 2f});
    Graph g = new Graph(new ArrayPool(), new RowParallel(1), true);
    g.backward(g.sum(g.mul(g.map(g.use(p), ScalarFunction.LOG_SIGMOID), g.constant(c))));
    for (int i = 0; i < 6; i++) {
      float keep = mp.data()[i];
      double h = 1e-2;
      double up = ScalarFunction.LOG_SIGMOID.apply((float) (keep + h)) * c.data()[i];
      double down = ScalarFunction.LOG_SIGMOID.apply((float) (keep - h)) * c.data()[i];
      assertThat((double) mp.gradient()[i]).isCloseTo((up - down) / (2 * h), within(1e-3));
    }
  }
}
