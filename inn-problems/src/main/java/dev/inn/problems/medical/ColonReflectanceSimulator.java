package dev.inn.problems.medical;

import dev.inn.api.random.Seeds;
import dev.inn.problems.medical.montecarlo.MonteCarloSimulator;
import dev.inn.problems.medical.montecarlo.PhotonTally;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Band reflectances of the colon model through the camera, by Monte Carlo with an adaptive
 * photon budget. Every (sample, band, wavelength, round) has its own derived seed, so results
 * do not depend on the thread count.
 */
public final class ColonReflectanceSimulator {

  private final HemoglobinSpectrum hemoglobin;
  private final MultispectralCamera camera;
  private final PhotonBudget budget;

  public ColonReflectanceSimulator(HemoglobinSpectrum hemoglobin, MultispectralCamera camera, PhotonBudget budget) {
    this.hemoglobin = hemoglobin;
    this.camera = camera;
    this.budget = budget;
  }

  /** The paper's camera, the bundled hemoglobin table and the given budget. */
  public static ColonReflectanceSimulator standard(PhotonBudget budget) {
    return new ColonReflectanceSimulator(HemoglobinSpectrum.bundled(), MultispectralCamera.STANDARD, budget);
  }

  public MultispectralCamera camera() {
    return camera;
  }

  public PhotonBudget budget() {
    return budget;
  }

  /** All bands of one sample on the calling thread. */
  public BandReflectance simulate(double[] x, long seed) {
    int bands = camera.bands();
    double[] r = new double[bands];
    double[] se = new double[bands];
    long[] photons = new long[bands];
    for (int k = 0; k < bands; k++) {
      band(x, k, seed, r, se, photons);
    }
    return new BandReflectance(r, se, photons);
  }

  /**
   * Many samples on {@code threads} threads, parallel over (sample, band) pairs; sample i uses
   * seed {@code seeds[i]}.
   */
  public BandReflectance[] simulate(double[][] xs, long[] seeds, int threads) {
    if (xs.length != seeds.length) {
      throw new IllegalArgumentException(xs.length + " samples but " + seeds.length + " seeds");
    }
    int bands = camera.bands();
    double[][] r = new double[xs.length][bands];
    double[][] se = new double[xs.length][bands];
    long[][] photons = new long[xs.length][bands];
    Runnable all = () -> IntStream.range(0, xs.length * bands).parallel()
        .forEach(t -> band(xs[t / bands], t % bands, seeds[t / bands], r[t / bands], se[t / bands],
            photons[t / bands]));
    if (threads == 1) {
      for (int t = 0; t < xs.length * bands; t++) {
        band(xs[t / bands], t % bands, seeds[t / bands], r[t / bands], se[t / bands], photons[t / bands]);
      }
    } else {
      ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
      try {
        pool.submit(all).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("colon simulation interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("colon simulation failed", e.getCause());
      } finally {
        pool.shutdown();
      }
    }
    BandReflectance[] out = new BandReflectance[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = new BandReflectance(r[i], se[i], photons[i]);
    }
    return out;
  }

  private void band(double[] x, int band, long seed, double[] r, double[] se, long[] photons) {
    int w = budget.wavelengthsPerBand();
    double[] nm = camera.wavelengths(band, w);
    MonteCarloSimulator[] sims = new MonteCarloSimulator[w];
    PhotonTally[] tally = new PhotonTally[w];
    for (int j = 0; j < w; j++) {
      sims[j] = new MonteCarloSimulator(ColonModel.tissue(hemoglobin, x, nm[j]));
      tally[j] = PhotonTally.EMPTY;
    }
    long perWavelength = (budget.minPhotons() + w - 1) / w;
    long total = 0;
    double mean;
    double error;
    for (int round = 0; ; round++) {
      for (int j = 0; j < w; j++) {
        tally[j] = tally[j].plus(sims[j].tally(perWavelength, Seeds.task(seed, band, j, round)));
      }
      total += perWavelength * w;
      mean = 0;
      double variance = 0;
      for (int j = 0; j < w; j++) {
        mean += tally[j].reflectance();
        double e = tally[j].reflectanceError();
        variance += e * e;
      }
      mean /= w;
      error = Math.sqrt(variance) / w;
      double relative = mean > 0 ? error / mean : Double.POSITIVE_INFINITY;
      if (relative <= budget.targetRelativeError() || total >= budget.maxPhotons()) {
        break;
      }
      // Error falls as 1/sqrt(N): aim a little past the target, within the maximum.
      double wanted = Double.isInfinite(relative) ? 4.0 * total
          : total * (relative / budget.targetRelativeError()) * (relative / budget.targetRelativeError()) * 1.1;
      long more = (long) Math.min(budget.maxPhotons() - total, Math.max(wanted - total, 0.25 * total));
      perWavelength = Math.max(1, (more + w - 1) / w);
    }
    r[band] = mean;
    se[band] = error;
    photons[band] = total;
  }
}
