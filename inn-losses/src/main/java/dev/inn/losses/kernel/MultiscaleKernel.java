package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;

/**
 * The generalised multiscale form of the authors' code: k(d) = sum over (C, a) of
 * C^a ((C + d) / a)^(-a), d the squared distance.
 */
public record MultiscaleKernel(double[][] scales) implements Kernel {

  public MultiscaleKernel {
    if (scales.length == 0) {
      throw new IllegalArgumentException("multiscale kernel needs at least one (C, a) pair");
    }
    for (double[] s : scales) {
      if (s.length != 2 || !(s[0] > 0) || !(s[1] > 0)) {
        throw new IllegalArgumentException("multiscale kernel scales must be positive (C, a) pairs");
      }
    }
  }

  @Override
  public float apply(float d) {
    double s = 0;
    for (double[] ca : scales) {
      s += Math.pow(ca[0], ca[1]) * Math.pow((ca[0] + d) / ca[1], -ca[1]);
    }
    return (float) s;
  }

  @Override
  public float derivative(float d, float kd) {
    double s = 0;
    for (double[] ca : scales) {
      double c = ca[0];
      double a = ca[1];
      // d/dd C^a ((C + d)/a)^-a = -a C^a ((C + d)/a)^(-a-1) / a
      s -= Math.pow(c, a) * Math.pow((c + d) / a, -a - 1);
    }
    return (float) s;
  }
}
