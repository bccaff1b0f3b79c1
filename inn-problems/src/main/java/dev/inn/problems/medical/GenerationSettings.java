package dev.inn.problems.medical;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Everything that determines the numbers of a generated colon data set; stored beside the
 * data as {@code generator.properties} so a resumed run never mixes chunks of different
 * settings.
 *
 * @param seed base seed: sample i draws x, photons and noise from seeds derived from (seed, i)
 * @param trainCount training rows
 * @param testCount test rows, spread evenly among the training rows (see {@link #isTest})
 * @param chunkSize rows per chunk file
 * @param budget photon budget per (sample, band)
 * @param snr camera signal-to-noise ratio of the multiplicative noise
 */
public record GenerationSettings(long seed, int trainCount, int testCount, int chunkSize, PhotonBudget budget,
    double snr) {

  /** Format and model version; bump when the tissue model, camera or row layout changes. */
  public static final String VERSION = "colon-v1";
  /** Columns of a row: x (13), noiseless band reflectance (8), noisy normalised y (8), photons. */
  public static final int COLUMNS = ColonModel.PARAMETERS + 2 * 8 + 1;

  public GenerationSettings {
    if (trainCount < 0 || testCount < 0 || trainCount + (long) testCount == 0) {
      throw new IllegalArgumentException("need a positive number of rows, got train " + trainCount + ", test " + testCount);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
    }
    if (!(snr > 0)) {
      throw new IllegalArgumentException("SNR must be positive, got " + snr);
    }
  }

  public int total() {
    return trainCount + testCount;
  }

  public int chunkCount() {
    return (total() + chunkSize - 1) / chunkSize;
  }

  /** Row i belongs to the test set when the running test quota ticks at i (even spread). */
  public boolean isTest(int row) {
    long t = total();
    return (row + 1L) * testCount / t > row * (long) testCount / t;
  }

  /** The header written beside the data. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("version", VERSION);
    m.put("seed", Long.toString(seed));
    m.put("train", Integer.toString(trainCount));
    m.put("test", Integer.toString(testCount));
    m.put("chunk_size", Integer.toString(chunkSize));
    m.put("target_relative_error", fmt(budget.targetRelativeError()));
    m.put("min_photons", Long.toString(budget.minPhotons()));
    m.put("max_photons", Long.toString(budget.maxPhotons()));
    m.put("wavelengths_per_band", Integer.toString(budget.wavelengthsPerBand()));
    m.put("snr", fmt(snr));
    m.put("columns", Integer.toString(COLUMNS));
    m.put("layout", "float32 little-endian rows: " + String.join(" ", ColonModel.parameterNames())
        + " R_470..R_700 (noiseless band reflectance) y_470..y_700 (noisy, normalised) photons");
    return m;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  /** Reads a header; {@code source} names the file in errors. */
  public static GenerationSettings fromProperties(Properties p, String source) {
    String version = p.getProperty("version");
    if (!VERSION.equals(version)) {
      throw new IllegalArgumentException(source + ": data set version '" + version + "', this code reads '" + VERSION + "'");
    }
    if (!Integer.toString(COLUMNS).equals(p.getProperty("columns"))) {
      throw new IllegalArgumentException(source + ": " + p.getProperty("columns") + " columns, expected " + COLUMNS);
    }
    try {
      PhotonBudget budget = new PhotonBudget(num(p, "target_relative_error", source),
          (long) num(p, "min_photons", source), (long) num(p, "max_photons", source),
          (int) num(p, "wavelengths_per_band", source));
      return new GenerationSettings(seed(p, source), (int) num(p, "train", source),
          (int) num(p, "test", source), (int) num(p, "chunk_size", source), budget, num(p, "snr", source));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static long seed(Properties p, String source) {
    String v = p.getProperty("seed");
    if (v == null) {
      throw new IllegalArgumentException(source + ": missing key 'seed'");
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": key 'seed' is not a whole number: '" + v + "'");
    }
  }

  private static double num(Properties p, String key, String source) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException(source + ": missing key '" + key + "'");
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": key '" + key + "' is not a number: '" + v + "'");
    }
  }
}
