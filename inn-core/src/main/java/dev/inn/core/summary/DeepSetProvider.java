package dev.inn.core.summary;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Ops.Pooling;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.nn.Activation;
import dev.inn.api.nn.DenseNet;
import java.util.Locale;
import java.util.Map;

/**
 * {@code deepset}: a permutation-invariant summary of a set of any size (Zaheer et al. 2017,
 * "Deep Sets"): every element goes through the same network phi, the results are pooled over
 * the set's real elements, and a second network rho maps the pool, beside log n, to the
 * summary. A mean pool keeps the summary's scale independent of n (a model trained on sets
 * of 5 to 100 serves all of them) and log n tells rho how much evidence the mean rests on.
 */
public final class DeepSetProvider extends SummaryNetworkProvider {

  private static final String NAME = "deepset";

  /** The plugin, as the service loader creates it. */
  public DeepSetProvider() {
    super(NAME, ObservationShape.Set.class);
  }

  @Override
  public String description() {
    return "summary of a set of any size: per-element net phi, pooled over the set with log n, then net rho";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("hidden", 0, "phi_layers", 2, "rho_layers", 2, "width", 0, "pooling", "mean",
        "activation", "relu");
  }

  @Override
  public void validate(Settings settings) {
    SummaryInput.atLeast(NAME, settings, 0, "hidden");
    SummaryInput.atLeast(NAME, settings, 1, "phi_layers", "rho_layers");
    SummaryInput.validWidth(NAME, settings);
    pooling(settings);
    SummaryInput.activation(settings);
  }

  static Pooling pooling(Settings settings) {
    String p = settings.getString("pooling");
    return switch (p) {
      case "mean", "sum", "max" -> Pooling.valueOf(p.toUpperCase(Locale.ROOT));
      default -> throw new ConfigurationException("pooling", "summary network '" + NAME
          + "': pooling must be mean, sum or max, got '" + p + "'");
    };
  }

  @Override
  ConditionNetwork build(ObservationShape shape, int parameterDim, Settings settings, Parameters params) {
    int elementWidth = shape.elementWidth();
    int hidden = SummaryInput.size(settings, "hidden", 64, shape.elementWidth());
    int width = SummaryInput.width(settings, parameterDim);
    Activation activation = SummaryInput.activation(settings);
    Pooling pooling = pooling(settings);
    DenseNet phi = new DenseNet(params.scope("phi"), elementWidth, hidden, settings.getInt("phi_layers"), hidden,
        activation, 0, false);
    DenseNet rho = new DenseNet(params.scope("rho"), hidden + 1, hidden, settings.getInt("rho_layers"), width,
        activation, 0, false);
    return new SummaryNetwork(NAME, elementWidth, width, (ops, y, n) -> {
      Tensor each = activation.apply(ops, phi.apply(ops, ops.elements(y, elementWidth)));
      Tensor pooled = ops.pool(each, n, pooling);
      return rho.apply(ops, ops.concatColumns(pooled, SummaryInput.logCount(ops, n)));
    });
  }
}
