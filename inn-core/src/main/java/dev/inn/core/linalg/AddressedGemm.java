package dev.inn.core.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm#multiplyAddressed} on the Vector API: {@link VectorGemm}'s register blocks (4 rows
 * by 4, 2 or 1 vectors of columns, a masked rest, single rows on their own) with the left
 * factor read through its address tables, A(i, p) = a[rows[i] + cols[colFrom + p]]. One table
 * entry per p serves the four rows of a block. Every element of C is the chain VectorGemm
 * computes for the gathered matrix (the same multiply-adds over p in the same order, then C
 * added), so a convolution gives the same numbers as with its taps copied into a matrix.
 */
final class AddressedGemm {

  private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;
  private static final int L = WIDE.length();

  private AddressedGemm() {}

  static void multiply(float[] a, int[] rows, int[] cols, int colFrom, int k, float[] b, float[] c, int cFrom, int m,
      int rowFrom, int rowTo, boolean acc) {
    int i = rowFrom;
    for (; i + 4 <= rowTo; i += 4) {
      int a0 = rows[i];
      int a1 = rows[i + 1];
      int a2 = rows[i + 2];
      int a3 = rows[i + 3];
      int c0 = cFrom + i * m;
      int j = 0;
      for (; j + 4 * L <= m; j += 4 * L) {
        wide4(a, a0, a1, a2, a3, cols, colFrom, k, b, c, c0, m, j, acc);
      }
      for (; j + 2 * L <= m; j += 2 * L) {
        wide2(a, a0, a1, a2, a3, cols, colFrom, k, b, c, c0, m, j, acc);
      }
      for (; j + L <= m; j += L) {
        wide1(a, a0, a1, a2, a3, cols, colFrom, k, b, c, c0, m, j, acc);
      }
      if (j < m) {
        masked(a, a0, a1, a2, a3, cols, colFrom, k, b, c, c0, m, j, acc);
      }
    }
    for (; i < rowTo; i++) {
      row1(a, rows[i], cols, colFrom, k, b, c, cFrom + i * m, m, acc);
    }
  }

