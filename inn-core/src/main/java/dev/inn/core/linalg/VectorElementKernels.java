package dev.inn.core.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ElementKernels} on the Vector API: a compare and a blend per vector, no branches. */
final class VectorElementKernels implements ElementKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public void atanClamp(float[] x, float[] out, float[] slope, int from, int to, float alpha) {
    float scale = alpha * AtanPolynomial.TWO_OVER_PI;  // as ElementKernels.atanClamp(x, alpha)
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = from;
    for (; i + L <= to; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, i).div(alpha);
      FloatVector a = v.abs();
      VectorMask<Float> beyond = a.compare(VectorOperators.GT, 1f);
      FloatVector r = a.blend(one.div(a), beyond);
      FloatVector q = r.mul(r);
      FloatVector p = FloatVector.broadcast(S, AtanPolynomial.C[8]);
      for (int k = 7; k >= 0; k--) {
        p = p.fma(q, FloatVector.broadcast(S, AtanPolynomial.C[k]));
      }
      p = p.mul(r);
      p = p.blend(p.neg().add(AtanPolynomial.HALF_PI), beyond);
      p = p.blend(p.neg(), v.compare(VectorOperators.LT, 0f));
      p.mul(scale).intoArray(out, i);  // scale * atan, rounded as the scalar form
      if (slope != null) {
        FloatVector.broadcast(S, AtanPolynomial.TWO_OVER_PI).div(v.fma(v, one)).intoArray(slope, i);
      }
    }
    AtanPolynomial.atanClamp(x, out, slope, i, to, alpha);
  }

  @Override
  public void sigmoid(float[] a, int from, int to, boolean tanh) {
    float inScale = tanh ? -2f : -1f;
    int i = from;
    for (; i + L <= to; i += L) {
      // exp(-x) (of -2x for tanh), as ExpPolynomial.exp
      FloatVector v = FloatVector.fromArray(S, a, i).mul(inScale).max(ExpPolynomial.LOW).min(ExpPolynomial.HIGH);
      FloatVector k = v.mul(ExpPolynomial.LOG2E).add(ExpPolynomial.ROUND).sub(ExpPolynomial.ROUND);
      FloatVector r = k.fma(FloatVector.broadcast(S, -ExpPolynomial.LN2_HI), v);
      r = k.fma(FloatVector.broadcast(S, -ExpPolynomial.LN2_LO), r);
      FloatVector p = FloatVector.broadcast(S, ExpPolynomial.C[6]);
      for (int c = 5; c >= 0; c--) {
        p = p.fma(r, FloatVector.broadcast(S, ExpPolynomial.C[c]));
      }
      FloatVector twoK = ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23)
          .reinterpretAsFloats();
      FloatVector s = FloatVector.broadcast(S, 1f).div(p.mul(twoK).add(1f));
      (tanh ? s.mul(2f).sub(1f) : s).intoArray(a, i);
    }
    for (; i < to; i++) {
      a[i] = ElementKernels.sigmoid(a[i], tanh);
    }
  }

  @Override
  public void addInto(float[] x, int xFrom, float[] into, int intoFrom, int n) {
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector.fromArray(S, into, intoFrom + i).add(FloatVector.fromArray(S, x, xFrom + i))
          .intoArray(into, intoFrom + i);
    }
    for (; i < n; i++) {
      into[intoFrom + i] += x[xFrom + i];
    }
  }

  @Override
  public void columnSums(float[] a, int rows, int cols, float[] into) {
    int j = 0;
    // a vector of columns accumulated down all rows: every element keeps the plain loop's order
    for (; j + L <= cols; j += L) {
      FloatVector s = FloatVector.fromArray(S, into, j);
      for (int r = 0; r < rows; r++) {
        s = s.add(FloatVector.fromArray(S, a, r * cols + j));
      }
      s.intoArray(into, j);
    }
    for (; j < cols; j++) {
      float s = into[j];
      for (int r = 0; r < rows; r++) {
        s += a[r * cols + j];
      }
      into[j] = s;
    }
  }

  @Override
  public void leakyRelu(float[] x, float[] out, int n, float slope) {
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      VectorMask<Float> pos = v.compare(VectorOperators.GT, 0f);
      v.mul(slope).blend(v, pos).intoArray(out, i);
    }
    for (; i < n; i++) {
      float v = x[i];
      out[i] = v > 0 ? v : slope * v;
    }
  }

  @Override
  public void leakyReluGradient(float[] x, float[] g, float[] gx, int n, float slope) {
    int i = 0;
    for (; i + L <= n; i += L) {
      VectorMask<Float> pos = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
      FloatVector gv = FloatVector.fromArray(S, g, i);
      gv.mul(slope).blend(gv, pos).add(FloatVector.fromArray(S, gx, i)).intoArray(gx, i);
    }
    for (; i < n; i++) {
      gx[i] += x[i] > 0 ? g[i] : slope * g[i];
    }
  }
}
