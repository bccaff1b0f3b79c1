package dev.inn.problems.store;

import dev.inn.api.data.Dataset;

/**
 * Valid simulated pairs and what was dropped on the way.
 *
 * @param data the valid pairs, in their deterministic order
 * @param invalid the simulations that failed and were replaced
 */
public record SimulationBatch(Dataset data, InvalidSimulations invalid) {}
