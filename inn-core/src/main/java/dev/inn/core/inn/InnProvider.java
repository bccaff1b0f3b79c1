package dev.inn.core.inn;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code inn}: the invertible neural network with bi-directional training (the paper's method). */
public final class InnProvider implements MethodProvider {

  private final PluginLookup plugins;

  /** @param plugins where the method finds its blocks, kernels and condition networks */
  @Inject
  public InnProvider(PluginLookup plugins) {
    this.plugins = plugins;
  }

  @Override
  public String name() {
    return "inn";
  }

  @Override
  public String description() {
    return "invertible neural network, bi-directional training with L_y, L_z, L_x (Ardizzone et al. 2019)";
  }

  @Override
  public Map<String, Object> defaults() {
    return InnConfig.defaults();
  }

  @Override
  public Map<String, String> settingDescriptions() {
    Map<String, String> d = new java.util.HashMap<>(dev.inn.core.training.OptimizerConfig.descriptions());
    d.put("blocks", "coupling blocks");
    d.put("block", "the coupling block (see 'inn list block')");
    d.put("hidden", "hidden units of each subnet layer");
    d.put("layers", "layers of each subnet");
    d.put("width", "total width of the network (x padded with zeros up to it); 0 = the least that fits");
    d.put("latent_dim", "dimension of the latent z; 0 = the problem's own choice");
    d.put("z_loss", "how z is made standard normal: \"likelihood\" (maximum likelihood) or \"mmd\" (the paper's)");
    d.put("weight_y", "weight of the forward fit of y");
    d.put("weight_z", "weight of the latent-distribution loss");
    d.put("weight_x", "weight of the backward MMD on x (the paper's)");
    d.put("weight_pad", "weight keeping the padding dimensions at zero");
    d.put("weight_rec", "weight of the reconstruction loss");
    d.put("noise_y", "noise added to y in training (a y that the data do not pin down exactly)");
    d.put("standardize", "train on standardised x and y (undone when sampling)");
    d.put("support_transform", "map a bounded prior support onto the real line, so samples stay inside it");
    return Map.copyOf(d);
  }

  @Override
  public void validate(Settings settings) {
    InnPlugins.resolve(InnConfig.from(settings), plugins);
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new InnMethod(problem, settings, plugins);
  }
}
