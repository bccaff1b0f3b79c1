package dev.inn.bench.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.bench.cli.Main;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin project (examples/plugin-example), compiled here against inn-api alone,
 * adds a problem, a coupling block with its own setting and a trainable method; a second jar
 * adds a Guice module and a plugin that uses its binding. Dropped into a plugins folder, they are discovered, wired by the same injector as the
 * built-ins, configured from a suite and trained, with no change to the project.
 */
class ThirdPartyPluginTest {

  @TempDir
  static Path work;

  static Path plugins;

  @BeforeAll
  static void buildJars() throws Exception {
    plugins = work.resolve("plugins");
    PluginJar.build(work.resolve("plugin"), PluginJar.apiClassPath(), ExamplePluginSources.pluginSources(),
        ExamplePluginSources.pluginServices(), plugins.resolve("example-plugins.jar"));
    String withGuice = PluginJar.apiClassPath() + File.pathSeparator
        + PluginJar.locationOf(com.google.inject.Module.class) + File.pathSeparator
        + plugins.resolve("example-plugins.jar");
    PluginJar.build(work.resolve("module"), withGuice, ExamplePluginSources.MODULE_SOURCES,
        ExamplePluginSources.MODULE_SERVICES, plugins.resolve("wide-module.jar"));
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void theSourcesCannotSeeTheCore() {
    assertThat(PluginJar.apiClassPath()).doesNotContain("inn-core").doesNotContain("inn-bench");
    // and the plugin classes are nowhere on the test class path
    assertThatThrownBy(() -> Class.forName("org.example.seam.GaussianFitProvider"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void theExamplePomAsksForTheApiThisBuildMakes() throws Exception {
    // the example is built by its own pom against the installed inn-api: its versions must be this build's
    String parent = Files.readString(ExamplePluginSources.exampleProject().resolve("../../pom.xml").normalize());
    String example = Files.readString(ExamplePluginSources.exampleProject().resolve("pom.xml"));
    String version = between(parent, "<artifactId>inn-parent</artifactId>\n  <version>", "</version>");
    String jakarta = between(parent, "<jakarta-inject.version>", "</jakarta-inject.version>");
    assertThat(between(example, "<artifactId>inn-api</artifactId>\n      <version>", "</version>")).isEqualTo(version);
    assertThat(between(example, "<artifactId>jakarta.inject-api</artifactId>\n      <version>", "</version>"))
        .isEqualTo(jakarta);
    assertThat(example).doesNotContain("inn-core").doesNotContain("guice");
  }

  private static String between(String text, String before, String after) {
    int from = text.indexOf(before);
    assertThat(from).as("'%s' in the pom", before).isNotNegative();
    from += before.length();
    return text.substring(from, text.indexOf(after, from)).strip();
  }

  @Test
  void listedBesideTheBuiltIns() {
    Result r = run("list", "--plugins", plugins.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("plugin-sum", "example-gain-coupling", "example-gaussian-fit", "example-held-out-gaussian", "affine-coupling",
        "cinn");
    // a plugin of the second jar gets the binding of that jar's Guice module and the example's problem plugin
    assertThat(r.out()).containsSubsequence("plugin-sum-wide", "noise = 2.0");
  }

  @Test
  void thePluginMethodTrainsThroughTheEngineAndFindsTheExactPosterior(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("fit.model");
    Result t = run("train", "--plugins", plugins.toString(), "--problem", "plugin-sum", "--method",
        "example-gaussian-fit", "--train-size", "4000", "--seed", "3", "--out", model.toString());
    assertThat(t.code()).as(t.err()).isZero();
    Result s = run("sample", "--plugins", plugins.toString(), "--model", model.toString(), "-y", "1", "-n", "20000",
        "--seed", "4");
    assertThat(s.code()).as(s.err()).isZero();
    List<String> rows = s.out().lines().skip(1).toList();
    assertThat(rows).hasSize(20000);
    double[] sum = new double[2];
    double[] sq = new double[2];
    for (String row : rows) {
      String[] v = row.split(",");
      for (int c = 0; c < 2; c++) {
        double x = Double.parseDouble(v[c]);
        sum[c] += x;
        sq[c] += x * x;
      }
    }
    // the exact posterior of y = x0 + x1 + N(0, 0.25) at y = 1: mean 1 / 2.25 and sd sqrt(1 - 1 / 2.25) per coordinate
    for (int c = 0; c < 2; c++) {
      double mean = sum[c] / rows.size();
      double sd = Math.sqrt(sq[c] / rows.size() - mean * mean);
      assertThat(mean).as("mean of x%d", c).isCloseTo(1 / 2.25, org.assertj.core.data.Offset.offset(0.04));
      assertThat(sd).as("sd of x%d", c).isCloseTo(Math.sqrt(1 - 1 / 2.25), org.assertj.core.data.Offset.offset(0.04));
    }
  }

  private static final String SUITE = """
      name = "plugins"
      seeds = [1]
      train_size = 2000
      test_size = 40
      samples = 300
      bootstrap = 20
      metrics = ["calibration", "map-rmse"]

      [reference]
      observations = 10
      samples = 300

      [figures]
      samples = 300

      [[problems]]
      name = "plugin-sum"
      settings = { noise = 0.5 }

      [[methods]]
      name = "example-gaussian-fit"
      label = "fit"
      settings = { steps = 300 }

      [[methods]]
      name = "example-held-out-gaussian"
      label = "held-out"

      [[methods]]
      name = "inn"
      label = "INN, plugin coupling"
      [methods.settings]
      block = "example-gain-coupling"
      block_settings = { gain = 0.5 }
      blocks = 2
      hidden = 16
      layers = 2
      steps = 60
      batch = 100
      threads = 1
      """;

  @Test
  void aSuiteConfiguresAndTrainsThePluginsBesideTheBuiltIns(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("plugins.toml");
    Files.writeString(suite, SUITE);
    Path out = dir.resolve("report");
    Result r = run("run", suite.toString(), "--plugins", plugins.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv).hasSize(4);
    List<String> header = List.of(csv.get(0).split(","));
    int cal = header.indexOf("calibration_error");
    assertThat(csv.get(1)).startsWith("plugin-sum,fit,");
    assertThat(Double.parseDouble(csv.get(1).split(",")[cal])).isLessThan(0.1);
    // the toolkit method: epochs with early stopping, its spread from the trainer's held-out split
    assertThat(csv.get(2)).startsWith("plugin-sum,held-out,");
    assertThat(Double.parseDouble(csv.get(2).split(",")[cal])).isLessThan(0.1);
    assertThat(csv.get(3)).startsWith("plugin-sum,\"INN, plugin coupling\"");
    assertThat(Files.readString(out.resolve("config.toml"))).contains("gain = 0.5");
    // the plugin problem's own picture of its samples is in the report, as inverse kinematics' arm poses are
    assertThat(out.resolve("plugin-sum/figures/depiction.png")).exists();
    assertThat(Files.readString(out.resolve("report.html"))).contains("Samples as arrows to (x0, x1)");
  }

  @Test
  void thePluginBlocksOwnSettingIsCheckedWhenTheSuiteIsRead(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("bad.toml");
    Files.writeString(suite, SUITE.replace("block_settings = { gain = 0.5 }", "block_settings = { gain = -1.0 }"));
    Result r = run("run", suite.toString(), "--plugins", plugins.toString(), "--out", dir.resolve("x").toString());
    assertThat(r.code()).isNotZero();
    int line = SUITE.lines().toList().indexOf("block_settings = { gain = 0.5 }") + 1;
    assertThat(r.err().strip()).startsWith("error: " + suite + ":" + line + ": method 'inn'")
        .contains("gain must be positive");
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }
}
