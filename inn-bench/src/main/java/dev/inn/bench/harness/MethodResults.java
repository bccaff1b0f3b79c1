package dev.inn.bench.harness;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.TrainingHistory;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one method on one problem with one training seed.
 *
 * @param method the method's label in the suite
 * @param plugin the method's registered name
 * @param seed the training seed
 * @param cells metric column to value
 * @param curves metric name to its named curves (e.g. calibration q_inliers - q)
 * @param notes remarks of the metrics
 * @param history loss curves of training
 * @param trainSeconds wall time of training
 * @param sampleSeconds wall time of drawing all test posteriors
 * @param evaluateSeconds wall time of the metrics (bootstrap included)
 * @param figureSamples posterior samples for each figure observation (first seed only, else empty)
 * @param latent latent-space map for the primary figure observation, when the method offers one
 */
public record MethodResults(String method, String plugin, long seed, Map<String, Cell> cells,
    Map<String, Map<String, double[]>> curves, List<String> notes, TrainingHistory history, double trainSeconds,
    double sampleSeconds, double evaluateSeconds, List<Matrix> figureSamples, LatentMap latent) {}
