package dev.inn.core.training;

import dev.inn.core.param.ModelParameter;
import java.util.List;

/** Adam (Kingma and Ba 2015) with L2 weight decay added to the gradient, as torch.optim.Adam does. */
public final class Adam {

  private final List<ModelParameter> params;
  private final float[][] m;
  private final float[][] v;
  private final OptimizerConfig config;
  private int t;

  public Adam(List<ModelParameter> params, OptimizerConfig config) {
    this.params = params;
    this.config = config;
    this.m = new float[params.size()][];
    this.v = new float[params.size()][];
    for (int i = 0; i < params.size(); i++) {
      m[i] = new float[params.get(i).data().length];
      v[i] = new float[params.get(i).data().length];
    }
  }

  /** Clears every gradient before a step's backward pass. */
  public void zeroGradients() {
    for (ModelParameter p : params) {
      java.util.Arrays.fill(p.gradient(), 0f);
    }
  }

  /** Global L2 norm of the gradients. */
  public double gradientNorm() {
    double s = 0;
    for (ModelParameter p : params) {
      for (float g : p.gradient()) {
        s += (double) g * g;
      }
    }
    return Math.sqrt(s);
  }

  /** One update with learning rate {@code lr}; gradients are scaled by {@code gradScale} first (clipping). */
  public void step(double lr, float gradScale) {
    t++;
    float b1 = (float) config.beta1();
    float b2 = (float) config.beta2();
    double c1 = 1 - Math.pow(config.beta1(), t);
    double c2 = 1 - Math.pow(config.beta2(), t);
    float stepSize = (float) (lr / c1);
    float eps = (float) config.eps();
    float sqrtC2 = (float) Math.sqrt(c2);
    float wd = (float) config.weightDecay();
    for (int i = 0; i < params.size(); i++) {
      float[] w = params.get(i).data();
      float[] g = params.get(i).gradient();
      float[] mi = m[i];
      float[] vi = v[i];
      for (int j = 0; j < w.length; j++) {
        float gj = g[j] * gradScale + wd * w[j];
        mi[j] = b1 * mi[j] + (1 - b1) * gj;
        vi[j] = b2 * vi[j] + (1 - b2) * gj * gj;
        w[j] -= stepSize * mi[j] / ((float) Math.sqrt(vi[j]) / sqrtC2 + eps);
      }
    }
  }
}
