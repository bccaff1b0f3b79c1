package dev.inn.core.cinn;

import dev.inn.core.param.SupportTransform;
import dev.inn.core.training.GraphMethodToolkit;

/**
 * What every flow of one cINN shares: its parsed settings, the method's toolkit (standardisers,
 * threads, chunked sampling) and support map, and the problem's sizes.
 *
 * @param settings the settings and plugins, for the problem's observation shape
 * @param kit the method's toolkit; its standardisers serve every flow
 * @param support the map between the prior's support and the unbounded coordinates flows learn in
 * @param problemName the problem, for messages
 * @param dx parameters per row
 * @param dy observation values per row (per element for sets and sequences)
 */
record FlowContext(CinnSettings settings, GraphMethodToolkit kit, SupportTransform support, String problemName,
    int dx, int dy) {

  CinnConfig config() {
    return settings.config();
  }

  CinnPlugins plugins() {
    return settings.plugins();
  }
}
