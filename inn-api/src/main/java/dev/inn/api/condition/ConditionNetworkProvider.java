package dev.inn.api.condition;

import dev.inn.api.data.ObservationShape;
import dev.inn.api.plugin.Plugin;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Parameters;

/**
 * Makes conditioning networks of one kind (e.g. {@code mlp}); registered in
 * {@code META-INF/services/dev.inn.api.condition.ConditionNetworkProvider}.
 */
public interface ConditionNetworkProvider extends Plugin {

  /**
   * A network for observations of {@code observationDim} values, its parameters created in
   * {@code params} so they are trained and saved with the model.
   *
   * @param settings this provider's resolved settings (its {@link #defaults()} overridden)
   */
  ConditionNetwork create(int observationDim, Settings settings, Parameters params);

  /**
   * Whether this kind of network takes observations of the given shape; by default vectors
   * only. A summary network for sets or sequences overrides it (and the create method below).
   */
  default boolean accepts(ObservationShape shape) {
    return shape instanceof ObservationShape.Vector;
  }

  /**
   * The fewest elements (set size or sequence length) an observation must have for networks
   * made with these settings, e.g. what a convolution's receptive field needs; 1 by default.
   */
  default int minimumLength(Settings settings) {
    return 1;
  }

  /**
   * A network for observations of the given shape, for a problem with {@code parameterDim}
   * hidden parameters (a summary network may size its output from it). By default vectors go to
   * {@link #create(int, Settings, Parameters)} and other shapes are refused.
   *
   * @throws ConfigurationException when this kind does not take the shape
   */
  default ConditionNetwork create(
      ObservationShape shape, int parameterDim, Settings settings, Parameters params) {
    if (shape instanceof ObservationShape.Vector vector) {
      return create(vector.dim(), settings, params);
    }
    throw new ConfigurationException(
        "condition", "the condition network '" + name() + "' takes observation vectors, not a " + shape.describe());
  }
}
