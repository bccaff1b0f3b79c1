package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;

/** Times C2ST on 10 000 vs 10 000 Gaussian samples at a few dimensions (run by hand, not a test). */
final class C2stTiming {

  private C2stTiming() {}

  public static void main(String[] args) {
    int[] dims = args.length == 0 ? new int[] {2, 5, 10} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int d : dims) {
      Matrix a = C2stTest.gaussian(10_000, d, 0, 1, 1);
      Matrix b = C2stTest.gaussian(10_000, d, 0.1, 1, 2);
      for (int rep = 0; rep < 2; rep++) {
        long t0 = System.nanoTime();
        double c = C2st.score(a, b, C2stOptions.sbibm(), 1);
        System.out.printf("dim %d: c2st %.4f in %.2f s%n", d, c, (System.nanoTime() - t0) / 1e9);
      }
    }
  }
}
