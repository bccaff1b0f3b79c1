package dev.inn.api.data;

/**
 * What one observation y is: a fixed-length vector, a set of exchangeable rows, or a sequence of
 * time steps. A problem declares it ({@code Problem.observationShape()}); the default is a vector.
 *
 * <p>Sets and sequences are ragged: their number of elements (set size n, sequence length T) may
 * differ between observations. A batch of them is one {@link Matrix} of padded rows plus the
 * number of elements per row (see {@link Dataset#lengths()}): row i holds its elements one after
 * the other, each element's {@link #elementWidth()} values together (element-major: element 0's
 * values, then element 1's, ...), and zeros after its last element.
 */
public sealed interface ObservationShape {

  /** Values per element: the vector's length, a set row's width, a sequence step's channels. */
  int elementWidth();

  /** True for sets and sequences, whose rows carry a number of elements. */
  default boolean ragged() {
    return !(this instanceof Vector);
  }

  /** A short human-readable description, e.g. {@code "set of rows of 2 values"}. */
  String describe();

  /** A fixed-length vector of {@code dim} values: the classic observation. */
  record Vector(int dim) implements ObservationShape {
    /** Checks the length. */
    public Vector {
      if (dim < 1) {
        throw new IllegalArgumentException("an observation vector needs at least one value, got " + dim);
      }
    }

    @Override
    public int elementWidth() {
      return dim;
    }

    @Override
    public String describe() {
      return "vector of " + dim + " value" + (dim == 1 ? "" : "s");
    }
  }

  /** A set of exchangeable rows of {@code width} values each; its order carries no information. */
  record Set(int width) implements ObservationShape {
    /** Checks the width. */
    public Set {
      if (width < 1) {
        throw new IllegalArgumentException("a set's rows need at least one value, got " + width);
      }
    }

    @Override
    public int elementWidth() {
      return width;
    }

    @Override
    public String describe() {
      return "set of rows of " + width + " value" + (width == 1 ? "" : "s");
    }
  }

  /** A sequence of time steps of {@code channels} values each, in time order. */
  record Sequence(int channels) implements ObservationShape {
    /** Checks the channel count. */
    public Sequence {
      if (channels < 1) {
        throw new IllegalArgumentException("a sequence's steps need at least one channel, got " + channels);
      }
    }

    @Override
    public int elementWidth() {
      return channels;
    }

    @Override
    public String describe() {
      return "sequence of steps of " + channels + " channel" + (channels == 1 ? "" : "s");
    }
  }
}