  // 4 rows x 4 wide vectors: 16 accumulators, stored inside one branch (see VectorGemm.wide4)
  private static void wide4(float[] a, int a0, int a1, int a2, int a3, int[] cols, int colFrom, int k, float[] b,
      float[] c, int c0, int m, int j, boolean acc) {
    FloatVector s00 = FloatVector.zero(WIDE);
    FloatVector s01 = s00;
    FloatVector s02 = s00;
    FloatVector s03 = s00;
    FloatVector s10 = s00;
    FloatVector s11 = s00;
    FloatVector s12 = s00;
    FloatVector s13 = s00;
    FloatVector s20 = s00;
    FloatVector s21 = s00;
    FloatVector s22 = s00;
    FloatVector s23 = s00;
    FloatVector s30 = s00;
    FloatVector s31 = s00;
    FloatVector s32 = s00;
    FloatVector s33 = s00;
    for (int p = 0; p < k; p++) {
      int bp = p * m + j;
      FloatVector b0 = FloatVector.fromArray(WIDE, b, bp);
      FloatVector b1 = FloatVector.fromArray(WIDE, b, bp + L);
      FloatVector b2 = FloatVector.fromArray(WIDE, b, bp + 2 * L);
      FloatVector b3 = FloatVector.fromArray(WIDE, b, bp + 3 * L);
      int off = cols[colFrom + p];
      FloatVector x = FloatVector.broadcast(WIDE, a[a0 + off]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      s02 = x.fma(b2, s02);
      s03 = x.fma(b3, s03);
      x = FloatVector.broadcast(WIDE, a[a1 + off]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      s12 = x.fma(b2, s12);
      s13 = x.fma(b3, s13);
      x = FloatVector.broadcast(WIDE, a[a2 + off]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      s22 = x.fma(b2, s22);
      s23 = x.fma(b3, s23);
      x = FloatVector.broadcast(WIDE, a[a3 + off]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      s32 = x.fma(b2, s32);
      s33 = x.fma(b3, s33);
    }
    int r0 = c0 + j;
    int r1 = r0 + m;
    int r2 = r1 + m;
    int r3 = r2 + m;
    if (acc) {
      s00.add(FloatVector.fromArray(WIDE, c, r0)).intoArray(c, r0);
      s01.add(FloatVector.fromArray(WIDE, c, r0 + L)).intoArray(c, r0 + L);
      s02.add(FloatVector.fromArray(WIDE, c, r0 + 2 * L)).intoArray(c, r0 + 2 * L);
      s03.add(FloatVector.fromArray(WIDE, c, r0 + 3 * L)).intoArray(c, r0 + 3 * L);
      s10.add(FloatVector.fromArray(WIDE, c, r1)).intoArray(c, r1);
      s11.add(FloatVector.fromArray(WIDE, c, r1 + L)).intoArray(c, r1 + L);
      s12.add(FloatVector.fromArray(WIDE, c, r1 + 2 * L)).intoArray(c, r1 + 2 * L);
      s13.add(FloatVector.fromArray(WIDE, c, r1 + 3 * L)).intoArray(c, r1 + 3 * L);
      s20.add(FloatVector.fromArray(WIDE, c, r2)).intoArray(c, r2);
      s21.add(FloatVector.fromArray(WIDE, c, r2 + L)).intoArray(c, r2 + L);
      s22.add(FloatVector.fromArray(WIDE, c, r2 + 2 * L)).intoArray(c, r2 + 2 * L);
      s23.add(FloatVector.fromArray(WIDE, c, r2 + 3 * L)).intoArray(c, r2 + 3 * L);
      s30.add(FloatVector.fromArray(WIDE, c, r3)).intoArray(c, r3);
      s31.add(FloatVector.fromArray(WIDE, c, r3 + L)).intoArray(c, r3 + L);
      s32.add(FloatVector.fromArray(WIDE, c, r3 + 2 * L)).intoArray(c, r3 + 2 * L);
      s33.add(FloatVector.fromArray(WIDE, c, r3 + 3 * L)).intoArray(c, r3 + 3 * L);
    } else {
      s00.intoArray(c, r0);
      s01.intoArray(c, r0 + L);
      s02.intoArray(c, r0 + 2 * L);
      s03.intoArray(c, r0 + 3 * L);
      s10.intoArray(c, r1);
      s11.intoArray(c, r1 + L);
      s12.intoArray(c, r1 + 2 * L);
      s13.intoArray(c, r1 + 3 * L);
      s20.intoArray(c, r2);
      s21.intoArray(c, r2 + L);
      s22.intoArray(c, r2 + 2 * L);
      s23.intoArray(c, r2 + 3 * L);
      s30.intoArray(c, r3);
      s31.intoArray(c, r3 + L);
      s32.intoArray(c, r3 + 2 * L);
      s33.intoArray(c, r3 + 3 * L);
    }
  }

  // 4 rows x 2 wide vectors (32 output channels on 512-bit vectors)
  private static void wide2(float[] a, int a0, int a1, int a2, int a3, int[] cols, int colFrom, int k, float[] b,
      float[] c, int c0, int m, int j, boolean acc) {
    FloatVector s00 = FloatVector.zero(WIDE);
    FloatVector s01 = s00;
    FloatVector s10 = s00;
    FloatVector s11 = s00;
    FloatVector s20 = s00;
    FloatVector s21 = s00;
    FloatVector s30 = s00;
    FloatVector s31 = s00;
    for (int p = 0; p < k; p++) {
      int bp = p * m + j;
      FloatVector b0 = FloatVector.fromArray(WIDE, b, bp);
      FloatVector b1 = FloatVector.fromArray(WIDE, b, bp + L);
      int off = cols[colFrom + p];
      FloatVector x = FloatVector.broadcast(WIDE, a[a0 + off]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      x = FloatVector.broadcast(WIDE, a[a1 + off]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      x = FloatVector.broadcast(WIDE, a[a2 + off]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      x = FloatVector.broadcast(WIDE, a[a3 + off]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
    }
    int r0 = c0 + j;
    int r1 = r0 + m;
    int r2 = r1 + m;
    int r3 = r2 + m;
    if (acc) {
      s00 = s00.add(FloatVector.fromArray(WIDE, c, r0));
      s01 = s01.add(FloatVector.fromArray(WIDE, c, r0 + L));
      s10 = s10.add(FloatVector.fromArray(WIDE, c, r1));
      s11 = s11.add(FloatVector.fromArray(WIDE, c, r1 + L));
      s20 = s20.add(FloatVector.fromArray(WIDE, c, r2));
      s21 = s21.add(FloatVector.fromArray(WIDE, c, r2 + L));
      s30 = s30.add(FloatVector.fromArray(WIDE, c, r3));
      s31 = s31.add(FloatVector.fromArray(WIDE, c, r3 + L));
    }
    s00.intoArray(c, r0);
    s01.intoArray(c, r0 + L);
    s10.intoArray(c, r1);
    s11.intoArray(c, r1 + L);
    s20.intoArray(c, r2);
    s21.intoArray(c, r2 + L);
    s30.intoArray(c, r3);
    s31.intoArray(c, r3 + L);
  }

  private static void wide1(float[] a, int a0, int a1, int a2, int a3, int[] cols, int colFrom, int k, float[] b,
      float[] c, int c0, int m, int j, boolean acc) {
    FloatVector s0 = FloatVector.zero(WIDE);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int p = 0; p < k; p++) {
      FloatVector bv = FloatVector.fromArray(WIDE, b, p * m + j);
      int off = cols[colFrom + p];
      s0 = FloatVector.broadcast(WIDE, a[a0 + off]).fma(bv, s0);
      s1 = FloatVector.broadcast(WIDE, a[a1 + off]).fma(bv, s1);
      s2 = FloatVector.broadcast(WIDE, a[a2 + off]).fma(bv, s2);
      s3 = FloatVector.broadcast(WIDE, a[a3 + off]).fma(bv, s3);
    }
    int r0 = c0 + j;
    if (acc) {
      s0 = s0.add(FloatVector.fromArray(WIDE, c, r0));
      s1 = s1.add(FloatVector.fromArray(WIDE, c, r0 + m));
      s2 = s2.add(FloatVector.fromArray(WIDE, c, r0 + 2 * m));
      s3 = s3.add(FloatVector.fromArray(WIDE, c, r0 + 3 * m));
    }
    s0.intoArray(c, r0);
    s1.intoArray(c, r0 + m);
    s2.intoArray(c, r0 + 2 * m);
    s3.intoArray(c, r0 + 3 * m);
  }

  // 4 rows x the last m - j (< L) columns, loads and stores masked to them
  private static void masked(float[] a, int a0, int a1, int a2, int a3, int[] cols, int colFrom, int k, float[] b,
      float[] c, int c0, int m, int j, boolean acc) {
    VectorMask<Float> mask = WIDE.indexInRange(j, m);
    FloatVector s0 = FloatVector.zero(WIDE);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int p = 0; p < k; p++) {
      FloatVector bv = FloatVector.fromArray(WIDE, b, p * m + j, mask);
      int off = cols[colFrom + p];
      s0 = FloatVector.broadcast(WIDE, a[a0 + off]).fma(bv, s0);
      s1 = FloatVector.broadcast(WIDE, a[a1 + off]).fma(bv, s1);
      s2 = FloatVector.broadcast(WIDE, a[a2 + off]).fma(bv, s2);
      s3 = FloatVector.broadcast(WIDE, a[a3 + off]).fma(bv, s3);
    }
    int r0 = c0 + j;
    if (acc) {
      s0 = s0.add(FloatVector.fromArray(WIDE, c, r0, mask));
      s1 = s1.add(FloatVector.fromArray(WIDE, c, r0 + m, mask));
      s2 = s2.add(FloatVector.fromArray(WIDE, c, r0 + 2 * m, mask));
      s3 = s3.add(FloatVector.fromArray(WIDE, c, r0 + 3 * m, mask));
    }
    s0.intoArray(c, r0, mask);
    s1.intoArray(c, r0 + m, mask);
    s2.intoArray(c, r0 + 2 * m, mask);
    s3.intoArray(c, r0 + 3 * m, mask);
  }

  private static void row1(float[] a, int a0, int[] cols, int colFrom, int k, float[] b, float[] c, int c0, int m,
      boolean acc) {
    int j = 0;
    for (; j + L <= m; j += L) {
      FloatVector s = FloatVector.zero(WIDE);
      for (int p = 0; p < k; p++) {
        s = FloatVector.broadcast(WIDE, a[a0 + cols[colFrom + p]]).fma(FloatVector.fromArray(WIDE, b, p * m + j), s);
      }
      if (acc) {
        s = s.add(FloatVector.fromArray(WIDE, c, c0 + j));
      }
      s.intoArray(c, c0 + j);
    }
    for (; j < m; j++) {
      float s = 0f;
      for (int p = 0; p < k; p++) {
        s = Math.fma(a[a0 + cols[colFrom + p]], b[p * m + j], s);
      }
      c[c0 + j] = acc ? c[c0 + j] + s : s;
    }
  }
}
