package dev.inn.spark.simulator;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.spark.store.ProblemRecipe;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A problem's simulator run as Spark tasks: the rows are split into slices, each slice is
 * simulated on an executor by the recipe's shared problem, and the slices come back in order.
 * A row's noise depends on the seed and its row index alone, so the result equals the local
 * simulator's row for row.
 */
public final class SparkSimulator implements Simulator {

  private final JavaSparkContext sc;
  private final ProblemRecipe recipe;

  /** Simulates with the problem {@code recipe} makes on each executor; one slice per task slot of {@code sc}. */
  public SparkSimulator(JavaSparkContext sc, ProblemRecipe recipe) {
    this.sc = sc;
    this.recipe = recipe;
  }

  /** One slice's input as plain serialisable data. */
  private record Slice(long firstRow, int rows, int cols, float[] x) implements Serializable {}

  /** One slice's simulation as plain serialisable data. */
  private record Result(int cols, float[] y, boolean[] valid, int[] lengths) implements Serializable {}

  @Override
  public Simulation simulate(Matrix x, long seed, long firstRow) {
    int n = x.rows();
    int slots = Math.max(1, sc.defaultParallelism());
    int sliceRows = Math.max(1, (n + slots - 1) / slots);
    List<Slice> slices = new ArrayList<>();
    for (int from = 0; from < n; from += sliceRows) {
      int to = Math.min(n, from + sliceRows);
      slices.add(new Slice(firstRow + from, to - from, x.cols(), x.rows(from, to).data().clone()));
    }
    if (slices.isEmpty()) {
      return recipe.shared().simulator().orElseThrow().simulate(x, seed, firstRow);
    }
    ProblemRecipe r = recipe;
    List<Result> parts = sc.parallelize(slices, slices.size()).map(s -> {
      Simulation sim = r.shared().simulator().orElseThrow(() -> new IllegalStateException("problem '" + r.name()
          + "' has no simulator")).simulate(new Matrix(s.rows(), s.cols(), s.x()), seed, s.firstRow());
      return new Result(sim.y().cols(), sim.y().data(), sim.valid(), sim.lengths());
    }).collect();
    int cols = parts.get(0).cols();
    boolean ragged = parts.get(0).lengths().length > 0;
    float[] y = new float[n * cols];
    boolean[] valid = new boolean[n];
    int[] lengths = ragged ? new int[n] : new int[0];
    int row = 0;
    for (Result p : parts) {
      if (p.cols() != cols || (p.lengths().length > 0) != ragged) {
        throw new IllegalStateException("the Spark slices of one simulation disagree on their output width ("
            + cols + " and " + p.cols() + " values per row); ragged outputs are not gathered from slices");
      }
      int rows = p.valid().length;
      System.arraycopy(p.y(), 0, y, row * cols, rows * cols);
      System.arraycopy(p.valid(), 0, valid, row, rows);
      if (ragged) {
        System.arraycopy(p.lengths(), 0, lengths, row, rows);
      }
      row += rows;
    }
    return new Simulation(new Matrix(n, cols, y), valid, lengths);
  }
}
