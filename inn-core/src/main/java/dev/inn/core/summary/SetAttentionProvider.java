package dev.inn.core.summary;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.nn.Activation;
import dev.inn.api.nn.DenseNet;
import java.util.Map;

/**
 * {@code set-attention}: a set summary pooled by attention (the pooling by multihead
 * attention of Lee et al. 2019, "Set Transformer"): every element is embedded by a network
 * phi, learned seed queries attend over the set's real elements (softmax weights per head),
 * and a network rho maps the attended values of all seeds, beside log n, to the summary.
 * Unlike a mean, the weights let the summary single out informative elements.
 */
public final class SetAttentionProvider extends SummaryNetworkProvider {

  private static final String NAME = "set-attention";

  /** The plugin, as the service loader creates it. */
  public SetAttentionProvider() {
    super(NAME, ObservationShape.Set.class);
  }

  @Override
  public String description() {
    return "summary of a set of any size: per-element net, attention pooling by learned seed queries, then net rho";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("hidden", 0, "phi_layers", 2, "rho_layers", 2, "width", 0, "seeds", 2, "heads", 4,
        "activation", "relu");
  }

  @Override
  public void validate(Settings settings) {
    SummaryInput.atLeast(NAME, settings, 0, "hidden");
    SummaryInput.atLeast(NAME, settings, 1, "phi_layers", "rho_layers", "seeds", "heads");
    SummaryInput.validWidth(NAME, settings);
    SummaryInput.activation(settings);
    if (settings.getInt("hidden") % settings.getInt("heads") != 0) {  // 0 (automatic) is rounded up to fit
      throw new ConfigurationException("heads", "summary network '" + NAME + "': " + settings.getInt("heads")
          + " heads do not divide hidden = " + settings.getInt("hidden"));
    }
  }

  @Override
  ConditionNetwork build(ObservationShape shape, int parameterDim, Settings settings, Parameters params) {
    int elementWidth = shape.elementWidth();
    int seeds = settings.getInt("seeds");
    int heads = settings.getInt("heads");
    int hidden = -Math.floorDiv(-SummaryInput.size(settings, "hidden", 64, shape.elementWidth()), heads) * heads;
    int width = SummaryInput.width(settings, parameterDim);
    Activation activation = SummaryInput.activation(settings);
    DenseNet phi = new DenseNet(params.scope("phi"), elementWidth, hidden, settings.getInt("phi_layers"), hidden,
        activation, 0, false);
    double std = 1 / Math.sqrt(hidden);
    Parameter queries = params.trainable("seeds", seeds, hidden, 1.0);
    Parameter keyWeight = params.trainable("key_w", hidden, hidden, std);
    Parameter keyBias = params.trainable("key_b", 1, hidden, 0);
    Parameter valueWeight = params.trainable("value_w", hidden, hidden, std);
    Parameter valueBias = params.trainable("value_b", 1, hidden, 0);
    DenseNet rho = new DenseNet(params.scope("rho"), seeds * hidden + 1, hidden, settings.getInt("rho_layers"),
        width, activation, 0, false);
    return new SummaryNetwork(NAME, elementWidth, width, (ops, y, n) -> {
      Tensor each = activation.apply(ops, phi.apply(ops, ops.elements(y, elementWidth)));
      Tensor pooled = ops.attentionPool(ops.use(queries), ops.linear(each, keyWeight, keyBias),
          ops.linear(each, valueWeight, valueBias), n, heads);
      return rho.apply(ops, ops.concatColumns(pooled, SummaryInput.logCount(ops, n)));
    });
  }
}
