package dev.inn.core.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernel: blocks of 4 rows of C by 4 (or 2, or 1) vectors of columns held in
 * registers while walking k, so each loaded row chunk of B feeds 4 fused multiply-adds; the
 * narrow rest of a row (an output layer's few columns) is one masked vector. Every element
 * of C is the same chain of multiply-adds over k whichever block computes it, so results do
 * not depend on the blocking or the row split (a rest of four columns runs on 128-bit vectors,
 * the same chains). The left factor is read through strides, so
 * A^T B needs no transposed copy.
 */
final class VectorGemm implements Gemm {

  private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;
  private static final int L = WIDE.length();
  // four columns on 128-bit vectors, 8 rows at a time: a coupling's output layer (s and t of a
  // 2-wide half) used a quarter of each masked wide vector; 8 independent 4-wide chains ran
  // it in half the time (512 x 128 x 4: 0.030 ms against 0.015 ms, AMD Zen 4)
  private static final VectorSpecies<Float> FOUR = FloatVector.SPECIES_128;

  @Override
  public String description() {
    return "vector-" + WIDE.vectorBitSize();
  }

  @Override
  public void multiply(float[] a, float[] b, float[] c, int k, int m, int rowFrom, int rowTo, boolean accumulate) {
    strided(a, k, 1, b, c, k, m, rowFrom, rowTo, accumulate);
  }

  @Override
  public void multiplyTransposedA(float[] a, float[] b, float[] c, int n, int k, int m, int rowFrom, int rowTo,
      boolean accumulate) {
    // row i of A^T is column i of A: stride k between its elements, 1 between rows
    strided(a, 1, k, b, c, n, m, rowFrom, rowTo, accumulate);
  }

  @Override
  public void multiplyAddressed(float[] a, int[] rows, int[] cols, int colFrom, int k, float[] b, float[] c, int cFrom,
      int m, int rowFrom, int rowTo, boolean accumulate) {
    AddressedGemm.multiply(a, rows, cols, colFrom, k, b, c, cFrom, m, rowFrom, rowTo, accumulate);
  }

  // element (i, p) of the left factor is a[i * rs + p * cs]; the inner dimension is k
  private static void strided(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int rowFrom, int rowTo,
      boolean accumulate) {
    // a rest of exactly four columns goes to the 128-bit kernel, the other columns as before
    int cols = L > 4 && m % L == 4 ? m - 4 : m;
    int i = rowFrom;
    for (; i + 4 <= rowTo; i += 4) {
      rows4(a, rs, cs, b, c, k, m, cols, i, accumulate);
    }
    int blocked = i;
    for (; i < rowTo; i++) {
      row1(a, rs, cs, b, c, k, m, i, accumulate);
    }
    if (cols < m) {
      int r = rowFrom;
      for (; r + 8 <= blocked; r += 8) {
        four8(a, rs, cs, b, c, k, m, r, cols, accumulate);
      }
      for (; r < blocked; r += 4) {
        block4Masked(a, rs, cs, b, c, k, m, r, cols, accumulate);
      }
    }
  }

  // columns [0, cols) of rows i to i + 3; the row stride of B and C is m
  private static void rows4(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int cols, int i,
      boolean acc) {
    int j = 0;
    for (; j + 4 * L <= cols; j += 4 * L) {
      wide4(a, rs, cs, b, c, k, m, i, j, acc);
    }
    for (; j + 2 * L <= cols; j += 2 * L) {
      wide2(a, rs, cs, b, c, k, m, i, j, acc);
    }
    for (; j + L <= cols; j += L) {
      block4Wide(a, rs, cs, b, c, k, m, i, j, acc);
    }
    if (j < cols) {
      // the narrow rest (the output layer's few columns) in one masked vector
      block4Masked(a, rs, cs, b, c, k, m, i, j, acc);
    }
  }

  // 4 rows x 4 wide vectors: 16 accumulators, each B load feeds 4 fused multiply-adds and
  // each broadcast 4, so the loop is bound by the multiply-adds rather than the loads
  private static void wide4(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int i, int j,
      boolean acc) {
    int a0 = i * rs;
    int c0 = i * m + j;
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
      int ap = a0 + p * cs;
      FloatVector x = FloatVector.broadcast(WIDE, a[ap]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      s02 = x.fma(b2, s02);
      s03 = x.fma(b3, s03);
      x = FloatVector.broadcast(WIDE, a[ap + rs]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      s12 = x.fma(b2, s12);
      s13 = x.fma(b3, s13);
      x = FloatVector.broadcast(WIDE, a[ap + 2 * rs]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      s22 = x.fma(b2, s22);
      s23 = x.fma(b3, s23);
      x = FloatVector.broadcast(WIDE, a[ap + 3 * rs]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      s32 = x.fma(b2, s32);
      s33 = x.fma(b3, s33);
    }
    // one branch around all 16 stores: storing a vector picked by a branch per store made C2 box
    // the vectors (256 x 128 x 128 ran at 110 GFLOP/s, 170-220 this way). The narrower kernels
    // below were slower written this way, so they keep their form.
    if (acc) {
      s00.add(FloatVector.fromArray(WIDE, c, c0)).intoArray(c, c0);
      s01.add(FloatVector.fromArray(WIDE, c, c0 + L)).intoArray(c, c0 + L);
      s02.add(FloatVector.fromArray(WIDE, c, c0 + 2 * L)).intoArray(c, c0 + 2 * L);
      s03.add(FloatVector.fromArray(WIDE, c, c0 + 3 * L)).intoArray(c, c0 + 3 * L);
      s10.add(FloatVector.fromArray(WIDE, c, c0 + m)).intoArray(c, c0 + m);
      s11.add(FloatVector.fromArray(WIDE, c, c0 + m + L)).intoArray(c, c0 + m + L);
      s12.add(FloatVector.fromArray(WIDE, c, c0 + m + 2 * L)).intoArray(c, c0 + m + 2 * L);
      s13.add(FloatVector.fromArray(WIDE, c, c0 + m + 3 * L)).intoArray(c, c0 + m + 3 * L);
      s20.add(FloatVector.fromArray(WIDE, c, c0 + 2 * m)).intoArray(c, c0 + 2 * m);
      s21.add(FloatVector.fromArray(WIDE, c, c0 + 2 * m + L)).intoArray(c, c0 + 2 * m + L);
      s22.add(FloatVector.fromArray(WIDE, c, c0 + 2 * m + 2 * L)).intoArray(c, c0 + 2 * m + 2 * L);
      s23.add(FloatVector.fromArray(WIDE, c, c0 + 2 * m + 3 * L)).intoArray(c, c0 + 2 * m + 3 * L);
      s30.add(FloatVector.fromArray(WIDE, c, c0 + 3 * m)).intoArray(c, c0 + 3 * m);
      s31.add(FloatVector.fromArray(WIDE, c, c0 + 3 * m + L)).intoArray(c, c0 + 3 * m + L);
      s32.add(FloatVector.fromArray(WIDE, c, c0 + 3 * m + 2 * L)).intoArray(c, c0 + 3 * m + 2 * L);
      s33.add(FloatVector.fromArray(WIDE, c, c0 + 3 * m + 3 * L)).intoArray(c, c0 + 3 * m + 3 * L);
    } else {
      s00.intoArray(c, c0);
      s01.intoArray(c, c0 + L);
      s02.intoArray(c, c0 + 2 * L);
      s03.intoArray(c, c0 + 3 * L);
      s10.intoArray(c, c0 + m);
      s11.intoArray(c, c0 + m + L);
      s12.intoArray(c, c0 + m + 2 * L);
      s13.intoArray(c, c0 + m + 3 * L);
      s20.intoArray(c, c0 + 2 * m);
      s21.intoArray(c, c0 + 2 * m + L);
      s22.intoArray(c, c0 + 2 * m + 2 * L);
      s23.intoArray(c, c0 + 2 * m + 3 * L);
      s30.intoArray(c, c0 + 3 * m);
      s31.intoArray(c, c0 + 3 * m + L);
      s32.intoArray(c, c0 + 3 * m + 2 * L);
      s33.intoArray(c, c0 + 3 * m + 3 * L);
    }
  }

  // 8 rows x columns j to j + 3 (the last four of m) on 128-bit vectors, no masks
  private static void four8(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int i, int j,
      boolean acc) {
    int a0 = i * rs;
    int c0 = i * m + j;
    FloatVector s0 = FloatVector.zero(FOUR);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    FloatVector s4 = s0;
    FloatVector s5 = s0;
    FloatVector s6 = s0;
    FloatVector s7 = s0;
    for (int p = 0; p < k; p++) {
      FloatVector bv = FloatVector.fromArray(FOUR, b, p * m + j);
      int ap = a0 + p * cs;
      s0 = FloatVector.broadcast(FOUR, a[ap]).fma(bv, s0);
      s1 = FloatVector.broadcast(FOUR, a[ap + rs]).fma(bv, s1);
      s2 = FloatVector.broadcast(FOUR, a[ap + 2 * rs]).fma(bv, s2);
      s3 = FloatVector.broadcast(FOUR, a[ap + 3 * rs]).fma(bv, s3);
      s4 = FloatVector.broadcast(FOUR, a[ap + 4 * rs]).fma(bv, s4);
      s5 = FloatVector.broadcast(FOUR, a[ap + 5 * rs]).fma(bv, s5);
      s6 = FloatVector.broadcast(FOUR, a[ap + 6 * rs]).fma(bv, s6);
      s7 = FloatVector.broadcast(FOUR, a[ap + 7 * rs]).fma(bv, s7);
    }
    if (acc) {
      s0.add(FloatVector.fromArray(FOUR, c, c0)).intoArray(c, c0);
      s1.add(FloatVector.fromArray(FOUR, c, c0 + m)).intoArray(c, c0 + m);
      s2.add(FloatVector.fromArray(FOUR, c, c0 + 2 * m)).intoArray(c, c0 + 2 * m);
      s3.add(FloatVector.fromArray(FOUR, c, c0 + 3 * m)).intoArray(c, c0 + 3 * m);
      s4.add(FloatVector.fromArray(FOUR, c, c0 + 4 * m)).intoArray(c, c0 + 4 * m);
      s5.add(FloatVector.fromArray(FOUR, c, c0 + 5 * m)).intoArray(c, c0 + 5 * m);
      s6.add(FloatVector.fromArray(FOUR, c, c0 + 6 * m)).intoArray(c, c0 + 6 * m);
      s7.add(FloatVector.fromArray(FOUR, c, c0 + 7 * m)).intoArray(c, c0 + 7 * m);
    } else {
      s0.intoArray(c, c0);
      s1.intoArray(c, c0 + m);
      s2.intoArray(c, c0 + 2 * m);
      s3.intoArray(c, c0 + 3 * m);
      s4.intoArray(c, c0 + 4 * m);
      s5.intoArray(c, c0 + 5 * m);
      s6.intoArray(c, c0 + 6 * m);
      s7.intoArray(c, c0 + 7 * m);
    }
  }

  // 4 rows x the last m - j (< L) columns, loads and stores masked to them
  private static void block4Masked(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int i, int j,
      boolean acc) {
    VectorMask<Float> mask = WIDE.indexInRange(j, m);
    int a0 = i * rs;
    int c0 = i * m + j;
    FloatVector s0 = FloatVector.zero(WIDE);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int p = 0; p < k; p++) {
      FloatVector bv = FloatVector.fromArray(WIDE, b, p * m + j, mask);
      int ap = a0 + p * cs;
      s0 = FloatVector.broadcast(WIDE, a[ap]).fma(bv, s0);
      s1 = FloatVector.broadcast(WIDE, a[ap + rs]).fma(bv, s1);
      s2 = FloatVector.broadcast(WIDE, a[ap + 2 * rs]).fma(bv, s2);
      s3 = FloatVector.broadcast(WIDE, a[ap + 3 * rs]).fma(bv, s3);
    }
    if (acc) {
      s0 = s0.add(FloatVector.fromArray(WIDE, c, c0, mask));
      s1 = s1.add(FloatVector.fromArray(WIDE, c, c0 + m, mask));
      s2 = s2.add(FloatVector.fromArray(WIDE, c, c0 + 2 * m, mask));
      s3 = s3.add(FloatVector.fromArray(WIDE, c, c0 + 3 * m, mask));
    }
    s0.intoArray(c, c0, mask);
    s1.intoArray(c, c0 + m, mask);
    s2.intoArray(c, c0 + 2 * m, mask);
    s3.intoArray(c, c0 + 3 * m, mask);
  }

  // 4 rows x 2 wide vectors: 8 accumulators stay in registers across k
  private static void wide2(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int i, int j, boolean acc) {
    int a0 = i * rs;
    int a1 = a0 + rs;
    int a2 = a1 + rs;
    int a3 = a2 + rs;
    int c0 = i * m + j;
    int c1 = c0 + m;
    int c2 = c1 + m;
    int c3 = c2 + m;
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
      int ap = p * cs;
      FloatVector x = FloatVector.broadcast(WIDE, a[a0 + ap]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      x = FloatVector.broadcast(WIDE, a[a1 + ap]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      x = FloatVector.broadcast(WIDE, a[a2 + ap]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      x = FloatVector.broadcast(WIDE, a[a3 + ap]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
    }
    if (acc) {
      s00 = s00.add(FloatVector.fromArray(WIDE, c, c0));
      s01 = s01.add(FloatVector.fromArray(WIDE, c, c0 + L));
      s10 = s10.add(FloatVector.fromArray(WIDE, c, c1));
      s11 = s11.add(FloatVector.fromArray(WIDE, c, c1 + L));
      s20 = s20.add(FloatVector.fromArray(WIDE, c, c2));
      s21 = s21.add(FloatVector.fromArray(WIDE, c, c2 + L));
      s30 = s30.add(FloatVector.fromArray(WIDE, c, c3));
      s31 = s31.add(FloatVector.fromArray(WIDE, c, c3 + L));
    }
    s00.intoArray(c, c0);
    s01.intoArray(c, c0 + L);
    s10.intoArray(c, c1);
    s11.intoArray(c, c1 + L);
    s20.intoArray(c, c2);
    s21.intoArray(c, c2 + L);
    s30.intoArray(c, c3);
    s31.intoArray(c, c3 + L);
  }

  // the species must be a constant in each method, or C2 cannot intrinsify the vector operations
  private static void block4Wide(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int i,
      int j, boolean acc) {
    int a0 = i * rs;
    int c0 = i * m + j;
    FloatVector s0 = FloatVector.zero(WIDE);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int p = 0; p < k; p++) {
      FloatVector bv = FloatVector.fromArray(WIDE, b, p * m + j);
      int ap = a0 + p * cs;
      s0 = FloatVector.broadcast(WIDE, a[ap]).fma(bv, s0);
      s1 = FloatVector.broadcast(WIDE, a[ap + rs]).fma(bv, s1);
      s2 = FloatVector.broadcast(WIDE, a[ap + 2 * rs]).fma(bv, s2);
      s3 = FloatVector.broadcast(WIDE, a[ap + 3 * rs]).fma(bv, s3);
    }
    if (acc) {
      s0 = s0.add(FloatVector.fromArray(WIDE, c, c0));
      s1 = s1.add(FloatVector.fromArray(WIDE, c, c0 + m));
      s2 = s2.add(FloatVector.fromArray(WIDE, c, c0 + 2 * m));
      s3 = s3.add(FloatVector.fromArray(WIDE, c, c0 + 3 * m));
    }
    s0.intoArray(c, c0);
    s1.intoArray(c, c0 + m);
    s2.intoArray(c, c0 + 2 * m);
    s3.intoArray(c, c0 + 3 * m);
  }

  private static void row1(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int i, boolean acc) {
    int a0 = i * rs;
    int c0 = i * m;
    int j = 0;
    for (; j + L <= m; j += L) {
      FloatVector s = FloatVector.zero(WIDE);
      for (int p = 0; p < k; p++) {
        s = FloatVector.broadcast(WIDE, a[a0 + p * cs]).fma(FloatVector.fromArray(WIDE, b, p * m + j), s);
      }
      if (acc) {
        s = s.add(FloatVector.fromArray(WIDE, c, c0 + j));
      }
      s.intoArray(c, c0 + j);
    }
    for (; j < m; j++) {
      float s = 0f;
      for (int p = 0; p < k; p++) {
        s = Math.fma(a[a0 + p * cs], b[p * m + j], s);
      }
      c[c0 + j] = acc ? c[c0 + j] + s : s;
    }
  }
}
