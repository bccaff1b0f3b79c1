package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The built-in kernel plugins; each nested class is one ServiceLoader entry. */
public final class KernelProviders {

  private KernelProviders() {}

  /** A kernel plugin of one setting, checked by building the kernel, so the kernel's own checks are the only ones. */
  abstract static class OneSetting implements KernelProvider {
    private final String name;
    private final String description;
    private final String key;
    private final Object defaultValue;
    private final Function<Settings, Kernel> make;

    OneSetting(String name, String description, String key, Object defaultValue, Function<Settings, Kernel> make) {
      this.name = name;
      this.description = description;
      this.key = key;
      this.defaultValue = defaultValue;
      this.make = make;
    }

    @Override
    public final String name() {
      return name;
    }

    @Override
    public final String description() {
      return description;
    }

    @Override
    public final Map<String, Object> defaults() {
      return Map.of(key, defaultValue);
    }

    @Override
    public final void validate(Settings s) {
      try {
        create(s);
      } catch (ConfigurationException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(key, "setting '" + key + "' of " + s.owner() + ": " + e.getMessage());
      }
    }

    @Override
    public final Kernel create(Settings s) {
      return make.apply(s);
    }
  }

  /** {@code imq}: inverse multiquadratic, setting {@code widths}. */
  public static final class Imq extends OneSetting {
    /** The plugin. */
    public Imq() {
      super("imq", "inverse multiquadratic 1/(1 + |a-b|^2/h^2), summed over widths", "widths", List.of(1.2),
          s -> new InverseMultiquadraticKernel(s.getDoubles("widths")));
    }
  }

  /** {@code multiscale}: the authors' generalised form, setting {@code scales} = [[C, a], ...]. */
  public static final class Multiscale extends OneSetting {
    /** The plugin. */
    public Multiscale() {
      super("multiscale", "C^a ((C + d)/a)^-a summed over (C, a) scales (the authors' code)", "scales",
          List.of(List.of(0.2, 2.0), List.of(1.5, 2.0), List.of(3.0, 2.0)),
          s -> new MultiscaleKernel(s.getDoubleRows("scales")));
    }
  }

  /** {@code gaussian}: setting {@code widths}. */
  public static final class Gaussian extends OneSetting {
    /** The plugin. */
    public Gaussian() {
      super("gaussian", "Gaussian exp(-|a-b|^2/(2h^2)), summed over widths", "widths", List.of(1.0),
          s -> new GaussianKernel(s.getDoubles("widths")));
    }
  }

  /** {@code laplacian}: exp(-|a-b|/h), setting {@code widths}. */
  public static final class Laplacian extends OneSetting {
    /** The plugin. */
    public Laplacian() {
      super("laplacian", "exp(-|a-b|/h) for heavy-tailed latents, summed over widths", "widths", List.of(7.1),
          s -> new LaplacianKernel(s.getDoubles("widths")));
    }
  }
}
