package dev.inn.baselines.eightmodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.problems.mixture.GaussianMixture8;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Discovery by name, reproducibility and complete save/load, for every baseline (tiny trainings). */
class BaselineLifecycleTest {

  /** Small nets and a few steps; cgan-large and cgan shrunk so this stays fast. */
  private static Map<String, Object> tiny(String name) {
    Map<String, Object> common = Map.of("steps", 30, "batch", 64, "hidden", 16, "threads", 1);
    if (name.startsWith("cgan")) {
      return Map.of("steps", 30, "batch", 64, "hidden", 16, "disc_hidden", 16, "latent_dim", 4,
          "pretrain_steps", 10, "threads", 1);
    }
    return common;
  }

  private static final float[] LABEL_0 = GaussianMixture8.oneHot(0);

  @ParameterizedTest
  @ValueSource(strings = {"cvae", "cvae-iaf", "dropout-nn", "point-nn", "cgan", "cgan-large", "generator-mmd"})
  void sameSeedSameNumbersAndSaveLoadRestoresTheSamples(String name) throws IOException {
    PosteriorMethod a = EightModes.method(name, tiny(name));
    a.train(EightModes.data(2000), TrainingContext.quiet(3));
    Matrix samples = a.sample(LABEL_0, 300, 9);
    assertThat(samples.rows()).isEqualTo(300);
    assertThat(samples.firstNonFinite()).isEqualTo(-1);

    PosteriorMethod b = EightModes.method(name, tiny(name));
    b.train(EightModes.data(2000), TrainingContext.quiet(3));
    assertThat(b.sample(LABEL_0, 300, 9)).isEqualTo(samples);
    if (!name.equals("point-nn")) {
      assertThat(a.sample(LABEL_0, 300, 10)).isNotEqualTo(samples);
    }

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.save(new DataOutputStream(bytes));
    PosteriorMethod fresh = EightModes.method(name, tiny(name));
    fresh.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(fresh.sample(LABEL_0, 300, 9)).isEqualTo(samples);
  }

  @Test
  void everyBaselineIsRegisteredAndRejectsUnknownSettings() {
    for (String name : new String[] {"abc", "cvae", "cvae-iaf", "dropout-nn", "point-nn", "cgan", "cgan-large",
        "generator-mmd"}) {
      MethodProvider p = EightModes.REGISTRY.find(MethodProvider.class, name);
      assertThat(p.name()).isEqualTo(name);
      assertThatThrownBy(() -> EightModes.method(name, Map.of("hiden", 3)))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("hiden");
    }
    // point-nn has no dropout or variance to switch on
    assertThatThrownBy(() -> EightModes.method("point-nn", Map.of("dropout", 0.2)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("dropout");
  }

  @Test
  void aModelFileOfOtherSettingsIsRefusedWithAClearMessage() throws IOException {
    PosteriorMethod a = EightModes.method("cvae", Map.of("steps", 5, "hidden", 16, "threads", 1));
    a.train(EightModes.data(500), TrainingContext.quiet(1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.save(new DataOutputStream(bytes));
    PosteriorMethod other = EightModes.method("cvae", Map.of("hidden", 32, "threads", 1));
    assertThatThrownBy(() -> other.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
        .isInstanceOf(IOException.class).hasMessageContaining("encoder");
  }

  @Test
  void badObservationsAndDataAreNamed() {
    PosteriorMethod m = EightModes.method("cvae", Map.of("threads", 1));
    assertThatThrownBy(() -> m.sample(new float[3], 5, 1)).hasMessageContaining("cvae")
        .hasMessageContaining("3 values");
    float[] y = GaussianMixture8.oneHot(1);
    y[2] = Float.NaN;
    assertThatThrownBy(() -> m.sample(y, 5, 1)).hasMessageContaining("observation value 2");
  }
}
