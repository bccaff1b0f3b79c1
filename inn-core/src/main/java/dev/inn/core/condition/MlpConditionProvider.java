package dev.inn.core.condition;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.condition.ConditionNetworkProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.nn.Activation;
import dev.inn.api.nn.DenseNet;
import java.util.Map;

/**
 * {@code mlp}: the default conditioning network, a fully connected net y -> hidden -> ... ->
 * width. Its output width grows with the observation so a long y is not squeezed through a
 * narrow bottleneck: {@code width = 0} means max(32, 2 dim y). With {@code include_input}
 * (the default) the standardised y itself is passed on beside the learned features, so the
 * coupling subnets can shift the posterior linearly in y without first learning to copy it
 * (the measurement behind this default: docs/decisions.md).
 */
public final class MlpConditionProvider implements ConditionNetworkProvider {

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public String description() {
    return "fully connected conditioning network h(y) (hidden layers of 'hidden' units, output 'width')";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("hidden", 64, "layers", 3, "width", 0, "activation", "relu", "include_input", true);
  }

  @Override
  public void validate(Settings settings) {
    for (String key : new String[] {"hidden", "layers"}) {
      if (settings.getInt(key) < 1) {
        throw new ConfigurationException(key, "setting '" + key + "' of " + settings.owner() + " must be at least 1,"
            + " got " + settings.getInt(key));
      }
    }
    if (settings.getInt("width") < 0) {
      throw new ConfigurationException("width", "setting 'width' of " + settings.owner() + " must be at least 0"
          + " (0: max(32, 2 dim y)), got " + settings.getInt("width"));
    }
    Activation.check(settings.owner(), "activation", settings.getString("activation"));
  }

  @Override
  public ConditionNetwork create(int observationDim, Settings settings, Parameters params) {
    int width = settings.getInt("width") > 0 ? settings.getInt("width") : Math.max(32, 2 * observationDim);
    int hidden = settings.getInt("hidden");
    int layers = settings.getInt("layers");
    DenseNet net = new DenseNet(params, observationDim, hidden, layers, width,
        Activation.named(settings.getString("activation")), 0, false);
    boolean skip = settings.getBoolean("include_input");
    return new ConditionNetwork() {
      @Override
      public int width() {
        return skip ? width + observationDim : width;
      }

      @Override
      public Tensor apply(Ops ops, Tensor y) {
        Tensor h = net.apply(ops, y);
        return skip ? ops.concatColumns(y, h) : h;
      }
    };
  }
}
