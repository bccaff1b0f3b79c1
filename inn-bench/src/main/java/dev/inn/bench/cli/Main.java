package dev.inn.bench.cli;

import com.google.inject.Injector;
import dev.inn.core.inject.Application;
import dev.inn.api.plugin.Plugin;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.plugin.PluginRef;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.function.Supplier;
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
    subcommands = {RunCommand.class, TrainCommand.class, InferCommand.class, SampleCommand.class, ListCommand.class, SpeedCommand.class,
        C2stCommand.class, AnalyzeCommand.class, DiagnoseCommand.class, SimulateCommand.class, LogProbCommand.class,
        PlotCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(exitCode(execute(args, out, err), out, err));
  }

  /**
   * The process's exit code after a command that returned {@code code}: a failed write to
   * standard output (a full disk, a closed pipe) turns success into an error, said on {@code err}.
   */
  public static int exitCode(int code, PrintWriter out, PrintWriter err) {
    if (out.checkError() && code == 0) {
      err.println("error: could not write all output to standard output (full, or closed by the reader)");
      err.flush();
      return 1;
    }
    return code;
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    // the injector (plugin scan, plugin jars) is built when a command first needs it: help and
    // argument errors answer without it
    Path folder = pluginFolder(args);
    Supplier<Injector> injector = new Supplier<>() {
      private Injector built;

      @Override
      public synchronized Injector get() {
        if (built == null) {
          built = Application.withPluginFolder(folder);
        }
        return built;
      }
    };
    CommandLine cli = new CommandLine(Main.class, new InjectingFactory(injector));
    // help texts name every shipped suite from the one list of them
    System.setProperty("inn.shipped-suites", String.join(", ", dev.inn.bench.suite.SuiteParser.SHIPPED));
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
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      // a size beyond the heap that no check foresaw: one line, not a stack trace
      err.println("error: out of memory (" + e.getMessage() + "); lower the sizes asked for (e.g. hidden, -n), or"
          + " give Java more memory (INN_JAVA_OPTS=-Xmx8g)");
      code = 1;
    }
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

  /**
   * The plugins folder, read before the command line is parsed because the injector that
   * builds the commands must already see its jars: {@code --plugins DIR} (or
   * {@code --plugins=DIR}) anywhere in the arguments, else {@code $INN_HOME/plugins}.
   */
  static Path pluginFolder(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--plugins") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--plugins=")) {
        return Path.of(args[i].substring("--plugins=".length()));
      }
    }
    String home = System.getProperty("inn.home");
    return home == null ? Path.of("plugins") : Path.of(home, "plugins");
  }

  /**
   * Creates the commands (and the harness they use) through the application's injector. A
   * command whose injected constructor asks for the {@link PluginLookup} alone gets a lookup
   * that builds the injector on its first call, so that picocli, which creates every command
   * up front, does not scan plugins for a help text.
   */
  private static final class InjectingFactory implements CommandLine.IFactory {
    private final Supplier<Injector> injector;
    private final PluginLookup lazyLookup;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    InjectingFactory(Supplier<Injector> injector) {
      this.injector = injector;
      this.lazyLookup = new PluginLookup() {
        @Override
        public <P extends Plugin> Map<String, P> all(Class<P> kind) {
          return lookup().all(kind);
        }

        @Override
        public <P extends Plugin> P find(Class<P> kind, String name) {
          return lookup().find(kind, name);
        }

        @Override
        public <P extends Plugin> PluginRef<P> reference(Class<P> kind, Object value, String where) {
          return lookup().reference(kind, value, where);
        }

        private PluginLookup lookup() {
          return injector.get().getInstance(PluginLookup.class);
        }
      };
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      // picocli also asks for its own helpers (converters, help commands): those it makes itself
      if (!type.getName().startsWith("dev.inn.")) {
        return fallback.create(type);
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (c.isAnnotationPresent(jakarta.inject.Inject.class) && c.getParameterCount() == 1
            && c.getParameterTypes()[0] == PluginLookup.class) {
          c.setAccessible(true);
          return type.cast(c.newInstance(lazyLookup));
        }
      }
      boolean injected = java.util.Arrays.stream(type.getDeclaredConstructors())
          .anyMatch(c -> c.isAnnotationPresent(jakarta.inject.Inject.class)
              || c.isAnnotationPresent(com.google.inject.Inject.class));
      return injected ? injector.get().getInstance(type) : fallback.create(type);
    }
  }

  /** Options every command shares. */
  static final class Common {
    @CommandLine.Option(names = "--verbose", description = "show stack traces of errors")
    boolean verbose;

    /** Read by {@link #pluginFolder} before parsing; declared here for the help and the parser. */
    @CommandLine.Option(names = "--plugins", paramLabel = "DIR",
        description = "folder of plugin jars (default: $INN_HOME/plugins)")
    Path plugins;
  }
}
