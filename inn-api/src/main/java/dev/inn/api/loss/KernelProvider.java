package dev.inn.api.loss;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.settings.Settings;

/** Makes kernels of one family (e.g. {@code imq}, {@code multiscale}, {@code gaussian}). */
public interface KernelProvider extends Plugin {

  /** A kernel with the given settings (already merged with {@link #defaults()}). */
  Kernel create(Settings settings);
}
