package dev.inn.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.problem.ProblemProvider;
import dev.inn.core.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

class ProblemRegistrationTest {

  @Test
  void everyProblemIsFoundByName() {
    var problems = PluginRegistry.fromClassPath().all(ProblemProvider.class);
    assertThat(problems).containsKeys("gaussian-mixture-8", "inverse-kinematics", "ballistics", "dataset",
        "medical-colon");
  }
}
