package dev.inn.problems.medical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Molar extinction coefficients of oxy- and deoxy-hemoglobin (Prahl's tabulation, cm^-1/M),
 * linearly interpolated between the tabulated wavelengths.
 */
public final class HemoglobinSpectrum {

  private static final String RESOURCE = "hemoglobin_extinction.csv";
  private static volatile HemoglobinSpectrum bundled;

  private final double[] wavelength;
  private final double[] oxy;
  private final double[] deoxy;

  private HemoglobinSpectrum(double[] wavelength, double[] oxy, double[] deoxy) {
    this.wavelength = wavelength;
    this.oxy = oxy;
    this.deoxy = deoxy;
  }

  /** The table shipped with this module. */
  public static HemoglobinSpectrum bundled() {
    HemoglobinSpectrum s = bundled;
    if (s == null) {
      try (InputStream in = HemoglobinSpectrum.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE + " next to " + HemoglobinSpectrum.class);
        }
        s = parse(in, RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      bundled = s;
    }
    return s;
  }

  /**
   * Reads a CSV with a header {@code wavelength_nm,eps_HbO2,eps_Hb}, lines starting with
   * {@code #} ignored, wavelengths strictly increasing.
   */
  public static HemoglobinSpectrum parse(InputStream in, String source) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<double[]> rows = new ArrayList<>();
    String line;
    int lineNo = 0;
    boolean header = false;
    while ((line = r.readLine()) != null) {
      lineNo++;
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!line.replace(" ", "").equalsIgnoreCase("wavelength_nm,eps_HbO2,eps_Hb")) {
          throw new IllegalArgumentException(source + " line " + lineNo
              + ": expected header 'wavelength_nm,eps_HbO2,eps_Hb', got '" + line + "'");
        }
        header = true;
        continue;
      }
      String[] f = line.split(",");
      if (f.length != 3) {
        throw new IllegalArgumentException(source + " line " + lineNo + ": expected 3 columns, got " + f.length);
      }
      double[] row = new double[3];
      for (int c = 0; c < 3; c++) {
        try {
          row[c] = Double.parseDouble(f[c].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(source + " line " + lineNo + " column " + (c + 1) + ": not a number '"
              + f[c] + "'");
        }
      }
      if (!rows.isEmpty() && row[0] <= rows.get(rows.size() - 1)[0]) {
        throw new IllegalArgumentException(source + " line " + lineNo + ": wavelengths must increase");
      }
      rows.add(row);
    }
    if (rows.size() < 2) {
      throw new IllegalArgumentException(source + ": needs at least two wavelengths");
    }
    double[] w = new double[rows.size()];
    double[] o = new double[rows.size()];
    double[] d = new double[rows.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = rows.get(i)[0];
      o[i] = rows.get(i)[1];
      d[i] = rows.get(i)[2];
    }
    return new HemoglobinSpectrum(w, o, d);
  }

  /** eps_HbO2 at {@code nm}, cm^-1/M. */
  public double oxy(double nm) {
    return interpolate(oxy, nm);
  }

  /** eps_Hb at {@code nm}, cm^-1/M. */
  public double deoxy(double nm) {
    return interpolate(deoxy, nm);
  }

  private double interpolate(double[] values, double nm) {
    int n = wavelength.length;
    if (!(nm >= wavelength[0] && nm <= wavelength[n - 1])) {
      throw new IllegalArgumentException("wavelength " + nm + " nm outside the hemoglobin table ("
          + wavelength[0] + " to " + wavelength[n - 1] + " nm)");
    }
    int lo = 0;
    int hi = n - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (wavelength[mid] <= nm) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double t = (nm - wavelength[lo]) / (wavelength[hi] - wavelength[lo]);
    return values[lo] + t * (values[hi] - values[lo]);
  }
}
