package dev.inn.nd4j;

import dev.inn.core.linalg.Gemm;
import dev.inn.core.linalg.RowParallel;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times C = A B for wide layers (batch x hidden times hidden x hidden) with the core's kernel
 * ({@link Gemm#best()}, on one thread and split over rows by {@link RowParallel}) and with
 * ND4J/OpenBLAS ({@link OpenBlasGemm}), and prints GFLOP/s (median of windows) per shape.
 * Arguments: {@code [threads] [windows]} (defaults: all cores, 5).
 */
public final class GemmBenchmark {

  private GemmBenchmark() {}

  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
    int windows = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Gemm vector = Gemm.best();
    Gemm blas = new OpenBlasGemm();
    System.out.printf(Locale.ROOT, "kernels: %s vs %s; %d threads; GFLOP/s, median of %d windows%n",
        vector.description(), blas.description(), threads, windows);
    System.out.printf(Locale.ROOT, "%6s %6s %12s %14s %14s %8s%n", "batch", "hidden", "vector x1", "vector x" + threads,
        "openblas", "ratio");
    try (RowParallel parallel = new RowParallel(threads)) {
      for (int batch : new int[] {256, 1024}) {
        for (int hidden : new int[] {256, 512, 1024}) {
          float[] a = random(batch * hidden, 1);
          float[] b = random(hidden * hidden, 2);
          float[] c = new float[batch * hidden];
          double flops = 2.0 * batch * hidden * hidden;
          double single = rate(flops, windows, () -> vector.multiply(a, b, c, hidden, hidden, 0, batch, false));
          double split = rate(flops, windows, () -> parallel.run(batch, (long) batch * hidden * hidden,
              (from, to) -> vector.multiply(a, b, c, hidden, hidden, from, to, false)));
          double native_ = rate(flops, windows, () -> blas.multiply(a, b, c, hidden, hidden, 0, batch, false));
          System.out.printf(Locale.ROOT, "%6d %6d %12.2f %14.2f %14.2f %8.2f%n", batch, hidden, single, split, native_,
              native_ / Math.max(single, split));
        }
      }
    }
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** GFLOP/s: median over windows of about 0.3 s each, after a warm-up window. */
  private static double rate(double flops, int windows, Runnable product) {
    double[] rates = new double[windows];
    for (int w = -1; w < windows; w++) {
      long t0 = System.nanoTime();
      int reps = 0;
      do {
        product.run();
        reps++;
      } while (System.nanoTime() - t0 < 300_000_000L);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (w >= 0) {
        rates[w] = flops * reps / seconds / 1e9;
      }
    }
    java.util.Arrays.sort(rates);
    return rates[windows / 2];
  }
}
