package dev.inn.core.cinn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.core.plugin.PluginRegistry;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * A one-parameter posterior, which a coupling cannot split in halves: a ~ N(0, 1) observed
 * through y_k = a^2 + noise (k = 1..3), so the posterior of a is bimodal and symmetric. Checked
 * against quadrature of the exact posterior.
 */
class OneParameterCinnTest {

  private static final double NOISE = 0.4;

  static Problem squareObserved() {
    return new Problem() {
      @Override
      public String name() {
        return "square-observed";
      }

      @Override
      public List<String> parameterNames() {
        return List.of("a");
      }

      @Override
      public List<String> observationNames() {
        return List.of("y1", "y2", "y3");
      }

      @Override
      public Dataset sample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        float[] y = new float[3 * n];
        for (int i = 0; i < n; i++) {
          double a = r.nextGaussian();
          x[i] = (float) a;
          for (int k = 0; k < 3; k++) {
            y[3 * i + k] = (float) (a * a + NOISE * r.nextGaussian());
          }
        }
        return new Dataset(new Matrix(n, 1, x), new Matrix(n, 3, y));
      }
    };
  }

  /** Unnormalised exact log posterior of a given y. */
  private static double logPosterior(double a, float[] y) {
    double lp = -0.5 * a * a;
    for (float yk : y) {
      double r = (yk - a * a) / NOISE;
      lp -= 0.5 * r * r;
    }
    return lp;
  }

  @Test
  void findsBothModesOfABimodalOneParameterPosteriorWithANormalisedDensity() {
    Problem problem = squareObserved();
    CinnMethod cinn = new CinnMethod(problem, PluginRegistry.settingsFor(PluginRegistry.fromClassPath()
        .find(MethodProvider.class, "cinn"), "method", Map.of("threads", 1, "hidden", 32, "ensemble", 1,
            "patience", 8)), PluginRegistry.fromClassPath());
    cinn.train(problem.sample(6000, 1), TrainingContext.quiet(2));
    float[] y = {1.0f, 1.1f, 0.9f};
    Matrix s = cinn.sample(y, 8000, 3);

    // exact quantiles of |a| by quadrature on a fine grid; quantiles rather than moments because a
    // flow joins the two modes by a thin bridge whose few samples near 0 would dominate an sd
    double h = 1e-4;
    int cellsExact = (int) (4 / h);
    double[] cdf = new double[cellsExact];
    double z = 0;
    for (int i = 0; i < cellsExact; i++) {
      double a = (i + 0.5) * h;
      z += Math.exp(logPosterior(a, y)) + Math.exp(logPosterior(-a, y));
      cdf[i] = z;
    }
    double[] exact = new double[3];
    double[] levels = {0.25, 0.5, 0.75};
    for (int q = 0; q < 3; q++) {
      int i = 0;
      while (cdf[i] < levels[q] * z) {
        i++;
      }
      exact[q] = (i + 0.5) * h;
    }

    double[] abs = new double[s.rows()];
    double positive = 0;
    for (int i = 0; i < s.rows(); i++) {
      positive += s.get(i, 0) > 0 ? 1 : 0;
      abs[i] = Math.abs(s.get(i, 0));
    }
    java.util.Arrays.sort(abs);
    double[] learned = new double[3];
    for (int q = 0; q < 3; q++) {
      learned[q] = abs[(int) (levels[q] * abs.length)];
    }
    double iqr = exact[2] - exact[0];
    assertThat(positive / s.rows()).as("share of samples in the positive mode").isCloseTo(0.5, Offset.offset(0.1));
    assertThat(learned[1]).as("median of |a|").isCloseTo(exact[1], Offset.offset(0.15 * iqr));
    assertThat(learned[2] - learned[0]).as("interquartile range of |a|").isCloseTo(iqr, Offset.offset(0.2 * iqr));

    // the density integrates to one over a grid that covers both modes
    int cells = 1600;
    Matrix grid = new Matrix(cells, 1, new float[cells]);
    double width = 4.0 / cells;
    for (int i = 0; i < cells; i++) {
      grid.data()[i] = (float) (-2 + (i + 0.5) * width);
    }
    double mass = 0;
    for (double lq : cinn.logDensity(y, grid)) {
      mass += Math.exp(lq) * width;
    }
    assertThat(mass).as("integral of the learned density").isCloseTo(1.0, Offset.offset(0.05));
  }
}
