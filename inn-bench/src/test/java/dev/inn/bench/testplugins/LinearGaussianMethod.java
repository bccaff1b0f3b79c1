package dev.inn.bench.testplugins;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Test-only method: least-squares regression of each x column on y with Gaussian residuals
 * and their empirical covariance (exact for a linear Gaussian problem with 1-D y and 2-D x). {@code spread} scales the residual spread
 * (< 1 makes an overconfident method); {@code fail} makes training throw.
 */
public final class LinearGaussianMethod implements MethodProvider {

  /**
   * Test hook: training a method whose {@code spread} equals this value throws
   * {@link SimulatedKill}, an Error nothing catches, as if the process were killed there.
   */
  public static volatile double killAtSpread = Double.NaN;

  /** Stands for the process dying (kill, power loss): nothing after it runs. */
  public static final class SimulatedKill extends Error {
    public SimulatedKill() {
      super("simulated kill");
    }
  }

  @Override
  public String name() {
    return "test-linear-fit";
  }

  @Override
  public String description() {
    return "test only: linear regression of x on y with Gaussian residuals";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("spread", 1.0, "fail", false, "steps", 20L);
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new Fit(problem.parameterDim(), settings.getDouble("spread"), settings.getBoolean("fail"), settings.getInt("steps"));
  }

  private static final class Fit implements PosteriorMethod {
    private final int d;
    private final double spread;
    private final boolean fail;
    private final int steps;
    private double[] slope;
    private double[] intercept;
    private double[] residualStd;
    private double residualCov;

    Fit(int d, double spread, boolean fail, int steps) {
      this.d = d;
      this.spread = spread;
      this.fail = fail;
      this.steps = steps;
    }

    @Override
    public TrainingHistory train(Dataset data, TrainingContext context) {
      if (fail) {
        throw new IllegalStateException("loss L_test is NaN at step 3");
      }
      if (spread == killAtSpread) {
        throw new SimulatedKill();
      }
      int n = data.size();
      slope = new double[d];
      intercept = new double[d];
      residualStd = new double[d];
      double my = 0;
      for (int i = 0; i < n; i++) {
        my += data.y().get(i, 0);
      }
      my /= n;
      double vy = 0;
      for (int i = 0; i < n; i++) {
        vy += Math.pow(data.y().get(i, 0) - my, 2);
      }
      for (int c = 0; c < d; c++) {
        double mx = 0;
        for (int i = 0; i < n; i++) {
          mx += data.x().get(i, c);
        }
        mx /= n;
        double cov = 0;
        for (int i = 0; i < n; i++) {
          cov += (data.x().get(i, c) - mx) * (data.y().get(i, 0) - my);
        }
        slope[c] = cov / vy;
        intercept[c] = mx - slope[c] * my;
        double r2 = 0;
        for (int i = 0; i < n; i++) {
          r2 += Math.pow(data.x().get(i, c) - intercept[c] - slope[c] * data.y().get(i, 0), 2);
        }
        residualStd[c] = Math.sqrt(r2 / (n - 2));
      }
      double c01 = 0;
      for (int i = 0; i < n; i++) {
        float y = data.y().get(i, 0);
        c01 += (data.x().get(i, 0) - intercept[0] - slope[0] * y) * (data.x().get(i, 1) - intercept[1] - slope[1] * y);
      }
      residualCov = c01 / (n - 2);
      List<Integer> s = new ArrayList<>();
      List<Double> loss = new ArrayList<>();
      for (int i = 0; i < steps; i++) {
        s.add(i);
        loss.add(1.0 / (1 + i));
        context.progress().update("train test-linear-fit", i + 1, steps, "");
      }
      return new TrainingHistory(s, Map.of("L_test", loss));
    }

    @Override
    public Matrix sample(float[] observation, int n, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      // the two residuals of the exact posterior are correlated; sample them jointly
      double diag = residualStd[0] * residualStd[0];
      double off = residualCov;
      double l11 = Math.sqrt(diag);
      double l21 = off / l11;
      double l22 = Math.sqrt(Math.max(1e-12, residualStd[1] * residualStd[1] - l21 * l21));
      float[] out = new float[n * d];
      for (int i = 0; i < n; i++) {
        double e1 = LinearGaussianProblem.gaussian(r);
        double e2 = LinearGaussianProblem.gaussian(r);
        out[i * d] = (float) (intercept[0] + slope[0] * observation[0] + spread * l11 * e1);
        out[i * d + 1] = (float) (intercept[1] + slope[1] * observation[0] + spread * (l21 * e1 + l22 * e2));
      }
      return new Matrix(n, d, out);
    }

    @Override
    public void save(DataOutput out) throws IOException {
      for (int c = 0; c < d; c++) {
        out.writeDouble(slope[c]);
        out.writeDouble(intercept[c]);
        out.writeDouble(residualStd[c]);
      }
      out.writeDouble(residualCov);
    }

    @Override
    public void load(DataInput in) throws IOException {
      slope = new double[d];
      intercept = new double[d];
      residualStd = new double[d];
      for (int c = 0; c < d; c++) {
        slope[c] = in.readDouble();
        intercept[c] = in.readDouble();
        residualStd[c] = in.readDouble();
      }
      residualCov = in.readDouble();
    }
  }
}
