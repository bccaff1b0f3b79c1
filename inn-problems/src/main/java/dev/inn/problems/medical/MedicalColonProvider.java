package dev.inn.problems.medical;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.util.Map;

/**
 * {@code medical-colon}: sO2 and the other colon tissue parameters from 8 camera bands.
 * Settings: {@code data} (folder of a generated data set; empty = the data set bundled in
 * this module's resources), and the re-simulation photon budget {@code photon_target}
 * (relative standard error per band), {@code min_photons}, {@code max_photons},
 * {@code wavelengths_per_band}, {@code threads} (0 = all cores), {@code simulation_seed}.
 */
public final class MedicalColonProvider implements ProblemProvider {

  public static final String NAME = "medical-colon";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "colon tissue parameters (13, sO2 first) from 8 multispectral bands; Monte Carlo data set (paper Sec. 4.2)";
  }

  @Override
  public Map<String, Object> defaults() {
    PhotonBudget b = PhotonBudget.DEFAULT;
    return Map.of("data", "", "photon_target", b.targetRelativeError(), "min_photons", b.minPhotons(),
        "max_photons", b.maxPhotons(), "wavelengths_per_band", b.wavelengthsPerBand(), "threads", 0,
        "simulation_seed", 0L);
  }

  @Override
  public void validate(Settings settings) {
    budget(settings);
    if (settings.getInt("threads") < 0) {
      throw new ConfigurationException("threads", NAME + ": threads must be at least 0 (0: all cores), got "
          + settings.getInt("threads"));
    }
  }

  @Override
  public Problem create(Settings settings) {
    return new MedicalColonProblem(settings.getString("data"), budget(settings), settings.getInt("threads"),
        settings.getLong("simulation_seed"));
  }

  private static PhotonBudget budget(Settings s) {
    try {
      return new PhotonBudget(s.getDouble("photon_target"), s.getLong("min_photons"), s.getLong("max_photons"),
          s.getInt("wavelengths_per_band"));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(NAME + ": " + e.getMessage());
    }
  }
}
