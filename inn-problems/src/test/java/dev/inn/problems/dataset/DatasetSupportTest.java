package dev.inn.problems.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Support;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `support` setting: a data set's declared prior bounds, checked against its rows. */
class DatasetSupportTest {

  private final DatasetProblemProvider provider = new DatasetProblemProvider();

  private Problem create(Path dir, Map<String, Object> support) throws Exception {
    Path csv = dir.resolve("d.csv");
    StringBuilder b = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 20; i++) {
      b.append(i / 20.0 + 0.01).append(',').append(i - 10).append(',').append(i * 0.5).append('\n');
    }
    Files.writeString(csv, b);
    return provider.create(provider.settings(Map.of("path", csv.toString(), "y_columns", List.of("y"),
        "support", support)));
  }

  @Test
  void declaredBoundsBecomeTheSupportAndUnnamedParametersStayUnbounded(@TempDir Path dir) throws Exception {
    assertThat(create(dir, Map.of()).support()).isEmpty();
    Support s = create(dir, Map.of("a", List.of(0, 1))).support().orElseThrow();
    assertThat(s.lower()).containsExactly(0, Double.NEGATIVE_INFINITY);
    assertThat(s.upper()).containsExactly(1, Double.POSITIVE_INFINITY);
    Support half = create(dir, Map.of("b", "-10:inf")).support().orElseThrow();
    assertThat(half.lower()[1]).isEqualTo(-10.0);
    assertThat(half.upper()[1]).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void boundsThatCutOffRowsOrNameNoParameterAreRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> create(dir, Map.of("b", List.of(0, 100))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("row 1 has b = -10.0")
        .hasMessageContaining("outside the declared support");
    assertThatThrownBy(() -> create(dir, Map.of("omega", List.of(0, 1))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'omega', which is not a parameter column");
    assertThatThrownBy(() -> create(dir, Map.of("a", List.of(1, 0))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("lower bound must be below");
    assertThatThrownBy(() -> create(dir, Map.of("a", List.of(0))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("must be [lower, upper]");
    assertThatThrownBy(() -> create(dir, Map.of("a", "0:wide")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("must be a number");
  }
}
