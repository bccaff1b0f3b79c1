package dev.inn.api.condition;

import dev.inn.api.plugin.Plugin;
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
}
