package dev.inn.api.tensor;

/**
 * The computation of {@link Ops#rowwise}: output row i depends on row i of each input alone.
 * Arrays are row-major; both methods are called for ranges of rows, possibly at the same time
 * from different threads, and touch only rows {@code from} (inclusive) to {@code to}
 * (exclusive), so scratch state belongs in the call, not in the function.
 */
public interface RowFunction {

  /**
   * Computes rows {@code from..to} of the output.
   *
   * @param inputs the inputs' values, in the order given to {@code rowwise}
   * @param output the output's values, written here
   */
  void forward(float[][] inputs, float[] output, int from, int to);

  /**
   * Adds d loss / d input to rows {@code from..to} of each input's gradient.
   *
   * @param inputs the inputs' values
   * @param output the output's values, as {@link #forward} left them
   * @param outputGradient d loss / d output
   * @param inputGradients one array per input, added to; null for an input that needs none
   */
  void backward(float[][] inputs, float[] output, float[] outputGradient, float[][] inputGradients, int from, int to);
}
