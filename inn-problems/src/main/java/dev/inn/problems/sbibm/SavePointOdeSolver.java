package dev.inn.problems.sbibm;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;

/**
 * Solves an initial value problem with an adaptive Dormand-Prince 8(5,3) method at tight
 * tolerances and reads the state at given save times from the method's dense output, so the
 * steps are chosen by the error control alone (like the Tsit5 {@code saveat} solves of
 * sbibm). A solve that exceeds the evaluation cap or needs a step below the minimum fails and
 * returns null, which the tasks turn into an invalid simulation.
 */
final class SavePointOdeSolver {

  /** sbibm's reltol = abstol = 1e-8. */
  static final double TOLERANCE = 1e-8;
  /** Far above what ordinary prior draws need (a few thousand); only pathological ones hit it. */
  static final int MAX_EVALUATIONS = 200_000;
  private static final double MIN_STEP = 1e-12;

  private SavePointOdeSolver() {
  }

  /**
   * The states at {@code times} (ascending, the first at or after {@code t0}), one row per
   * time, or null if the solver failed or produced a non-finite state. Integrates only up to
   * the last save time: later steps cannot change earlier values.
   */
  static double[][] solve(FirstOrderDifferentialEquations ode, double t0, double[] y0, double[] times) {
    return solve(ode, t0, y0, times, MAX_EVALUATIONS);
  }

  /** As {@link #solve(FirstOrderDifferentialEquations, double, double[], double[])}, with another cap. */
  static double[][] solve(FirstOrderDifferentialEquations ode, double t0, double[] y0, double[] times,
      int maxEvaluations) {
    double[][] states = new double[times.length][];
    int first = 0;
    while (first < times.length && times[first] == t0) {
      states[first++] = y0.clone();
    }
    if (first == times.length) {
      return states;
    }
    DormandPrince853Integrator integrator =
        new DormandPrince853Integrator(MIN_STEP, Double.POSITIVE_INFINITY, TOLERANCE, TOLERANCE);
    integrator.setMaxEvaluations(maxEvaluations);
    int[] next = {first};
    integrator.addStepHandler(new StepHandler() {
      @Override
      public void init(double start, double[] state, double end) {
      }

      @Override
      public void handleStep(StepInterpolator interpolator, boolean isLast) {
        double stepEnd = interpolator.getCurrentTime();
        while (next[0] < times.length && (times[next[0]] <= stepEnd || isLast)) {
          interpolator.setInterpolatedTime(Math.min(times[next[0]], stepEnd));
          states[next[0]++] = interpolator.getInterpolatedState().clone();
        }
      }
    });
    double[] end = new double[y0.length];
    try {
      integrator.integrate(ode, t0, y0.clone(), times[times.length - 1], end);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // commons-math signals too many evaluations (state) or a too-small step (argument)
      return null;
    }
    for (double[] state : states) {
      if (state == null) {
        return null;
      }
      for (double v : state) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
    }
    return states;
  }
}
