package dev.inn.problems.medical.montecarlo;

import dev.inn.api.random.Seeds;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Multi-layer Monte Carlo light transport in the manner of MCML (Wang, Jacques &amp; Zheng
 * 1995): a pencil beam hits the top of a stack of laterally infinite layers at normal
 * incidence; photon packets hop with exponentially distributed free paths, lose weight
 * mu_a/mu_t at each interaction, scatter by Henyey-Greenstein, and meet Fresnel
 * reflection/refraction at every interface (all-or-none: a uniform number compared with the
 * Fresnel reflectance decides); below weight 1e-4 a packet survives a roulette with chance
 * 0.1 at ten times its weight.
 *
 * <p>Only the total diffuse reflectance and transmittance are tallied, so the state of a
 * packet is its depth, layer, weight and z direction cosine: with lateral invariance the new
 * cosine after a scattering depends on the old one only through the uniform azimuth, so
 * tracking (u_x, u_y) would add work without changing any tallied distribution.
 *
 * <p>Runs are split into fixed batches of {@value #BATCH} photons, each with a seed derived
 * from the run's seed and the batch index, and summed in batch order: the result is the same
 * for any number of threads.
 */
public final class MonteCarloSimulator {

  /** Photons per independently seeded batch. */
  public static final int BATCH = 4096;
  /** Weight below which the survival roulette is played. */
  public static final double ROULETTE_THRESHOLD = 1e-4;
  /** Chance to survive the roulette. */
  public static final double ROULETTE_CHANCE = 0.1;

  private static final double COS_ZERO = 1e-6;
  private static final double COS_ONE = 1 - 1e-12;

  private final Tissue tissue;
  private final int layerCount;
  /** Index i: refractive index of layer i - 1; 0 is the medium above, count + 1 below. */
  private final double[] index;
  private final double[] mua;
  private final double[] mut;
  private final double[] g;
  private final double[] top;
  private final double[] bottom;
  private final double specular;

  public MonteCarloSimulator(Tissue tissue) {
    this.tissue = tissue;
    layerCount = tissue.layers().size();
    index = new double[layerCount + 2];
    mua = new double[layerCount];
    mut = new double[layerCount];
    g = new double[layerCount];
    top = new double[layerCount];
    bottom = new double[layerCount];
    index[0] = tissue.ambientAbove();
    index[layerCount + 1] = tissue.ambientBelow();
    double z = 0;
    for (int i = 0; i < layerCount; i++) {
      Layer l = tissue.layers().get(i);
      index[i + 1] = l.refractiveIndex();
      mua[i] = l.absorption();
      mut[i] = l.attenuation();
      g[i] = l.anisotropy();
      top[i] = z;
      z += l.thickness();
      bottom[i] = z;
    }
    specular = tissue.specularReflectance();
  }

  public Tissue tissue() {
    return tissue;
  }

  /** {@code photons} photons on all cores. */
  public TransportResult run(long photons, long seed) {
    return run(photons, seed, Runtime.getRuntime().availableProcessors());
  }

  /** {@code photons} photons on {@code threads} threads; same numbers as any other thread count. */
  public TransportResult run(long photons, long seed, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (threads == 1) {
      return tally(photons, seed).result(specular);
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return tallyParallel(photons, seed, pool).result(specular);
    } finally {
      pool.shutdown();
    }
  }

  /** The batched tally of a run on the calling thread. */
  public PhotonTally tally(long photons, long seed) {
    checkPhotons(photons);
    int batches = batchCount(photons);
    PhotonTally sum = PhotonTally.EMPTY;
    for (int b = 0; b < batches; b++) {
      sum = sum.plus(batch(photons, seed, b));
    }
    return sum;
  }

  private PhotonTally tallyParallel(long photons, long seed, ForkJoinPool pool) {
    checkPhotons(photons);
    int batches = batchCount(photons);
    PhotonTally[] parts = new PhotonTally[batches];
    try {
      pool.submit(() -> IntStream.range(0, batches).parallel().forEach(b -> parts[b] = batch(photons, seed, b)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Monte Carlo run interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Monte Carlo run failed: " + e.getCause(), e.getCause());
    }
    PhotonTally sum = PhotonTally.EMPTY;
    for (PhotonTally p : parts) {
      sum = sum.plus(p);
    }
    return sum;
  }

  private static void checkPhotons(long photons) {
    if (photons < 1) {
      throw new IllegalArgumentException("photon count must be >= 1, got " + photons);
    }
    if (photons > (long) BATCH * Integer.MAX_VALUE) {
      throw new IllegalArgumentException("photon count too large: " + photons);
    }
  }

  private static int batchCount(long photons) {
    return (int) ((photons + BATCH - 1) / BATCH);
  }

  private PhotonTally batch(long photons, long seed, int b) {
    long n = Math.min(BATCH, photons - (long) b * BATCH);
    return trace(n, new SplittableRandom(Seeds.task(seed, b)));
  }

  /** Traces {@code n} photons with one random stream. */
  private PhotonTally trace(long n, SplittableRandom rng) {
    double sumR = 0;
    double sumR2 = 0;
    double sumT = 0;
    double sumT2 = 0;
    double sumA = 0;
    final int last = layerCount - 1;
    for (long p = 0; p < n; p++) {
      double w = 1 - specular;
      int l = 0;
      double z = 0;
      double uz = 1;
      double stepLeft = 0; // dimensionless remainder of a step cut short at an interface
      while (true) {
        double mt = mut[l];
        double s;
        if (mt == 0) {
          s = Double.POSITIVE_INFINITY;
        } else if (stepLeft > 0) {
          s = stepLeft / mt;
          stepLeft = 0;
        } else {
          s = -Math.log(1.0 - rng.nextDouble()) / mt;
        }
        double toBoundary = uz > 0 ? (bottom[l] - z) / uz : uz < 0 ? (top[l] - z) / uz : Double.POSITIVE_INFINITY;
        if (s >= toBoundary) {
          if (mt > 0) {
            stepLeft = (s - toBoundary) * mt;
          }
          boolean down = uz > 0;
          z = down ? bottom[l] : top[l];
          double ni = index[l + 1];
          double nt = index[down ? l + 2 : l];
          double ci = Math.abs(uz);
          double ct;
          boolean reflect;
          if (ni == nt) {
            ct = ci;
            reflect = false;
          } else if (ci > COS_ONE) {
            double r = (ni - nt) / (ni + nt);
            ct = ci;
            reflect = rng.nextDouble() < r * r;
          } else if (ci < COS_ZERO) {
            ct = 0;
            reflect = true;
          } else {
            double si = Math.sqrt(1 - ci * ci);
            double st = ni * si / nt;
            if (st >= 1) {
              ct = 0;
              reflect = true;
            } else {
              ct = Math.sqrt(1 - st * st);
              // Fresnel reflectance of unpolarised light, written with sums/differences of angles.
              double cosSum = ci * ct - si * st;
              double cosDiff = ci * ct + si * st;
              double sinSum = si * ct + ci * st;
              double sinDiff = si * ct - ci * st;
              double r = 0.5 * sinDiff * sinDiff * (cosDiff * cosDiff + cosSum * cosSum)
                  / (sinSum * sinSum * cosDiff * cosDiff);
              reflect = rng.nextDouble() < r;
            }
          }
          if (reflect) {
            uz = -uz;
          } else if (down) {
            if (l == last) {
              sumT += w;
              sumT2 += w * w;
              break;
            }
            l++;
            uz = ct;
          } else {
            if (l == 0) {
              sumR += w;
              sumR2 += w * w;
              break;
            }
            l--;
            uz = -ct;
          }
          continue;
        }
        z += s * uz;
        double dw = w * mua[l] / mt;
        w -= dw;
        sumA += dw;
        uz = scatter(uz, g[l], rng);
        if (w < ROULETTE_THRESHOLD) {
          if (rng.nextDouble() < ROULETTE_CHANCE) {
            w /= ROULETTE_CHANCE;
          } else {
            break;
          }
        }
      }
    }
    return new PhotonTally(n, sumR, sumR2, sumT, sumT2, sumA);
  }

  /** New z direction cosine after a Henyey-Greenstein deflection with a uniform azimuth. */
  private static double scatter(double uz, double g, SplittableRandom rng) {
    double cost;
    if (g == 0) {
      cost = 2 * rng.nextDouble() - 1;
    } else {
      double t = (1 - g * g) / (1 - g + 2 * g * rng.nextDouble());
      cost = (1 + g * g - t * t) / (2 * g);
      cost = cost < -1 ? -1 : cost > 1 ? 1 : cost;
    }
    double sint = Math.sqrt(1 - cost * cost);
    // cos(azimuth) from a uniform point in the unit disc: no trigonometric call.
    double a;
    double b;
    double rr;
    do {
      a = 2 * rng.nextDouble() - 1;
      b = 2 * rng.nextDouble() - 1;
      rr = a * a + b * b;
    } while (rr > 1 || rr == 0);
    double cosPsi = (a * a - b * b) / rr;
    if (Math.abs(uz) > 0.99999) {
      return uz > 0 ? cost : -cost;
    }
    double nz = sint * cosPsi * Math.sqrt(1 - uz * uz) + uz * cost;
    return nz > 1 ? 1 : nz < -1 ? -1 : nz;
  }
}
