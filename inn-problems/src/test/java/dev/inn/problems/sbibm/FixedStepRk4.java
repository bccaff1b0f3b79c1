package dev.inn.problems.sbibm;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/** A classical fixed-step Runge-Kutta 4 integrator, an independent reference for the ODE tests. */
final class FixedStepRk4 {

  private FixedStepRk4() {
  }

  /** The state at each of {@code times} (multiples of {@code h} from 0), from y0 at 0. */
  static double[][] solve(FirstOrderDifferentialEquations ode, double[] y0, double[] times, double h) {
    int n = y0.length;
    double[] y = y0.clone();
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] tmp = new double[n];
    double[][] out = new double[times.length][];
    long step = 0;
    for (int i = 0; i < times.length; i++) {
      long target = Math.round(times[i] / h);
      for (; step < target; step++) {
        double t = step * h;
        ode.computeDerivatives(t, y, k1);
        for (int j = 0; j < n; j++) {
          tmp[j] = y[j] + 0.5 * h * k1[j];
        }
        ode.computeDerivatives(t + 0.5 * h, tmp, k2);
        for (int j = 0; j < n; j++) {
          tmp[j] = y[j] + 0.5 * h * k2[j];
        }
        ode.computeDerivatives(t + 0.5 * h, tmp, k3);
        for (int j = 0; j < n; j++) {
          tmp[j] = y[j] + h * k3[j];
        }
        ode.computeDerivatives(t + h, tmp, k4);
        for (int j = 0; j < n; j++) {
          y[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
        }
      }
      out[i] = y.clone();
    }
    return out;
  }
}
