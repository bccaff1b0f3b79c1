package dev.inn.core.persistence;

import dev.inn.api.data.Dataset;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Support;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What sampling needs of a data-only problem (no prior, simulator or exact posterior, e.g. a
 * user's CSV): its name, column names, latent dimension and support, as stored in a model file.
 * Standardisation is part of each method's own saved state. Drawing training data from it is
 * refused: the data stayed behind.
 */
record StoredProblem(String name, List<String> parameterNames, List<String> observationNames, int latentDim,
    Optional<Support> support) implements Problem {

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
  }

  /** The stored description, or empty when the problem is to be recreated from its settings. */
  static Optional<Problem> read(DataInputStream in, String name) throws IOException {
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
    return Optional.of(new StoredProblem(name, x, y, latent, support));
  }

  @Override
  public Dataset sample(int n, long seed) {
    throw new UnsupportedOperationException("problem '" + name + "' was loaded from a model file, which keeps only"
        + " what sampling needs, not the training data; train from the data itself");
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
