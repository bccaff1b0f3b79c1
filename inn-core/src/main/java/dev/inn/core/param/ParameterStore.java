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

  /** The values parameters created on this thread may still take, while a {@link Budget} is open. */
  private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();

  private final Map<String, ModelParameter> byName = new LinkedHashMap<>();
  private final SplittableRandom random;
  private final long seed;

  public ParameterStore(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /**
   * The store behind a scope this class made (the root scope of a model, as a plugin method
   * holds it from {@link dev.inn.api.training.TrainableModel#parameters()}).
   */
  public static ParameterStore of(Parameters scope) {
    if (scope instanceof Scope s) {
      return s.store();
    }
    throw new IllegalArgumentException("the parameters to train are not a model of this engine (" + scope.getClass()
        .getName() + "); make the model with TrainingEngine.newModel");
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

  /**
   * A cap on the parameter values created on this thread until {@link #close}: a model file's
   * settings (a width, a layer count) decide how large the network built to read it is, and a
   * crafted or damaged file must not make that network larger than the file could hold.
   */
  public static final class Budget implements AutoCloseable {
    private final String source;
    private long left;

    private Budget(long values, String source) {
      this.left = values;
      this.source = source;
    }

    @Override
    public void close() {
      BUDGET.remove();
    }
  }

  /** Opens a {@link Budget} of {@code values} parameter values on this thread; {@code source} names the file in errors. */
  public static Budget budget(long values, String source) {
    Budget b = new Budget(values, source);
    BUDGET.set(b);
    return b;
  }

  /**
   * The size of a new parameter, checked before anything is allocated: against an open
   * {@link Budget}, and against the heap (a value and, when trainable, its gradient), so that
   * e.g. {@code hidden = 2000000000} is an error naming the parameter, not an OutOfMemoryError.
   */
  private static int checkedSize(String name, int rows, int cols, boolean trainable) {
    long n = (long) rows * cols;
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("parameter " + name + " would have " + rows + " x " + cols + " values");
    }
    Budget b = BUDGET.get();
    if (b != null) {
      if (n > b.left) {
        throw new IllegalArgumentException(b.source + " describes a network larger than the file holds (parameter "
            + name + " of " + rows + " x " + cols + " values); it is damaged or not a model of this method");
      }
      b.left -= n;
    }
    long bytes = n * Float.BYTES * (trainable ? 2 : 1);
    long heap = Runtime.getRuntime().maxMemory();
    if (n > Integer.MAX_VALUE - 16 || bytes > heap) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "parameter %s of %d x %d values needs"
          + " %.1f GB, more than the %.1f GB of memory this JVM may use; lower the layer sizes (e.g. hidden)", name,
          rows, cols, bytes / 1e9, heap / 1e9));
    }
    return (int) n;
  }

  private final class Scope implements Parameters {
    private final String prefix;

    Scope(String prefix) {
      this.prefix = prefix;
    }

    ParameterStore store() {
      return ParameterStore.this;
    }

    @Override
    public Parameter trainable(String name, int rows, int cols, double initStd) {
      float[] v = new float[checkedSize(prefix + name, rows, cols, true)];
      if (initStd > 0) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (initStd * random.nextGaussian());
        }
      }
      return add(new ModelParameter(prefix + name, rows, cols, true, v));
    }

    @Override
    public Parameter fixed(String name, int rows, int cols, float[] values) {
      checkedSize(prefix + name, rows, cols, false);
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
