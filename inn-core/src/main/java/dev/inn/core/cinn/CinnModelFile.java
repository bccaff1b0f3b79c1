package dev.inn.core.cinn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The cINN's model format, in three forms told apart by the first int: a mixture
 * ({@value #MIXTURE_FILE}, then the flow count and per flow its log weight, width and
 * weights), a single flow (its negative width, then its weights) and, from before widths were
 * saved, a single flow of the untrained width (its weights, which start with a positive
 * parameter count). Any of them may be preceded by {@value #CHECKED_FILE}, the flow whose
 * condition network made the misspecification check's summary reference, and that reference.
 */
final class CinnModelFile {

  /** First int of a saved mixture; a single flow starts with its negative width, older files with a count. */
  private static final int MIXTURE_FILE = 0;

  /** First int of a file that starts with the summary reference of the misspecification check. */
  private static final int CHECKED_FILE = Integer.MIN_VALUE;

  /**
   * A model as read.
   *
   * @param mixture the flows and their weights
   * @param summaryFlow the flow whose condition network made {@code reference}
   * @param reference the misspecification check's summaries, or null when the file has none
   */
  record Model(FlowMixture mixture, int summaryFlow, SummaryReference reference) {}

  private CinnModelFile() {}

  static void write(DataOutput out, Model model) throws IOException {
    if (model.reference() != null) {
      out.writeInt(CHECKED_FILE);
      out.writeInt(model.summaryFlow());
      model.reference().write(out);
    }
    List<CinnFlow> flows = model.mixture().flows();
    if (flows.size() == 1) {
      // the width first, as a negative number (a parameter count, which older files start with, is not)
      out.writeInt(-flows.get(0).width);
      flows.get(0).params.write(out);
      return;
    }
    out.writeInt(MIXTURE_FILE);
    out.writeInt(flows.size());
    for (int f = 0; f < flows.size(); f++) {
      out.writeDouble(model.mixture().logWeights()[f]);
      out.writeInt(flows.get(f).width);
      flows.get(f).params.write(out);
    }
  }

  /**
   * Reads a model.
   *
   * @param newFlow an untrained flow of the given subnet width, whose weights the file fills in
   * @param untrainedWidth the width of a file from before widths were saved
   */
  static Model read(DataInput in, IntFunction<CinnFlow> newFlow, int untrainedWidth) throws IOException {
    int first = in.readInt();
    SummaryReference reference = null;
    int referenceFlow = 0;
    if (first == CHECKED_FILE) {
      referenceFlow = in.readInt();
      reference = SummaryReference.read(in);
      first = in.readInt();
    }
    FlowMixture mixture;
    if (first == MIXTURE_FILE) {
      int n = in.readInt();
      if (n < 1 || n > 1024) {
        throw new IOException("cinn: the model file holds a mixture of " + n + " flows");
      }
      List<CinnFlow> read = new ArrayList<>();
      double[] readWeights = new double[n];
      for (int f = 0; f < n; f++) {
        readWeights[f] = in.readDouble();
        int width = in.readInt();
        if (width < 1 || !Double.isFinite(readWeights[f])) {
          throw new IOException("cinn: flow " + f + " of the model file has width " + width + " and log weight "
              + readWeights[f]);
        }
        CinnFlow flow = newFlow.apply(width);
        flow.params.read(in);
        read.add(flow);
      }
      mixture = new FlowMixture(read, readWeights);
    } else if (first < 0) {
      CinnFlow flow = newFlow.apply(-first);
      flow.params.read(in);
      mixture = FlowMixture.single(flow);
    } else {
      CinnFlow flow = newFlow.apply(untrainedWidth);
      flow.params.read(in, first);
      mixture = FlowMixture.single(flow);
    }
    if (referenceFlow < 0 || referenceFlow >= mixture.flows().size()) {
      throw new IOException("cinn: the model file's summary reference belongs to flow " + referenceFlow + " of "
          + mixture.flows().size());
    }
    return new Model(mixture, referenceFlow, reference);
  }
}
