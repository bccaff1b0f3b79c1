package dev.inn.core.summary;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Ops.Pooling;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.nn.Activation;
import java.util.Map;

/**
 * {@code conv1d}: a sequence summary by dilated temporal convolutions (dilation 1, 2, 4, ...,
 * so the receptive field grows exponentially with depth, as in WaveNet), a mean over the
 * sequence's own steps, and a linear map of that mean beside log T to the summary. Every
 * convolution keeps the length and reads zeros past the sequence's ends, so any length from
 * one step on gives a well-defined summary (short sequences just see less context); that is
 * why {@link #minimumLength} is 1.
 */
public final class Conv1dProvider extends SummaryNetworkProvider {

  private static final String NAME = "conv1d";

  /** The plugin, as the service loader creates it. */
  public Conv1dProvider() {
    super(NAME, ObservationShape.Sequence.class);
  }

  @Override
  public String description() {
    return "summary of a sequence of any length: dilated 1-D convolutions, mean over time with log T, linear map";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("channels", 0, "layers", 3, "kernel", 5, "width", 0, "activation", "relu");
  }

  @Override
  public void validate(Settings settings) {
    SummaryInput.atLeast(NAME, settings, 0, "channels");
    SummaryInput.atLeast(NAME, settings, 1, "layers", "kernel");
    SummaryInput.validWidth(NAME, settings);
    SummaryInput.activation(settings);
    if (settings.getInt("layers") > 16) {
      throw new ConfigurationException("layers", "summary network '" + NAME + "': at most 16 layers (dilation 2^15), got "
          + settings.getInt("layers"));
    }
  }

  @Override
  public int minimumLength(Settings settings) {
    return 1;
  }

  @Override
  ConditionNetwork build(ObservationShape shape, int parameterDim, Settings settings, Parameters params) {
    int channelsIn = shape.elementWidth();
    int channels = SummaryInput.size(settings, "channels", 32, shape.elementWidth());
    int layers = settings.getInt("layers");
    int kernel = settings.getInt("kernel");
    int width = SummaryInput.width(settings, parameterDim);
    Activation activation = SummaryInput.activation(settings);
    Parameter[] weights = new Parameter[layers];
    Parameter[] biases = new Parameter[layers];
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? channelsIn : channels;
      weights[l] = params.trainable("conv" + l + "_w", kernel * in, channels, 1 / Math.sqrt(kernel * in));
      biases[l] = params.trainable("conv" + l + "_b", 1, channels, 0);
    }
    Parameter outWeight = params.trainable("out_w", channels + 1, width, 1 / Math.sqrt(channels + 1));
    Parameter outBias = params.trainable("out_b", 1, width, 0);
    return new SummaryNetwork(NAME, channelsIn, width, (ops, y, n) -> {
      Tensor h = y;
      for (int l = 0; l < layers; l++) {
        h = activation.apply(ops, ops.conv1d(h, n, weights[l], biases[l], kernel, 1 << l));
      }
      Tensor pooled = ops.pool(ops.elements(h, channels), n, Pooling.MEAN);
      return ops.linear(ops.concatColumns(pooled, SummaryInput.logCount(ops, n)), outWeight, outBias);
    });
  }
}
