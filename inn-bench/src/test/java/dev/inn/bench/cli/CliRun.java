package dev.inn.bench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in-process, with its exit code and what it printed (for the CLI tests). */
record CliRun(int code, String out, String err) {

  /** Runs {@code inn args...} and captures standard output and error. */
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
