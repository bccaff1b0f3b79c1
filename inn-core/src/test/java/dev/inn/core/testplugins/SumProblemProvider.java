package dev.inn.core.testplugins;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.problem.Support;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A problem that exists only on the test class path: y = x1 + x2 with x ~ N(0, scale^2 I_2), or
 * with {@code uniform = true} x ~ U(0, scale)^2 and that box declared as the prior support.
 */
public final class SumProblemProvider implements ProblemProvider {

  @Override
  public String name() {
    return "test-sum";
  }

  @Override
  public String description() {
    return "test only: y = x1 + x2";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("scale", 1.0, "uniform", false);
  }

  @Override
  public Problem create(Settings settings) {
    float scale = settings.getFloat("scale");
    boolean uniform = settings.getBoolean("uniform");
    return new Problem() {
      @Override
      public String name() {
        return "test-sum";
      }

      @Override
      public List<String> parameterNames() {
        return List.of("a", "b");
      }

      @Override
      public List<String> observationNames() {
        return List.of("sum");
      }

      @Override
      public Dataset sample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) (scale * (uniform ? r.nextDouble() : r.nextGaussian()));
        }
        Matrix xm = new Matrix(n, 2, x);
        return new Dataset(xm, simulate(xm));
      }

      private Matrix simulate(Matrix x) {
        float[] y = new float[x.rows()];
        for (int i = 0; i < y.length; i++) {
          y[i] = x.get(i, 0) + x.get(i, 1);
        }
        return new Matrix(x.rows(), 1, y);
      }

      @Override
      public Optional<Support> support() {
        return uniform ? Optional.of(new Support(new double[] {0, 0}, new double[] {scale, scale})) : Optional.empty();
      }

      @Override
      public Optional<Simulator> simulator() {
        return Optional.of((x, seed, firstRow) -> Simulation.allValid(simulate(x)));
      }
    };
  }
}
