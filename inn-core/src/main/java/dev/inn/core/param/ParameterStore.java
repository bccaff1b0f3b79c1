package dev.inn.core.param;

import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * All parameters of one model, by unique name, created through scoped {@link Parameters}
 * views. Initial values come from one seeded generator in creation order, so a model built
 * twice with the same seed is identical.
 */
public final class ParameterStore {

  private final Map<String, ModelParameter> byName = new LinkedHashMap<>();
  private final SplittableRandom random;
  private final long seed;

  public ParameterStore(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** The root scope. */
  public Parameters root() {
    return new Scope("");
  }

  public List<ModelParameter> all() {
    return Collections.unmodifiableList(new ArrayList<>(byName.values()));
  }

  public List<ModelParameter> trainable() {
    return byName.values().stream().filter(ModelParameter::trainable).toList();
  }

  /** Total number of trainable values. */
  public long trainableCount() {
    return trainable().stream().mapToLong(p -> (long) p.rows() * p.cols()).sum();
  }

  private ModelParameter add(ModelParameter p) {
    if (byName.putIfAbsent(p.name(), p) != null) {
      throw new IllegalArgumentException("two parameters are named '" + p.name() + "'");
    }
    return p;
  }

  /** Writes names, shapes and values. */
  public void write(DataOutput out) throws IOException {
    out.writeInt(byName.size());
    for (ModelParameter p : byName.values()) {
      out.writeUTF(p.name());
      out.writeInt(p.rows());
      out.writeInt(p.cols());
      for (float f : p.value) {
        out.writeFloat(f);
      }
    }
  }

  /** Reads values written by {@link #write} into this store's parameters (names and shapes must match). */
  public void read(DataInput in) throws IOException {
    read(in, in.readInt());
  }

  /** As {@link #read(DataInput)}, the parameter count {@code n} already read. */
  public void read(DataInput in, int n) throws IOException {
    if (n != byName.size()) {
      throw new IOException("model file has " + n + " parameters, this model has " + byName.size()
          + " (different settings?)");
    }
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      int rows = in.readInt();
      int cols = in.readInt();
      ModelParameter p = byName.get(name);
      if (p == null || p.rows() != rows || p.cols() != cols) {
        throw new IOException("model file has parameter " + name + " [" + rows + " x " + cols
            + "] that this model does not have in that shape");
      }
      for (int j = 0; j < p.value.length; j++) {
        p.value[j] = in.readFloat();
      }
    }
  }

  private final class Scope implements Parameters {
    private final String prefix;

    Scope(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Parameter trainable(String name, int rows, int cols, double initStd) {
      float[] v = new float[rows * cols];
      if (initStd > 0) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (initStd * random.nextGaussian());
        }
      }
      return add(new ModelParameter(prefix + name, rows, cols, true, v));
    }

    @Override
    public Parameter fixed(String name, int rows, int cols, float[] values) {
      return add(new ModelParameter(prefix + name, rows, cols, false, values.clone()));
    }

    @Override
    public Parameters scope(String name) {
      return new Scope(prefix + name + ".");
    }

    @Override
    public long seed() {
      // a stable per-scope seed: the model seed mixed with the scope name
      return seed * 0x9E3779B97F4A7C15L + prefix.hashCode();
    }
  }
}
