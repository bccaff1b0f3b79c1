package dev.inn.bench.metrics;

import dev.inn.api.metric.Availability;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Classifier two-sample test against ground-truth posterior samples ({@code c2st}), as in sbibm:
 * the mean held-out accuracy of an MLP telling the method's samples from the reference's, per
 * observation with a reference, averaged over the selected observations. 0.5 is a perfect match.
 */
public final class C2stMetric implements Metric {

  @Override
  public String name() {
    return "c2st";
  }

  @Override
  public String description() {
    return "classifier two-sample test accuracy against ground-truth posterior samples (sbibm's C2ST, 0.5 = match)";
  }

  @Override
  public Map<String, Object> defaults() {
    C2stOptions o = C2stOptions.sbibm();
    return Map.of("samples", (long) o.maxSamples(), "folds", (long) o.folds(), "max_epochs", (long) o.maxEpochs(),
        "z_score", o.zScore());
  }

  @Override
  public void validate(Settings settings) {
    settings.getInt("samples", 4);
    settings.getInt("folds", 2);
    settings.getInt("max_epochs", 1);
  }

  @Override
  public boolean needsReference() {
    return true;
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return List.of("c2st");
  }

  @Override
  public Availability availability(Problem problem, Settings settings) {
    return Requirements.groundTruth(problem);
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    C2stOptions options = options(settings);
    // only the first references.size() observations have ground truth
    int n = input.references().size();
    double[] c2st = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> c2st[i] = C2st.score(input.references().get(i),
        input.posteriors().get(i), options, input.seed() * 1_000_003L + i));
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        return new double[] {Statistics.mean(c2st, indices)};
      }

      @Override
      public List<String> notes() {
        return List.of("c2st: " + options.folds() + "-fold classifier two-sample test over " + n
            + " test observations, up to " + options.maxSamples() + " samples a side"
            + (options.zScore() ? ", z-scored with the reference" : ""));
      }
    };
  }

  static C2stOptions options(Settings settings) {
    return C2stOptions.sbibm().withMaxSamples(settings.getInt("samples")).withFolds(settings.getInt("folds"))
        .withMaxEpochs(settings.getInt("max_epochs")).withZScore(settings.getBoolean("z_score"));
  }
}
