package dev.inn.api.metric;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import java.util.List;

/**
 * What a metric sees: the test observations with their true parameters, one method's
 * posterior samples per observation, and (when the metric asked for them) ground-truth
 * posterior samples for the first {@code references.size()} observations.
 *
 * @param problem the problem (for its simulator, prior and parameter names)
 * @param observations test observations y*, one per row
 * @param truth the true x* of each observation, one per row
 * @param posteriors the method's samples for observation i (N x dim x)
 * @param references ground-truth samples for observations 0..references.size()-1 (may be empty)
 * @param parameterScale the prior standard deviation of each parameter, defining
 *     "standardised units" for bandwidths and kernels
 * @param seed seed for any random choice the metric makes
 */
public record MetricInput(Problem problem, Matrix observations, Matrix truth, List<Matrix> posteriors,
    List<Matrix> references, float[] parameterScale, long seed) {

  public MetricInput {
    if (observations.rows() != truth.rows() || posteriors.size() != truth.rows()) {
      throw new IllegalArgumentException("metric input has " + observations.rows() + " observations, "
          + truth.rows() + " true parameter rows and " + posteriors.size() + " posteriors");
    }
    if (references.size() > posteriors.size()) {
      throw new IllegalArgumentException("more reference posteriors (" + references.size()
          + ") than observations (" + posteriors.size() + ")");
    }
    posteriors = List.copyOf(posteriors);
    references = List.copyOf(references);
  }

  /** The number of test observations. */
  public int size() {
    return truth.rows();
  }
}
