package dev.inn.core.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.blocks.spline.RationalQuadraticSpline;
import dev.inn.core.blocks.spline.SplineShape;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The spline operation {@link RationalQuadraticSpline} on its own: identity at zero
 * parameters and in the tails, exact inverse, log-derivative against central differences,
 * and the hand-written backward (input and parameters, both directions) against finite
 * differences.
 */
class RationalQuadraticSplineOpTest {

  private static final SplineShape SHAPE = new SplineShape(5, 3f, 1e-3f, 1e-3f, 1e-3f);
  private static final int ROWS = 3;
  private static final int COLS = 2;

  private static Graph graph(boolean recording) {
    return new Graph(new ArrayPool(), new RowParallel(1), recording);
  }

  private static Matrix random(int rows, int cols, double std, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (std * r.nextGaussian());
    }
    return new Matrix(rows, cols, d);
  }

  /** Inputs spread over the box and both tails. */
  private static Matrix inputs() {
    return Matrix.of(new float[][] {{-2.7f, 0.3f}, {1.1f, -4.2f}, {2.95f, -0.8f}});
  }

  private static Matrix parameters(double std, long seed) {
    return random(ROWS, COLS * SHAPE.parametersPerElement(), std, seed);
  }

  @Test
  void zeroParametersGiveTheIdentity() {
    Graph g = graph(false);
    Matrix x = inputs();
    Tensor[] out = RationalQuadraticSpline.apply(g, g.constant(x), g.constant(Matrix.zeros(ROWS, COLS * 14)), SHAPE, false);
    for (int i = 0; i < x.data().length; i++) {
      assertThat(out[0].value().data()[i]).isCloseTo(x.data()[i], within(1e-6f));
      assertThat(out[1].value().data()[i]).isCloseTo(0f, within(1e-6f));
    }
  }

  @Test
  void inverseUndoesForwardAndNegatesTheLogDerivative() {
    Graph g = graph(false);
    Matrix x = inputs();
    Matrix p = parameters(1.5, 4);
    Tensor[] fwd = RationalQuadraticSpline.apply(g, g.constant(x), g.constant(p), SHAPE, false);
    Tensor[] inv = RationalQuadraticSpline.apply(g, fwd[0], g.constant(p), SHAPE, true);
    for (int i = 0; i < x.data().length; i++) {
      assertThat(inv[0].value().data()[i]).isCloseTo(x.data()[i], within(1e-5f));
      assertThat(inv[1].value().data()[i]).isCloseTo(-fwd[1].value().data()[i], within(1e-5f));
    }
    // the tails are the identity
    assertThat(fwd[0].value().get(1, 1)).isEqualTo(-4.2f);
    assertThat(fwd[1].value().get(1, 1)).isEqualTo(0f);
  }

  @Test
  void logDerivativeMatchesCentralDifferences() {
    Graph g = graph(false);
    Matrix x = inputs();
    Matrix p = parameters(1.5, 5);
    float[] logDerivative = RationalQuadraticSpline.apply(g, g.constant(x), g.constant(p), SHAPE, false)[1].value().data();
    float h = 1e-3f;
    for (int i = 0; i < x.data().length; i++) {
      float[] up = x.data().clone();
      float[] down = x.data().clone();
      up[i] += h;
      down[i] -= h;
      double yUp = RationalQuadraticSpline.apply(g, g.constant(new Matrix(ROWS, COLS, up)), g.constant(p), SHAPE, false)[0]
          .value().data()[i];
      double yDown = RationalQuadraticSpline.apply(g, g.constant(new Matrix(ROWS, COLS, down)), g.constant(p), SHAPE,
          false)[0].value().data()[i];
      double numeric = Math.log((yUp - yDown) / (up[i] - down[i]));
      assertThat((double) logDerivative[i]).as("element " + i).isCloseTo(numeric, within(2e-3));
    }
  }

  @Test
  void backwardMatchesFiniteDifferencesInBothDirections() {
    for (boolean inverse : new boolean[] {false, true}) {
      checkGradients(inverse);
    }
  }

  /** Loss = sum(a * value + b * logDerivative) for fixed random a, b; gradients of x and params. */
  private static void checkGradients(boolean inverse) {
    ParameterStore store = new ParameterStore(3);
    ModelParameter x = (ModelParameter) store.root().trainable("x", ROWS, COLS, 0);
    ModelParameter p = (ModelParameter) store.root().trainable("p", ROWS, COLS * SHAPE.parametersPerElement(), 0);
    System.arraycopy(inputs().data(), 0, x.data(), 0, ROWS * COLS);
    System.arraycopy(parameters(1.0, 6).data(), 0, p.data(), 0, p.data().length);
    Matrix a = random(ROWS, COLS, 1, 7);
    Matrix b = random(ROWS, COLS, 1, 8);
    java.util.function.Function<Graph, Tensor> loss = g -> {
      Tensor[] out = RationalQuadraticSpline.apply(g, g.use(x), g.use(p), SHAPE, inverse);
      return g.add(g.sum(g.mul(out[0], g.constant(a))), g.sum(g.mul(out[1], g.constant(b))));
    };
    Graph g = graph(true);
    g.backward(loss.apply(g));
    for (ModelParameter mp : new ModelParameter[] {x, p}) {
      float[] analytic = mp.gradient().clone();
      for (int i = 0; i < mp.data().length; i++) {
        float keep = mp.data()[i];
        float h = 1e-3f;
        mp.data()[i] = keep + h;
        double up = loss.apply(graph(false)).scalar();
        mp.data()[i] = keep - h;
        double down = loss.apply(graph(false)).scalar();
        mp.data()[i] = keep;
        double numeric = (up - down) / (2 * h);
        assertThat((double) analytic[i]).as((inverse ? "inverse " : "forward ") + mp.name() + " element " + i)
            .isCloseTo(numeric, within(5e-3 * Math.max(1, Math.abs(numeric))));
      }
    }
  }
}
