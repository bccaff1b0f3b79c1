package dev.inn.core.summary;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.condition.ConditionNetworkProvider;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;

/**
 * What the summary networks share as condition plugins: each takes one kind of ragged
 * observation (sets or sequences), refuses vectors, checks its settings before building, and
 * checks every batch's lengths against its padded rows before its own body runs.
 */
abstract class SummaryNetworkProvider implements ConditionNetworkProvider {

  private final String name;
  private final Class<? extends ObservationShape> kind;

  SummaryNetworkProvider(String name, Class<? extends ObservationShape> kind) {
    this.name = name;
    this.kind = kind;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean accepts(ObservationShape shape) {
    return kind.isInstance(shape);
  }

  @Override
  public final ConditionNetwork create(int observationDim, Settings settings, Parameters params) {
    throw new ConfigurationException("condition", "the summary network '" + name + "' takes a "
        + (kind == ObservationShape.Set.class ? "set" : "sequence") + ", not a vector of " + observationDim
        + " values");
  }

  @Override
  public final ConditionNetwork create(ObservationShape shape, int parameterDim, Settings settings,
      Parameters params) {
    SummaryInput.requireShape(name, shape, kind);
    return build(shape, parameterDim, settings, params);
  }

  /** The network for a shape this provider accepts, with settings already validated. */
  abstract ConditionNetwork build(ObservationShape shape, int parameterDim, Settings settings, Parameters params);

  /** A summary network's body: h(y) for padded rows whose element counts are checked. */
  interface Body {
    Tensor apply(Ops ops, Tensor y, int[] lengths);
  }

  /** A network of {@code width} summary values that checks each batch's lengths, then runs its body. */
  record SummaryNetwork(String name, int elementWidth, int width, Body body) implements ConditionNetwork {
    @Override
    public Tensor apply(Ops ops, Tensor y) {
      return apply(ops, y, new int[0]);
    }

    @Override
    public Tensor apply(Ops ops, Tensor y, int[] lengths) {
      return body.apply(ops, y, SummaryInput.lengths(name, y, lengths, elementWidth));
    }
  }
}
