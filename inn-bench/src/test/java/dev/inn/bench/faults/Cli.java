package dev.inn.bench.faults;

import dev.inn.bench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in this JVM and captures its exit code and both streams. */
final class Cli {

  record Result(int code, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** A tiny suite on the test plugins: two methods (an exact and an overconfident fit), one seed. */
  static final String SUITE = """
      name = "faults"
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
}
