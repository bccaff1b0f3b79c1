package dev.inn.core.persistence;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Support;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * What sampling, analysis and diagnosis need of a data-only problem (no prior, simulator or
 * exact posterior, e.g. a user's CSV), as stored in a model file: its name, column names,
 * latent dimension and support, and (from format 4) a slice of its held-out pairs, which
 * {@link #testSet} serves for SBC, coverage and TARP, and parameter rows of its training data,
 * which stand in for the prior (contraction, corner plots) by resampling. Standardisation is
 * part of each method's own saved state. Drawing training data is refused: the data stayed behind.
 *
 * @param heldOut held-out (x, y) pairs the model never trained on; empty in format 3 files
 * @param priorDraws training parameter rows (the data set's empirical prior); no rows in format 3 files
 * @param observationShape a vector, set or sequence (from format 5; vectors before)
 */
record SavedProblem(String name, List<String> parameterNames, List<String> observationNames, int latentDim,
    Optional<Support> support, Dataset heldOut, Matrix priorDraws, ObservationShape observationShape)
    implements Problem {

  /** Held-out pairs kept in a model file: enough for diagnose's default 300 and a little more. */
  static final int HELD_OUT_KEPT = 500;

  /** Training parameter rows kept as prior draws: variances to about 3 % and a smooth prior shade. */
  static final int PRIOR_KEPT = 2000;

  /** Writes the description of a data-only problem, or a marker that the problem is recreated from its settings. */
  static void write(DataOutputStream out, Problem problem) throws IOException {
    boolean dataOnly = problem.prior().isEmpty() && problem.simulator().isEmpty()
        && problem.exactPosterior().isEmpty();
    out.writeBoolean(dataOnly);
    if (!dataOnly) {
      return;
    }
    writeStrings(out, problem.parameterNames());
    writeStrings(out, problem.observationNames());
    out.writeInt(problem.latentDim());
    Optional<Support> support = problem.support();
    out.writeBoolean(support.isPresent());
    if (support.isPresent()) {
      for (int i = 0; i < support.get().dim(); i++) {
        out.writeDouble(support.get().lower()[i]);
        out.writeDouble(support.get().upper()[i]);
      }
    }
    // fixed seeds: the same model gives the same bytes
    int test = Math.min(HELD_OUT_KEPT, problem.testPairs().orElse(HELD_OUT_KEPT));
    Dataset heldOut = test == 0 ? new Dataset(Matrix.zeros(0, problem.parameterDim()),
        Matrix.zeros(0, problem.observationDim())) : problem.testSet(test, 0x5EED);
    int train = Math.min(PRIOR_KEPT, problem.trainingPairs().orElse(PRIOR_KEPT));
    MatrixIo.write(out, heldOut.x());
    MatrixIo.write(out, heldOut.y());
    // sets and sequences: the length of every held-out row (none for vectors)
    out.writeInt(heldOut.lengths().length);
    for (int length : heldOut.lengths()) {
      out.writeInt(length);
    }
    MatrixIo.write(out, problem.sample(train, 0x5EED).x());
    // format 5: the observation's shape (the held-out rows' lengths are written above)
    ObservationShape shape = problem.observationShape();
    out.writeInt(shape instanceof ObservationShape.Set ? SET : shape instanceof ObservationShape.Sequence ? SEQUENCE
        : VECTOR);
  }

  private static final int VECTOR = 0;
  private static final int SET = 1;
  private static final int SEQUENCE = 2;

  /** The stored description, or empty when the problem is to be recreated from its settings. */
  static Optional<Problem> read(DataInputStream in, String name, int version) throws IOException {
    if (!in.readBoolean()) {
      return Optional.empty();
    }
    List<String> x = readStrings(in);
    List<String> y = readStrings(in);
    int latent = in.readInt();
    Optional<Support> support = Optional.empty();
    if (in.readBoolean()) {
      double[] lower = new double[x.size()];
      double[] upper = new double[x.size()];
      for (int i = 0; i < lower.length; i++) {
        lower[i] = in.readDouble();
        upper[i] = in.readDouble();
      }
      support = Optional.of(new Support(lower, upper));
    }
    Dataset heldOut = new Dataset(Matrix.zeros(0, x.size()), Matrix.zeros(0, y.size()));
    Matrix prior = Matrix.zeros(0, x.size());
    ObservationShape shape = new ObservationShape.Vector(y.size());
    if (version >= 4) {
      Matrix hx = MatrixIo.read(in);
      Matrix hy = MatrixIo.read(in);
      int count = version >= 5 ? in.readInt() : 0;
      // checked before allocating: a crafted count must not make the reader allocate gigabytes
      if (count != 0 && count != hy.rows()) {
        throw new IOException("corrupt model file: " + count + " lengths for " + hy.rows() + " held-out pairs");
      }
      int[] lengths = new int[count];
      for (int i = 0; i < lengths.length; i++) {
        lengths[i] = in.readInt();
      }
      prior = MatrixIo.read(in);
      if (version >= 5) {
        int kind = in.readInt();
        if (kind != VECTOR) {
          shape = kind == SET ? new ObservationShape.Set(y.size()) : kind == SEQUENCE
              ? new ObservationShape.Sequence(y.size()) : null;
          if (shape == null) {
            throw new IOException("corrupt model file: unknown observation shape " + kind);
          }
        }
      }
      if (shape.ragged() != (lengths.length != 0) && hy.rows() > 0) {
        throw new IOException("corrupt model file: held-out lengths do not match the observation shape");
      }
      boolean yFits = shape.ragged() ? hy.cols() % y.size() == 0 : hy.cols() == y.size();
      if (hx.cols() != x.size() || !yFits || prior.cols() != x.size() || hx.rows() != hy.rows()) {
        throw new IOException("corrupt model file: the stored pairs do not match the problem's columns");
      }
      heldOut = new Dataset(hx, hy, lengths);
    }
    return Optional.of(new SavedProblem(name, x, y, latent, support, heldOut, prior, shape));
  }

  @Override
  public Dataset sample(int n, long seed) {
    throw new UnsupportedOperationException("problem '" + name + "' was loaded from a model file, which keeps only"
        + " what sampling, analysis and diagnosis need, not the training data; train from the data itself");
  }

  @Override
  public OptionalInt trainingPairs() {
    return OptionalInt.of(0);
  }

  @Override
  public OptionalInt testPairs() {
    return OptionalInt.of(heldOut.size());
  }

  /** {@code n} of the kept held-out pairs in a seeded order; more than were kept is an error naming the count. */
  @Override
  public Dataset testSet(int n, long seed) {
    if (n < 0 || n > heldOut.size()) {
      throw new IllegalArgumentException("the model file of problem '" + name + "' keeps " + heldOut.size()
          + " held-out pairs of its data set" + (heldOut.size() == 0 ? " (a model file of an older format, or a data"
          + " set with test_fraction = 0; train again with test_fraction > 0)" : "") + "; asked for " + n);
    }
    return heldOut.select(dev.inn.api.random.SeededChoice.indices(heldOut.size(), n, seed));
  }

  /** The data set's empirical prior: the kept training parameter rows, drawn with replacement. */
  @Override
  public Optional<Prior> prior() {
    if (priorDraws.rows() == 0) {
      return Optional.empty();
    }
    return Optional.of((n, seed) -> {
      SplittableRandom rng = new SplittableRandom(seed);
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = rng.nextInt(priorDraws.rows());
      }
      return priorDraws.selectRows(rows);
    });
  }

  private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      out.writeUTF(s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      out.add(in.readUTF());
    }
    return out;
  }
}
