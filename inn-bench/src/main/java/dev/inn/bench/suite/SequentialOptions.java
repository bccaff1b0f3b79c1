package dev.inn.bench.suite;

/**
 * A suite method run sequentially ({@code sequential = { rounds = 5 }} in its {@code [[methods]]}
 * entry): instead of one amortized model trained on {@code train_size} pairs, one truncated
 * sequential run ({@code inn infer}) per test observation, each spending exactly the problem's
 * {@code train_size} simulations.
 *
 * @param rounds rounds each observation's budget is split into
 * @param quantile the truncation quantile of the posterior estimate's own log densities
 * @param allPairs train each round on every pair so far instead of only those inside its region
 */
public record SequentialOptions(int rounds, double quantile, boolean allPairs) {}
