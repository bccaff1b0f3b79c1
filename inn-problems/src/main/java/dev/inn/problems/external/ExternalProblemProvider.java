package dev.inn.problems.external;

import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers {@code external}: a simulator run as an outside command.
 *
 * <ul>
 *   <li>{@code command}: a shell command line (run as {@code sh -c 'exec COMMAND'}), e.g.
 *       {@code "python3 examples/simulators/python/simulator.py"}; {@code directory} its working
 *       directory (default: the current one).
 *   <li>{@code prior}: one declaration per parameter, e.g. {@code ["a ~ uniform(0, 1)",
 *       "b ~ lognormal(0, 0.5)"]} (uniform, normal, lognormal, truncnormal).
 *   <li>{@code observations}: the names of y's columns, or {@code outputs}: their number (named y0, y1, ...).
 *   <li>{@code observation}: {@code "vector"} (default), or {@code "set"} / {@code "sequence"}
 *       when each reply row is a set or sequence of elements whose values {@code observations}
 *       names (at most {@code max_length} elements; the reply layout is in the docs).
 *   <li>{@code framing}: {@code "npy"} (default) or {@code "text"}; {@code workers} (0 = one per
 *       core), {@code batch} rows per request, {@code timeout} seconds per batch,
 *       {@code max_invalid_fraction}.
 * </ul>
 */
public final class ExternalProblemProvider implements ProblemProvider {

  @Override
  public String name() {
    return ExternalProblem.NAME;
  }

  @Override
  public String description() {
    return "a simulator in any language, run as worker processes (batches of x in, y out; docs/external-simulators.md)";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("command", "");
    d.put("directory", "");
    d.put("prior", List.of());
    d.put("observations", List.of());
    d.put("outputs", 0);
    d.put("framing", "npy");
    d.put("workers", 0);
    d.put("batch", 100);
    d.put("timeout", 60.0);
    d.put("max_invalid_fraction", 0.2);
    d.put("observation", "vector");
    d.put("max_length", 100_000);
    return d;
  }

  /**
   * Checks every setting by making the problem, which starts no simulator (its workers start
   * on the first simulation), so the checks live in one place.
   */
  @Override
  public void validate(Settings settings) {
    create(settings);
  }

  @Override
  public Problem create(Settings settings) {
    String owner = "problem '" + name() + "'";
    Settings s = settings;
    String command = s.getString("command").strip();
    if (command.isEmpty()) {
      throw new ConfigurationException("setting 'command' of " + owner + " is required, e.g. command = \"python3 sim.py\"");
    }
    DeclaredPrior prior = DeclaredPrior.parse(s.getStrings("prior"), "setting 'prior' of " + owner);
    List<String> observations = new ArrayList<>(s.getStrings("observations"));
    int outputs = s.getInt("outputs");
    if (observations.isEmpty()) {
      if (outputs < 1) {
        throw new ConfigurationException(owner + ": name the simulator's outputs with 'observations' (a list of "
            + "names) or give their number with 'outputs'");
      }
      for (int i = 0; i < outputs; i++) {
        observations.add("y" + i);
      }
    } else if (outputs != 0 && outputs != observations.size()) {
      throw new ConfigurationException(owner + ": 'outputs' is " + outputs + " but 'observations' names "
          + observations.size());
    }
    if (observations.stream().distinct().count() != observations.size()) {
      throw new ConfigurationException(owner + ": 'observations' names a column twice: " + observations);
    }
    Framing framing;
    try {
      framing = Framing.parse(s.getString("framing"));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("setting 'framing' of " + owner + ": " + e.getMessage());
    }
    int workers = s.getInt("workers");
    if (workers < 0) {
      throw new ConfigurationException("setting 'workers' of " + owner + " must be >= 0 (0: one per core), got " + workers);
    }
    if (workers == 0) {
      workers = Runtime.getRuntime().availableProcessors();
    }
    int batch = s.getInt("batch");
    if (batch < 1) {
      throw new ConfigurationException("setting 'batch' of " + owner + " must be >= 1, got " + batch);
    }
    double timeout = s.getDouble("timeout");
    if (!(timeout > 0)) {
      throw new ConfigurationException("setting 'timeout' of " + owner + " must be a positive number of seconds, got "
          + timeout);
    }
    double maxInvalid = s.getDouble("max_invalid_fraction");
    if (!(maxInvalid >= 0 && maxInvalid < 1)) {
      throw new ConfigurationException("setting 'max_invalid_fraction' of " + owner + " must be in [0, 1), got "
          + maxInvalid);
    }
    String dir = s.getString("directory");
    File directory = null;
    if (!dir.isBlank()) {
      directory = new File(dir);
      if (!directory.isDirectory()) {
        throw new ConfigurationException("setting 'directory' of " + owner + ": " + directory.getAbsolutePath()
            + " is not a directory");
      }
    }
    String kind = s.getString("observation");
    ObservationShape shape = switch (kind) {
      case "vector" -> new ObservationShape.Vector(observations.size());
      case "set" -> new ObservationShape.Set(observations.size());
      case "sequence" -> new ObservationShape.Sequence(observations.size());
      default -> throw new ConfigurationException("setting 'observation' of " + owner + " must be \"vector\","
          + " \"set\" or \"sequence\", got \"" + kind + "\"");
    };
    int maxLength = s.getInt("max_length");
    if (maxLength < 1) {
      throw new ConfigurationException("setting 'max_length' of " + owner + " must be at least 1, got " + maxLength);
    }
    return new ExternalProblem(List.of("/bin/sh", "-c", "exec " + command), directory, framing, prior, observations,
        shape, maxLength, workers, batch, timeout, maxInvalid);
  }
}
