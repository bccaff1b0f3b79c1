package dev.inn.core.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ElementKernels} on the Vector API: a compare and a blend per vector, no branches. */
final class VectorElementKernels implements ElementKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

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
