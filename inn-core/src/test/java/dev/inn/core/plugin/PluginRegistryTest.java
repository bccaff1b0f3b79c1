package dev.inn.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

  private final PluginRegistry registry = PluginRegistry.fromClassPath();

  @Test
  void findsBuiltInsAndTestOnlyPluginsTheSameWay() {
    assertThat(registry.all(BlockProvider.class).keySet())
        .contains("affine-coupling", "glow-coupling", "nice-coupling", "permutation", "test-elementwise-affine");
    assertThat(registry.all(KernelProvider.class).keySet()).contains("imq", "multiscale", "gaussian", "laplacian");
    assertThat(registry.find(MethodProvider.class, "inn").description()).contains("invertible");
    // exists only in src/test/resources/META-INF/services
    assertThat(registry.find(ProblemProvider.class, "test-sum").name()).isEqualTo("test-sum");
  }

  @Test
  void unknownNameListsTheAvailableOnes() {
    assertThatThrownBy(() -> registry.find(BlockProvider.class, "affine-couplin"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown block 'affine-couplin'")
        .hasMessageContaining("affine-coupling, ");
  }

  @Test
  void unknownOrMistypedSettingsAreRejectedWithTheirName() {
    MethodProvider inn = registry.find(MethodProvider.class, "inn");
    assertThatThrownBy(() -> PluginRegistry.settingsFor(inn, "method", Map.of("blokcs", 3)))
        .hasMessageContaining("unknown setting 'blokcs'").hasMessageContaining("blocks");
    assertThatThrownBy(() -> PluginRegistry.settingsFor(inn, "method", Map.of("blocks", "three")))
        .hasMessageContaining("setting 'blocks'").hasMessageContaining("must be a number");
  }
}
