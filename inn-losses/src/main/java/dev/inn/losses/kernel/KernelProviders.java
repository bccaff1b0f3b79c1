package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;

/** The built-in kernel plugins; each nested class is one ServiceLoader entry. */
public final class KernelProviders {

  private KernelProviders() {}

  /** Builds the kernel once to check its settings, so the kernel's own checks are the only ones. */
  private static void checked(Settings s, String key, Runnable build) {
    try {
      build.run();
    } catch (ConfigurationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(key, "setting '" + key + "' of " + s.owner() + ": " + e.getMessage());
    }
  }

  /** {@code imq}: inverse multiquadratic, setting {@code widths}. */
  public static final class Imq implements KernelProvider {
    @Override
    public String name() {
      return "imq";
    }

    @Override
    public String description() {
      return "inverse multiquadratic 1/(1 + |a-b|^2/h^2), summed over widths";
    }

    @Override
    public Map<String, Object> defaults() {
      return Map.of("widths", List.of(1.2));
    }

    @Override
    public void validate(Settings s) {
      checked(s, "widths", () -> create(s));
    }

    @Override
    public Kernel create(Settings s) {
      return new InverseMultiquadraticKernel(s.getDoubles("widths"));
    }
  }

  /** {@code multiscale}: the authors' generalised form, setting {@code scales} = [[C, a], ...]. */
  public static final class Multiscale implements KernelProvider {
    @Override
    public String name() {
      return "multiscale";
    }

    @Override
    public String description() {
      return "C^a ((C + d)/a)^-a summed over (C, a) scales (the authors' code)";
    }

    @Override
    public Map<String, Object> defaults() {
      return Map.of("scales", List.of(List.of(0.2, 2.0), List.of(1.5, 2.0), List.of(3.0, 2.0)));
    }

    @Override
    public void validate(Settings s) {
      checked(s, "scales", () -> create(s));
    }

    @Override
    public Kernel create(Settings s) {
      return new MultiscaleKernel(s.getDoubleRows("scales"));
    }
  }

  /** {@code gaussian}: setting {@code widths}. */
  public static final class Gaussian implements KernelProvider {
    @Override
    public String name() {
      return "gaussian";
    }

    @Override
    public String description() {
      return "Gaussian exp(-|a-b|^2/(2h^2)), summed over widths";
    }

    @Override
    public Map<String, Object> defaults() {
      return Map.of("widths", List.of(1.0));
    }

    @Override
    public void validate(Settings s) {
      checked(s, "widths", () -> create(s));
    }

    @Override
    public Kernel create(Settings s) {
      return new GaussianKernel(s.getDoubles("widths"));
    }
  }

  /** {@code laplacian}: exp(-|a-b|/h), setting {@code widths}. */
  public static final class Laplacian implements KernelProvider {
    @Override
    public String name() {
      return "laplacian";
    }

    @Override
    public String description() {
      return "exp(-|a-b|/h) for heavy-tailed latents, summed over widths";
    }

    @Override
    public Map<String, Object> defaults() {
      return Map.of("widths", List.of(7.1));
    }

    @Override
    public void validate(Settings s) {
      checked(s, "widths", () -> create(s));
    }

    @Override
    public Kernel create(Settings s) {
      return new LaplacianKernel(s.getDoubles("widths"));
    }
  }
}
