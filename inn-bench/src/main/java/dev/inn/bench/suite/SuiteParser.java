package dev.inn.bench.suite;

import com.moandjiezana.toml.Toml;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.metric.Metric;
import dev.inn.api.plugin.Plugin;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.bench.sequential.SequentialConfig;
import dev.inn.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a suite from TOML and checks all of it (keys, types, plugin names, plugin settings)
 * before anything is trained. Errors name the file, the key and, where it can be found, the
 * line.
 */
public final class SuiteParser {

  /** Where shipped suites live on the class path. */
  public static final String RESOURCE_FOLDER = "dev/inn/bench/suites/";

  /** Shipped suites, by name. */
  public static final List<String> SHIPPED =
      List.of("quickstart", "paper-8modes", "paper-kinematics", "paper-medical", "ballistics", "sbibm", "sbibm-quick",
          "sbibm-sequential", "raw-sets", "raw-series", "raw-curves", "raw-misspecification");

  private static final List<String> DEFAULT_METRICS =
      List.of("posterior-resim", "map-rmse", "map-resim", "calibration", "posterior-mmd");

  private final PluginLookup registry;

  public SuiteParser(PluginLookup registry) {
    this.registry = registry;
  }

  /** A suite from a file path, or the name of a shipped suite (e.g. {@code quickstart}). */
  public Suite load(String pathOrName) {
    Path path = Path.of(pathOrName);
    if (Files.isRegularFile(path)) {
      try {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
      } catch (IOException e) {
        throw new ConfigurationException("cannot read suite " + path + ": " + e.getMessage());
      }
    }
    String resource = RESOURCE_FOLDER + pathOrName.replaceAll("\\.toml$", "") + ".toml";
    try (InputStream in = SuiteParser.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigurationException("no suite file '" + pathOrName + "' and no shipped suite of that name; shipped: "
            + String.join(", ", SHIPPED));
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), pathOrName.replaceAll("\\.toml$", "") + ".toml");
    } catch (IOException e) {
      throw new ConfigurationException("cannot read shipped suite " + resource + ": " + e.getMessage());
    }
  }

  /** Parses TOML text; {@code source} names it in error messages. */
  public Suite parse(String text, String source) {
    Map<String, Object> map;
    try {
      map = new Toml().read(text).toMap();
    } catch (RuntimeException e) {
      // toml4j's message names the line, e.g. "Invalid key on line 3: ..."
      throw new SuiteException(source, 0, "malformed TOML: " + e.getMessage());
    }
    SourceLocator locator = new SourceLocator(text);
    TomlTable top = new TomlTable(map, "", source, locator);

    String name = top.string("name", null);
    String description = top.string("description", "");
    List<Long> seeds = top.integers("seeds", List.of(1L));
    int trainSize = (int) top.integer("train_size", 10_000, 2);
    int testSize = (int) top.integer("test_size", 500, 2);
    int samples = (int) top.integer("samples", 4096, 2);
    long testSeed = top.integer("test_seed", 20190101, Long.MIN_VALUE);
    int bootstrap = (int) top.integer("bootstrap", 200, 0);

    List<ProblemEntry> problems = new ArrayList<>();
    Set<String> problemLabels = new HashSet<>();
    for (TomlTable t : top.tables("problems")) {
      String plugin = t.string("name", null);
      ProblemProvider provider = plugin(t, "name", ProblemProvider.class, plugin);
      String label = t.string("label", plugin);
      if (!problemLabels.add(label)) {
        throw t.error("label", "two problems are labelled '" + label + "'; give each a distinct label");
      }
      Settings settings = settings(t.table("settings"), provider, "problem");
      Optional<float[]> observation = Optional.ofNullable(t.numbers("observation"));
      int ownTrain = (int) t.integer("train_size", trainSize, 2);
      String store = t.string("store", "");
      t.rejectUnknown();
      problems.add(new ProblemEntry(label, plugin, settings, observation, ownTrain,
          store.isBlank() ? Optional.empty() : Optional.of(java.nio.file.Path.of(store))));
    }
    if (problems.isEmpty()) {
      throw top.error("", "the suite has no [[problems]]");
    }

    List<MethodEntry> methods = new ArrayList<>();
    Set<String> methodLabels = new HashSet<>();
    for (TomlTable t : top.tables("methods")) {
      String plugin = t.string("name", null);
      MethodProvider provider = plugin(t, "name", MethodProvider.class, plugin);
      String label = t.string("label", plugin);
      List<String> only = t.strings("problems", List.of());
      for (String p : only) {
        if (!problemLabels.contains(p)) {
          throw t.error("problems", "method '" + label + "' names problem '" + p + "', which is not in the suite; problems: "
              + problemLabels);
        }
      }
      // a label may repeat for different problems (e.g. "INN" with per-problem settings), not within one
      for (String p : only.isEmpty() ? problemLabels : only) {
        if (!methodLabels.add(p + "\u0000" + label)) {
          throw t.error("label", "two methods are labelled '" + label + "' on problem '" + p
              + "'; give each a distinct label");
        }
      }
      Settings settings = settings(t.table("settings"), provider, "method");
      Optional<SequentialOptions> sequential = sequential(t);
      if (sequential.isPresent()) {
        for (ProblemEntry p : problems) {
          long least = (long) sequential.get().rounds() * SequentialConfig.MIN_ROUND;
          if ((only.isEmpty() || only.contains(p.label())) && p.trainSize() < least) {
            throw t.error("sequential", "method '" + label + "' runs " + sequential.get().rounds() + " rounds of at"
                + " least " + SequentialConfig.MIN_ROUND + " simulations per observation, but problem '" + p.label()
                + "' has train_size " + p.trainSize() + " (the budget per observation); raise it to " + least
                + " or lower the rounds");
          }
        }
      }
      t.rejectUnknown();
      methods.add(new MethodEntry(label, plugin, settings, only, sequential));
    }
    if (methods.isEmpty()) {
      throw top.error("", "the suite has no [[methods]]");
    }

    List<String> metricNames = top.strings("metrics", DEFAULT_METRICS);
    TomlTable metricSettings = top.table("metric_settings");
    List<MetricEntry> metrics = new ArrayList<>();
    for (String m : metricNames) {
      Metric metric = plugin(top, "metrics", Metric.class, m);
      metrics.add(new MetricEntry(m, settings(metricSettings.table(m), metric, "metric")));
    }
    metricSettings.rejectUnknown();

    TomlTable ref = top.table("reference");
    String refMethod = ref.string("method", "abc");
    Settings refSettings = Settings.empty();
    if (ref.has("settings") || registry.all(MethodProvider.class).containsKey(refMethod) || ref.has("method")) {
      MethodProvider provider = plugin(ref, "method", MethodProvider.class, refMethod);
      refSettings = settings(ref.table("settings"), provider, "method");
    }
    String refSource = ref.string("source", "method");
    if (!refSource.equals("method") && !refSource.equals("published")) {
      throw ref.error("source", "reference source must be \"method\" (ground truth sampled by the reference method or"
          + " the exact posterior) or \"published\" (the problem's published observations and reference posteriors),"
          + " got \"" + refSource + "\"");
    }
    ReferenceOptions reference = new ReferenceOptions(refMethod, refSettings,
        (int) ref.integer("observations", 100, 0), (int) ref.integer("samples", 1000, 2), refSource.equals("published"));
    ref.rejectUnknown();

    TomlTable fig = top.table("figures");
    FigureOptions figures = new FigureOptions(fig.bool("enabled", true), (int) fig.integer("samples", 2000, 2),
        (int) fig.integer("poses", 150, 1), (int) fig.integer("latent_grid", 120, 4));
    fig.rejectUnknown();
    top.rejectUnknown();
    return new Suite(name, description, seeds, trainSize, testSize, samples, testSeed, bootstrap, problems, methods,
        metrics, reference, figures, source);
  }

  /**
   * {@code sequential = { rounds = 5, quantile = 1e-4, all_pairs = false }}: the method runs once per
   * test observation.
   */
  private static Optional<SequentialOptions> sequential(TomlTable method) {
    if (!method.has("sequential")) {
      return Optional.empty();
    }
    TomlTable t = method.table("sequential");
    int rounds = (int) t.integer("rounds", SequentialConfig.DEFAULT_ROUNDS, 1);
    double quantile = t.number("quantile", SequentialConfig.DEFAULT_QUANTILE);
    if (!(quantile > 0 && quantile < 0.5)) {
      throw t.error("quantile", "key 'quantile' in " + t.display() + " must be in (0, 0.5), got " + quantile);
    }
    boolean allPairs = t.bool("all_pairs", false);
    t.rejectUnknown();
    return Optional.of(new SequentialOptions(rounds, quantile, allPairs));
  }

  private <P extends Plugin> P plugin(TomlTable table, String key, Class<P> kind, String name) {
    try {
      return registry.find(kind, name);
    } catch (ConfigurationException e) {
      throw table.error(key, e.getMessage());
    }
  }

  /** Resolves one key at a time so an error can point at the offending key's line. */
  private Settings settings(TomlTable table, Plugin plugin, String kind) {
    Map<String, Object> overrides = table.entries();
    for (Map.Entry<String, Object> e : overrides.entrySet()) {
      try {
        PluginRegistry.settingsFor(plugin, kind, Map.of(e.getKey(), e.getValue()));
      } catch (ConfigurationException ex) {
        throw table.error(e.getKey(), ex.getMessage());
      }
    }
    Settings settings = PluginRegistry.settingsFor(plugin, kind, overrides);
    // the plugin's own checks: ranges, and the plugins it refers to with their settings
    try {
      plugin.validate(settings);
    } catch (IllegalArgumentException ex) {
      String key = ex instanceof ConfigurationException c ? c.key().orElse("") : "";
      throw table.error(key, kind + " '" + plugin.name() + "': " + ex.getMessage());
    }
    return settings;
  }
}
