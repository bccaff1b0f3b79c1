package dev.inn.core.autodiff;

import dev.inn.api.tensor.Tensor;
import dev.inn.core.profile.StepProfile.Part;

/**
 * What every family of a {@link Graph}'s operations needs from the graph: allocating a result,
 * recording it on the tape with its backward step, and reaching nodes and their gradients.
 */
abstract class GraphOps {

  protected final Graph graph;

  GraphOps(Graph graph) {
    this.graph = graph;
  }

  protected final Node result(int rows, int cols, boolean needsGrad) {
    return graph.result(rows, cols, needsGrad);
  }

  protected final Node record(Node out, Part part, Node.Backward backward) {
    return graph.record(out, part, backward);
  }

  protected final float[] grad(Node n) {
    return graph.grad(n);
  }

  protected static Node node(Tensor t) {
    return Graph.node(t);
  }

  protected static Part kind(Part part, Node a, Node b) {
    return Graph.kind(part, a, b);
  }
}
