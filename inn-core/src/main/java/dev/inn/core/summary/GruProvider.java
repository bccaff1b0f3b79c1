package dev.inn.core.summary;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import java.util.Map;

/**
 * {@code gru}: a sequence summary by a gated recurrent unit read to each sequence's own last
 * step, then a linear map of that state to the summary. The state after the last real step
 * has seen every step, whatever the length, and padding is never read.
 */
public final class GruProvider extends SummaryNetworkProvider {

  private static final String NAME = "gru";

  /** The plugin, as the service loader creates it. */
  public GruProvider() {
    super(NAME, ObservationShape.Sequence.class);
  }

  @Override
  public String description() {
    return "summary of a sequence of any length: a GRU's state after the last step, linear map";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("hidden", 0, "width", 0);
  }

  @Override
  public void validate(Settings settings) {
    SummaryInput.atLeast(NAME, settings, 0, "hidden");
    SummaryInput.validWidth(NAME, settings);
  }

  @Override
  ConditionNetwork build(ObservationShape shape, int parameterDim, Settings settings, Parameters params) {
    int channels = shape.elementWidth();
    int hidden = SummaryInput.size(settings, "hidden", 64, shape.elementWidth());
    int width = SummaryInput.width(settings, parameterDim);
    double std = 1 / Math.sqrt(hidden);
    Parameter inputWeight = params.trainable("input_w", channels, 3 * hidden, std);
    Parameter recurrentWeight = params.trainable("recurrent_w", hidden, 3 * hidden, std);
    Parameter inputBias = params.trainable("input_b", 1, 3 * hidden, 0);
    Parameter recurrentBias = params.trainable("recurrent_b", 1, 3 * hidden, 0);
    Parameter outWeight = params.trainable("out_w", hidden, width, std);
    Parameter outBias = params.trainable("out_b", 1, width, 0);
    return new SummaryNetwork(NAME, channels, width, (ops, y, n) -> {
      Tensor state = ops.gru(y, n, inputWeight, recurrentWeight, inputBias, recurrentBias);
      return ops.linear(state, outWeight, outBias);
    });
  }
}
