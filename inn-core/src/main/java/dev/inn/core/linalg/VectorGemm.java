package dev.inn.core.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernel: blocks of 4 rows of C by 2 vectors of columns held in registers while
 * walking k, so each loaded row chunk of B feeds 8 fused multiply-adds. Narrow tails use a
 * half-width species, then scalar code.
 */
final class VectorGemm implements Gemm {

  private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> HALF =
      WIDE.length() >= 16 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
  private static final int L = WIDE.length();
  private static final int H = HALF.length();

  @Override
  public String description() {
    return "vector-" + WIDE.vectorBitSize();
  }

  @Override
  public void multiply(float[] a, float[] b, float[] c, int k, int m, int rowFrom, int rowTo, boolean accumulate) {
    int i = rowFrom;
    for (; i + 4 <= rowTo; i += 4) {
      rows4(a, b, c, k, m, i, accumulate);
    }
    for (; i < rowTo; i++) {
      row1(a, b, c, k, m, i, accumulate);
    }
  }

  private static void rows4(float[] a, float[] b, float[] c, int k, int m, int i, boolean acc) {
    int a0 = i * k;
    int a1 = a0 + k;
    int a2 = a1 + k;
    int a3 = a2 + k;
    int c0 = i * m;
    int c1 = c0 + m;
    int c2 = c1 + m;
    int c3 = c2 + m;
    int j = 0;
    for (; j + 2 * L <= m; j += 2 * L) {
      FloatVector s00;
      FloatVector s01;
      FloatVector s10;
      FloatVector s11;
      FloatVector s20;
      FloatVector s21;
      FloatVector s30;
      FloatVector s31;
      if (acc) {
        s00 = FloatVector.fromArray(WIDE, c, c0 + j);
        s01 = FloatVector.fromArray(WIDE, c, c0 + j + L);
        s10 = FloatVector.fromArray(WIDE, c, c1 + j);
        s11 = FloatVector.fromArray(WIDE, c, c1 + j + L);
        s20 = FloatVector.fromArray(WIDE, c, c2 + j);
        s21 = FloatVector.fromArray(WIDE, c, c2 + j + L);
        s30 = FloatVector.fromArray(WIDE, c, c3 + j);
        s31 = FloatVector.fromArray(WIDE, c, c3 + j + L);
      } else {
        s00 = FloatVector.zero(WIDE);
        s01 = s00;
        s10 = s00;
        s11 = s00;
        s20 = s00;
        s21 = s00;
        s30 = s00;
        s31 = s00;
      }
      for (int p = 0; p < k; p++) {
        int bp = p * m + j;
        FloatVector b0 = FloatVector.fromArray(WIDE, b, bp);
        FloatVector b1 = FloatVector.fromArray(WIDE, b, bp + L);
        FloatVector x = FloatVector.broadcast(WIDE, a[a0 + p]);
        s00 = x.fma(b0, s00);
        s01 = x.fma(b1, s01);
        x = FloatVector.broadcast(WIDE, a[a1 + p]);
        s10 = x.fma(b0, s10);
        s11 = x.fma(b1, s11);
        x = FloatVector.broadcast(WIDE, a[a2 + p]);
        s20 = x.fma(b0, s20);
        s21 = x.fma(b1, s21);
        x = FloatVector.broadcast(WIDE, a[a3 + p]);
        s30 = x.fma(b0, s30);
        s31 = x.fma(b1, s31);
      }
      s00.intoArray(c, c0 + j);
      s01.intoArray(c, c0 + j + L);
      s10.intoArray(c, c1 + j);
      s11.intoArray(c, c1 + j + L);
      s20.intoArray(c, c2 + j);
      s21.intoArray(c, c2 + j + L);
      s30.intoArray(c, c3 + j);
      s31.intoArray(c, c3 + j + L);
    }
    for (; j + L <= m; j += L) {
      FloatVector s0 = acc ? FloatVector.fromArray(WIDE, c, c0 + j) : FloatVector.zero(WIDE);
      FloatVector s1 = acc ? FloatVector.fromArray(WIDE, c, c1 + j) : FloatVector.zero(WIDE);
      FloatVector s2 = acc ? FloatVector.fromArray(WIDE, c, c2 + j) : FloatVector.zero(WIDE);
      FloatVector s3 = acc ? FloatVector.fromArray(WIDE, c, c3 + j) : FloatVector.zero(WIDE);
      for (int p = 0; p < k; p++) {
        FloatVector bv = FloatVector.fromArray(WIDE, b, p * m + j);
        s0 = FloatVector.broadcast(WIDE, a[a0 + p]).fma(bv, s0);
        s1 = FloatVector.broadcast(WIDE, a[a1 + p]).fma(bv, s1);
        s2 = FloatVector.broadcast(WIDE, a[a2 + p]).fma(bv, s2);
        s3 = FloatVector.broadcast(WIDE, a[a3 + p]).fma(bv, s3);
      }
      s0.intoArray(c, c0 + j);
      s1.intoArray(c, c1 + j);
      s2.intoArray(c, c2 + j);
      s3.intoArray(c, c3 + j);
    }
    for (; j + H <= m; j += H) {
      FloatVector s0 = acc ? FloatVector.fromArray(HALF, c, c0 + j) : FloatVector.zero(HALF);
      FloatVector s1 = acc ? FloatVector.fromArray(HALF, c, c1 + j) : FloatVector.zero(HALF);
      FloatVector s2 = acc ? FloatVector.fromArray(HALF, c, c2 + j) : FloatVector.zero(HALF);
      FloatVector s3 = acc ? FloatVector.fromArray(HALF, c, c3 + j) : FloatVector.zero(HALF);
      for (int p = 0; p < k; p++) {
        FloatVector bv = FloatVector.fromArray(HALF, b, p * m + j);
        s0 = FloatVector.broadcast(HALF, a[a0 + p]).fma(bv, s0);
        s1 = FloatVector.broadcast(HALF, a[a1 + p]).fma(bv, s1);
        s2 = FloatVector.broadcast(HALF, a[a2 + p]).fma(bv, s2);
        s3 = FloatVector.broadcast(HALF, a[a3 + p]).fma(bv, s3);
      }
      s0.intoArray(c, c0 + j);
      s1.intoArray(c, c1 + j);
      s2.intoArray(c, c2 + j);
      s3.intoArray(c, c3 + j);
    }
    for (; j < m; j++) {
      float s0 = acc ? c[c0 + j] : 0f;
      float s1 = acc ? c[c1 + j] : 0f;
      float s2 = acc ? c[c2 + j] : 0f;
      float s3 = acc ? c[c3 + j] : 0f;
      for (int p = 0; p < k; p++) {
        float bv = b[p * m + j];
        s0 += a[a0 + p] * bv;
        s1 += a[a1 + p] * bv;
        s2 += a[a2 + p] * bv;
        s3 += a[a3 + p] * bv;
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
      c[c2 + j] = s2;
      c[c3 + j] = s3;
    }
  }

  private static void row1(float[] a, float[] b, float[] c, int k, int m, int i, boolean acc) {
    int a0 = i * k;
    int c0 = i * m;
    int j = 0;
    for (; j + L <= m; j += L) {
      FloatVector s = acc ? FloatVector.fromArray(WIDE, c, c0 + j) : FloatVector.zero(WIDE);
      for (int p = 0; p < k; p++) {
        s = FloatVector.broadcast(WIDE, a[a0 + p]).fma(FloatVector.fromArray(WIDE, b, p * m + j), s);
      }
      s.intoArray(c, c0 + j);
    }
    for (; j < m; j++) {
      float s = acc ? c[c0 + j] : 0f;
      for (int p = 0; p < k; p++) {
        s += a[a0 + p] * b[p * m + j];
      }
      c[c0 + j] = s;
    }
  }
}
