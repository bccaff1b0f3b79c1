package dev.inn.core.summary;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.condition.ConditionNetworkProvider;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Ops.Pooling;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.nn.Activation;
import dev.inn.core.nn.DenseNet;
import java.util.Locale;
import java.util.Map;

/**
 * {@code deepset}: a permutation-invariant summary of a set of any size (Zaheer et al. 2017,
 * "Deep Sets"): every element goes through the same network phi, the results are pooled over
 * the set's real elements, and a second network rho maps the pool, beside log n, to the
 * summary. A mean pool keeps the summary's scale independent of n (a model trained on sets
 * of 5 to 100 serves all of them) and log n tells rho how much evidence the mean rests on.
 */
public final class DeepSetProvider implements ConditionNetworkProvider {

  private static final String NAME = "deepset";

  @Override
  public String name() {
    return NAME;
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
  public boolean accepts(ObservationShape shape) {
    return shape instanceof ObservationShape.Set;
  }

  @Override
  public ConditionNetwork create(int observationDim, Settings settings, Parameters params) {
    throw new ConfigurationException("condition", "the summary network '" + NAME
        + "' takes a set, not a vector of " + observationDim + " values");
  }

  @Override
  public ConditionNetwork create(ObservationShape shape, int parameterDim, Settings settings, Parameters params) {
    SummaryInput.requireShape(NAME, shape, ObservationShape.Set.class);
    validate(settings);
    int elementWidth = shape.elementWidth();
    int hidden = SummaryInput.size(settings, "hidden", 64, shape.elementWidth());
    int width = SummaryInput.width(settings, parameterDim);
    Activation activation = SummaryInput.activation(settings);
    Pooling pooling = pooling(settings);
    DenseNet phi = new DenseNet(params.scope("phi"), elementWidth, hidden, settings.getInt("phi_layers"), hidden,
        activation, 0, false);
    DenseNet rho = new DenseNet(params.scope("rho"), hidden + 1, hidden, settings.getInt("rho_layers"), width,
        activation, 0, false);
    return new ConditionNetwork() {
      @Override
      public int width() {
        return width;
      }

      @Override
      public Tensor apply(Ops ops, Tensor y) {
        return apply(ops, y, new int[0]);
      }

      @Override
      public Tensor apply(Ops ops, Tensor y, int[] lengths) {
        int[] n = SummaryInput.lengths(NAME, y, lengths, elementWidth);
        Tensor each = activation.apply(ops, phi.apply(ops, ops.elements(y, elementWidth)));
        Tensor pooled = ops.pool(each, n, pooling);
        return rho.apply(ops, ops.concatColumns(pooled, SummaryInput.logCount(ops, n)));
      }
    };
  }
}
