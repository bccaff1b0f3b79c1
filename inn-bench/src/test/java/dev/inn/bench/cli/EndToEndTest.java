package dev.inn.bench.cli;

import static dev.inn.bench.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndToEndTest {

  private static final String SUITE = """
      name = "e2e"
      seeds = [1]
      train_size = 400
      test_size = 40
      samples = 300
      bootstrap = 50
      metrics = ["posterior-resim", "map-rmse", "calibration", "posterior-mmd", "contraction"]

      [reference]
      observations = 10
      samples = 300

      [figures]
      samples = 300

      [[problems]]
      name = "test-linear-gaussian"

      [[methods]]
      name = "test-linear-fit"
      label = "exact"

      [[methods]]
      name = "test-linear-fit"
      label = "overconfident"
      settings = { spread = 0.5 }
      """;

  @Test
  void tinySuiteWritesCompleteReport(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("e2e.toml");
    Files.writeString(suite, SUITE);
    Path out = dir.resolve("report");
    CliRun r = run("run", suite.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("report: " + out.toAbsolutePath().resolve("report.html"));
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    List<String> header = List.of(csv.get(0).split(","));
    assertThat(header).startsWith("problem", "method").contains("resim_mean", "resim_mean_se", "resim_median",
        "calibration_error", "calibration_error_se", "map_rmse", "map_rmse_x0", "posterior_mmd", "contraction_x1");
    assertThat(csv).hasSize(3);
    int cal = header.indexOf("calibration_error");
    double exact = Double.parseDouble(csv.get(1).split(",")[cal]);
    double over = Double.parseDouble(csv.get(2).split(",")[cal]);
    assertThat(exact).isLessThan(0.1);
    assertThat(over).isGreaterThan(exact + 0.05);
    assertThat(out.resolve("report.html")).exists();
    assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,");
    assertThat(out.resolve("test-linear-gaussian/table.md")).exists();
    assertThat(out.resolve("test-linear-gaussian/figures/calibration.png")).exists();
    assertThat(out.resolve("test-linear-gaussian/figures/posterior-scatter.png")).exists();
    assertThat(out.resolve("config.toml")).exists();
    assertThat(Files.readString(out.resolve("config.toml"))).contains("spread = 0.5");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial"));
    }
  }

  /** A suite's problem trains on a simulation store when it names one; test set and metrics stay its own. */
  @Test
  void aSuiteProblemTrainsOnASimulationStore(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("store");
    CliRun sim = run("simulate", "test-linear-gaussian", "--n", "300", "--chunk", "100", "--out", store.toString());
    assertThat(sim.code()).as(sim.err()).isZero();
    String withStore = SUITE.replace("train_size = 400", "train_size = 300").replace(
        "name = \"test-linear-gaussian\"\n", "name = \"test-linear-gaussian\"\nstore = \"" + store + "\"\n");
    assertThat(withStore).contains("store = ");
    Path suite = dir.resolve("stored.toml");
    Files.writeString(suite, withStore);
    CliRun r = run("run", suite.toString(), "--out", dir.resolve("report").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(dir.resolve("report/config.toml"))).contains("store = \"" + store + "\"");
    // the training pairs come from the store: more than it holds is refused, naming it
    Files.writeString(suite, withStore.replace("train_size = 300", "train_size = 301"));
    CliRun tooMany = run("run", suite.toString(), "--out", dir.resolve("report2").toString());
    assertThat(tooMany.code()).isNotZero();
    assertThat(tooMany.err()).contains("holds 300 pairs; 301 training pairs were asked for");
  }

  @Test
  void configurationErrorIsOneLineWithoutTrace(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("bad.toml");
    Files.writeString(suite, SUITE.replace("samples = 300\nbootstrap", "sampels = 300\nbootstrap"));
    CliRun r = run("run", suite.toString(), "--out", dir.resolve("x").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip()).startsWith("error: " + suite + ":5: unknown key 'sampels'");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }

  @Test
  void trainSaveSampleRoundTrip(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.inn");
    CliRun t = run("train", "--problem", "test-linear-gaussian", "-p", "noise=0.5", "--method", "test-linear-fit",
        "--train-size", "2000", "--out", model.toString());
    assertThat(t.code()).as(t.err()).isZero();
    Path samples = dir.resolve("s.csv");
    CliRun s = run("sample", "--model", model.toString(), "-y", "1.5", "-n", "2000", "--out", samples.toString());
    assertThat(s.code()).as(s.err()).isZero();
    List<String> lines = Files.readAllLines(samples);
    assertThat(lines.get(0)).isEqualTo("x0,x1");
    assertThat(lines).hasSize(2001);
    // posterior mean of x0 + x1 given y = 1.5 is 2 * 1.5 / 2.25
    double sum = lines.stream().skip(1).mapToDouble(l -> {
      String[] v = l.split(",");
      return Double.parseDouble(v[0]) + Double.parseDouble(v[1]);
    }).average().orElseThrow();
    assertThat(sum).isBetween(2 * 1.5 / 2.25 - 0.08, 2 * 1.5 / 2.25 + 0.08);
    Path npy = dir.resolve("s.npy");
    assertThat(run("sample", "--model", model.toString(), "-y", "1.5", "-n", "10", "--out", npy.toString()).code())
        .isZero();
    assertThat(Files.size(npy)).isEqualTo(128 + 10 * 2 * 4);
  }

  @Test
  void listShowsEveryKindWithSettings() {
    CliRun r = run("list");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("problems:", "methods:", "metrics:", "calibration", "test-linear-fit",
        "bandwidth = 0.1");
  }

  @Test
  void helpEverywhereAndUnknownCommandFails() {
    for (String cmd : new String[] {"run", "train", "sample", "list", "speed", "c2st"}) {
      CliRun r = run(cmd, "--help");
      assertThat(r.code()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: inn " + cmd);
    }
    assertThat(run("--help").out()).contains("run", "train", "sample", "list", "speed");
    assertThat(run("fly").code()).isNotZero();
  }

  @Test
  void unknownShippedSuiteIsOneClearLine(@TempDir Path dir) {
    CliRun r = run("run", "quikstart", "--out", dir.resolve("x").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip()).isEqualTo("error: no suite file 'quikstart' and no shipped suite of that name; shipped: "
        + String.join(", ", dev.inn.bench.suite.SuiteParser.SHIPPED));

  }

  @Test
  void listExplainsSettings() {
    String out = run("list", "method").out();
    assertThat(out).contains("# epochs without a better validation loss before training stops",
        "# hidden units of each subnet layer; 0 = train flows of 16 and of 64 and mix them");
    assertThat(run("list", "problem").out()).contains("# observation columns: names, \"first:last\" ranges");
  }

  @Test
  void runHelpNamesEveryShippedSuite() throws Exception {
    java.net.URL folder = EndToEndTest.class.getClassLoader().getResource(
        dev.inn.bench.suite.SuiteParser.RESOURCE_FOLDER);
    List<String> shipped;
    try (java.util.stream.Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    }
    assertThat(dev.inn.bench.suite.SuiteParser.SHIPPED).containsExactlyInAnyOrderElementsOf(shipped);
    String help = run("run", "--help").out().replaceAll("\\s+", " ");
    for (String name : shipped) {
      assertThat(help).contains(name);
    }
  }
}
