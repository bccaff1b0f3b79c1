package dev.inn.bench.cli;

import dev.inn.core.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code inn} command line: run benchmark suites, train and sample single models, list
 * plugins, measure speed. Errors print one line (the trace with {@code --verbose}) and exit
 * non-zero.
 */
@Command(name = "inn", mixinStandardHelpOptions = true, version = "inn 0.1.0-SNAPSHOT",
    description = "Bayesian inverse problems with invertible neural networks (Ardizzone et al. 2019).",
    subcommands = {RunCommand.class, TrainCommand.class, SampleCommand.class, ListCommand.class, SpeedCommand.class,
        C2stCommand.class, SimulateCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = execute(args, out, err);
    System.exit(out.checkError() && code == 0 ? 1 : code);
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean verbose = parseResult.hasMatchedOption("--verbose")
          || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
      if (verbose) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().println("error: " + message(e));
      return 1;
    });
    int code = cli.execute(args);
    // print() does not flush an auto-flushing writer: without this the tail of a CSV on stdout is lost
    out.flush();
    err.flush();
    return code;
  }

  /** The most useful one-line message of an exception chain. */
  static String message(Throwable e) {
    Throwable t = e;
    while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every command shares. */
  static final class Common {
    @CommandLine.Option(names = "--verbose", description = "show stack traces of errors")
    boolean verbose;

    @CommandLine.Option(names = "--plugins", paramLabel = "DIR",
        description = "folder of plugin jars (default: $INN_HOME/plugins)")
    Path plugins;

    /** The plugin registry over the class path and the plugins folder. */
    PluginRegistry registry() {
      Path folder = plugins;
      if (folder == null) {
        String home = System.getProperty("inn.home");
        folder = home == null ? Path.of("plugins") : Path.of(home, "plugins");
      }
      PluginRegistry registry = PluginRegistry.withPluginFolder(folder);
      // plugins that look up other plugins (the INN finds its blocks) must see the same jars
      Thread.currentThread().setContextClassLoader(registry.classLoader());
      return registry;
    }
  }
}
