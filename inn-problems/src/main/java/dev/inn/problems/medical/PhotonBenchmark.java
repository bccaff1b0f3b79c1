package dev.inn.problems.medical;

import dev.inn.problems.medical.montecarlo.MonteCarloSimulator;
import dev.inn.problems.medical.montecarlo.TransportResult;
import java.util.Locale;

/**
 * Photons per second of the Monte Carlo transport on one representative colon sample (prior
 * means: sO2 0.5, v_hb 0.05, a_mie 18.9 cm^-1, g 0.875, mid thicknesses) at 560 nm, on all
 * cores.
 */
public final class PhotonBenchmark {

  private PhotonBenchmark() {}

  /** The representative sample. */
  public static double[] representativeSample() {
    double[] x = new double[ColonModel.PARAMETERS];
    x[0] = 0.5;
    for (int l = 0; l < ColonModel.LAYERS; l++) {
      x[ColonModel.vHb(l)] = 0.05;
      x[ColonModel.aMie(l)] = ColonModel.A_MIE_MEAN;
      x[ColonModel.anisotropy(l)] = 0.875;
      x[ColonModel.thickness(l)] = 0.5 * (ColonModel.THICKNESS_UM[l][0] + ColonModel.THICKNESS_UM[l][1]);
    }
    return x;
  }

  /** Runs the benchmark (about 2-4 s) and returns one JSON line. */
  public static String runJson() {
    int threads = Runtime.getRuntime().availableProcessors();
    MonteCarloSimulator sim =
        new MonteCarloSimulator(ColonModel.tissue(HemoglobinSpectrum.bundled(), representativeSample(), 560));
    sim.run(200_000, 1); // warm-up: let the JIT compile the photon loop
    long photons = 200_000;
    TransportResult result;
    double seconds;
    while (true) {
      long t0 = System.nanoTime();
      result = sim.run(photons, 2);
      seconds = (System.nanoTime() - t0) * 1e-9;
      if (seconds >= 1.5 || photons >= 100_000_000L) {
        break;
      }
      photons = (long) (photons * Math.min(8, 2.0 / Math.max(seconds, 1e-3)));
    }
    return String.format(Locale.ROOT,
        "{\"benchmark\":\"medical-colon-photons\",\"wavelength_nm\":560,\"threads\":%d,\"photons\":%d,"
            + "\"seconds\":%.3f,\"photons_per_s\":%.0f,\"diffuse_reflectance\":%.5f,\"reflectance_std_error\":%.5f}",
        threads, photons, seconds, photons / seconds, result.diffuseReflectance(), result.diffuseReflectanceError());
  }

  public static void main(String[] args) {
    System.out.println(runJson());
  }
}
