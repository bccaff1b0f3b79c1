package dev.inn.bench.cli;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.store.SimulationStore;
import dev.inn.problems.store.StorePlan;
import dev.inn.problems.store.StoreWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inn simulate}: fills a resumable simulation store. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Simulate (x, y) pairs of a problem into a simulation store: NPY chunks and a manifest.",
        "Run it again after an interruption: finished chunks are kept. The same --seed gives the same bytes "
            + "whatever --workers."})
public final class SimulateCommand extends PluginCommand {

  @Inject
  SimulateCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Parameters(index = "0", paramLabel = "PROBLEM", description = "problem name (see 'inn list')")
  String problem;

  @Option(names = {"-p", "--problem-setting"}, paramLabel = "KEY=VALUE", description = "a problem setting")
  List<String> problemSettings = new ArrayList<>();

  /** The older spelling {@code --n N}, still read; it is a group so that exactly one of the two is given. */
  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Pairs pairs;

  static final class Pairs {
    @Option(names = "--pairs", paramLabel = "N", required = true, description = "(x, y) pairs to simulate")
    long n;

    @Option(names = "--n", hidden = true, required = true)
    long oldN;
  }

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "the store's folder")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "base seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--chunk", defaultValue = "1000", description = "pairs per chunk file (default: ${DEFAULT-VALUE})")
  int chunk;

  @Option(names = "--workers", defaultValue = "0",
      description = "chunks simulated at once, each on one thread; an external simulator gets as many processes "
          + "(default 0: one per core)")
  int workers;

  private long pairs() {
    return pairs.n != 0 ? pairs.n : pairs.oldN;
  }

  @Override
  public Integer call() {
    int w = workers <= 0 ? Runtime.getRuntime().availableProcessors() : workers;
    ProblemProvider pp = plugins.find(ProblemProvider.class, problem);
    Map<String, Object> overrides = SettingArguments.parse(problemSettings, "--problem-setting");
    applyWorkers(pp, overrides, w);
    Settings ps = PluginRegistry.checkedSettings(pp, "problem", overrides);
    Problem p = pp.create(ps);
    try {
      StorePlan plan = StorePlan.of(problem, p, ps, seed, pairs(), chunk);
      SimulationStore store = SimulationStore.open(out, plan);
      StoreWriter.Result r = StoreWriter.fill(store, p, w, spec.commandLine().getErr());
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "simulation store %s complete: %d pairs of %s in %d chunks (%d simulated now, %d kept), %s; %.1f s",
          out.toAbsolutePath(), pairs(), problem, plan.chunks(), r.chunksWritten(), r.chunksPresent(),
          r.invalid().summary(), r.seconds()));
      return 0;
    } finally {
      if (p instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // the processes end with the JVM anyway
        }
      }
    }
  }

  /**
   * Parallelism lives in the store (one chunk per worker): a problem's own pool, unless set
   * explicitly, gets one thread per chunk, or as many processes as workers.
   */
  public static void applyWorkers(Plugin provider, Map<String, Object> overrides, int workers) {
    Map<String, Object> d = provider.defaults();
    if (d.containsKey("workers") && !overrides.containsKey("workers")) {
      overrides.put("workers", workers);
    }
    if (d.containsKey("threads") && !overrides.containsKey("threads")) {
      overrides.put("threads", 1);
    }
  }
}
