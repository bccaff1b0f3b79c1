package dev.inn.spark.cli;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulator;
import dev.inn.api.settings.Settings;
import dev.inn.bench.cli.InferCommand;
import dev.inn.spark.simulator.SparkSimulator;
import dev.inn.spark.store.ProblemRecipe;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code inn spark infer}: {@code inn infer} whose rounds simulate as Spark tasks. Options,
 * checks, rounds and model file are those of {@code inn infer}; only where the simulator runs
 * differs, and rows are seeded by their index, so the model file is the same.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "'inn infer' (sequential posterior estimation with a simulation budget) with each round's"
        + " simulations run as Spark tasks; the same model file as 'inn infer' for the same seed.")
final class SparkInfer extends InferCommand {

  @Option(names = "--master", description = "Spark master URL (default: local[*]; under spark-submit, its master)")
  String master;

  private JavaSparkContext sc;

  SparkInfer() {
    super();
  }

  @Override
  public Integer call() throws Exception {
    SparkMain.SparkOptions spark = new SparkMain.SparkOptions();
    spark.master = master;
    spark.plugins = pluginsOption();
    usePlugins(spark.registry());
    try (JavaSparkContext context = spark.open("inn infer")) {
      sc = context;
      return super.call();
    } finally {
      sc = null;
      ProblemRecipe.closeShared();
    }
  }

  @Override
  protected Simulator simulator(String problemName, Settings problemSettings, Problem problem) {
    return new SparkSimulator(sc, ProblemRecipe.of(problemName, problemSettings));
  }
}
