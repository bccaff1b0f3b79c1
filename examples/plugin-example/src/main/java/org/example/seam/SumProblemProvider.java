package org.example.seam;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Depiction;
import dev.inn.api.problem.NoiselessForward;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.Seeds;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** y = x0 + x1 + noise with x ~ N(0, I): an exact Gaussian posterior to check methods against. */
public final class SumProblemProvider implements ProblemProvider {

  private final ExecutorService workers;

  /** @param workers the application's worker pool (one thread per core), injected */
  @Inject
  public SumProblemProvider(ExecutorService workers) {
    this.workers = workers;
  }

  @Override
  public String name() {
    return "plugin-sum";
  }

  @Override
  public String description() {
    return "example plugin: y = x0 + x1 + noise";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("noise", 0.5);
  }

  @Override
  public void validate(Settings settings) {
    if (!(settings.getDouble("noise") > 0)) {
      throw new ConfigurationException("noise", "plugin-sum: noise must be positive, got "
          + settings.getDouble("noise"));
    }
  }

  @Override
  public Problem create(Settings settings) {
    validate(settings);
    return new Sum(settings.getDouble("noise"));
  }

  private final class Sum implements Problem {
    private static final int CHUNK = 1000;
    private final double noise;

    Sum(double noise) {
      this.noise = noise;
    }

    @Override
    public String name() {
      return "plugin-sum";
    }

    @Override
    public List<String> parameterNames() {
      return List.of("x0", "x1");
    }

    @Override
    public List<String> observationNames() {
      return List.of("y");
    }

    @Override
    public Dataset sample(int n, long seed) {
      float[] x = new float[2 * n];
      float[] y = new float[n];
      // chunks with their own seeds run on the worker pool; the result does not depend on the threads
      List<Future<?>> parts = new ArrayList<>();
      for (int from = 0; from < n; from += CHUNK) {
        int start = from;
        int end = Math.min(n, from + CHUNK);
        parts.add(workers.submit(() -> {
          SplittableRandom r = new SplittableRandom(seed * 1_000_003L + start);
          for (int i = start; i < end; i++) {
            x[2 * i] = (float) r.nextGaussian();
            x[2 * i + 1] = (float) r.nextGaussian();
            y[i] = (float) (x[2 * i] + x[2 * i + 1] + noise * r.nextGaussian());
          }
        }));
      }
      try {
        for (Future<?> f : parts) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
      return new Dataset(new Matrix(n, 2, x), new Matrix(n, 1, y));
    }

    @Override
    public Optional<Prior> prior() {
      return Optional.of((n, seed) -> sample(n, seed).x());
    }

    /** The full model y = x0 + x1 + noise; row i's noise comes from its own stream (seed, firstRow + i). */
    @Override
    public Optional<Simulator> simulator() {
      return Optional.of((x, seed, firstRow) -> {
        float[] y = new float[x.rows()];
        for (int i = 0; i < y.length; i++) {
          SplittableRandom r = new SplittableRandom(Seeds.derive(seed, firstRow + i));
          y[i] = (float) (x.get(i, 0) + x.get(i, 1) + noise * r.nextGaussian());
        }
        return Simulation.allValid(new Matrix(x.rows(), 1, y));
      });
    }

    /** x0 + x1 without the noise, for re-simulation metrics. */
    @Override
    public Optional<NoiselessForward> noiselessForward() {
      return Optional.of(x -> {
        float[] y = new float[x.rows()];
        for (int i = 0; i < y.length; i++) {
          y[i] = x.get(i, 0) + x.get(i, 1);
        }
        return Simulation.allValid(new Matrix(x.rows(), 1, y));
      });
    }

    /** Each sample as an arrow from the origin to (x0, x1); the observation as its line x0 + x1 = y*. */
    @Override
    public Optional<Depiction> depiction() {
      return Optional.of(new Depiction() {
        @Override
        public String title() {
          return "Samples as arrows to (x0, x1)";
        }

        @Override
        public String horizontalLabel() {
          return "x0";
        }

        @Override
        public String verticalLabel() {
          return "x1";
        }

        @Override
        public double[] bounds() {
          return new double[] {-3, 3, -3, 3};
        }

        @Override
        public List<Mark> background(float[] observation) {
          double y = observation[0];
          return List.of(new Mark("x0 + x1 = y*", new double[][] {{-3, y + 3}, {3, y - 3}}, Style.DASHED));
        }

        @Override
        public double[][] shape(float[] x) {
          return new double[][] {{0, 0}, {x[0], x[1]}};
        }
      });
    }

    @Override
    public Optional<PosteriorSampler> exactPosterior() {
      // covariance I - a 11^T, mean a y (1, 1), a = 1 / (2 + noise^2)
      double a = 1 / (2 + noise * noise);
      double l11 = Math.sqrt(1 - a);
      double l21 = -a / l11;
      double l22 = Math.sqrt(1 - a - l21 * l21);
      return Optional.of((observation, n, seed) -> {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[2 * n];
        for (int i = 0; i < n; i++) {
          double z0 = r.nextGaussian();
          double z1 = r.nextGaussian();
          d[2 * i] = (float) (a * observation[0] + l11 * z0);
          d[2 * i + 1] = (float) (a * observation[0] + l21 * z0 + l22 * z1);
        }
        return new Matrix(n, 2, d);
      });
    }
  }
}
