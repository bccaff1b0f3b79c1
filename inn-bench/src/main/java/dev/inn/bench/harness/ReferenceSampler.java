package dev.inn.bench.harness;

import dev.inn.api.random.Seeds;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.method.SimulationCounting;
import dev.inn.bench.suite.Suite;
import dev.inn.api.plugin.PluginLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Ground-truth posterior samples: the problem's exact posterior when it has one, otherwise
 * the suite's reference method (ABC by default) "trained" on the first seed's data.
 */
final class ReferenceSampler {

  private final Suite suite;
  private final Problem problem;
  private final ProgressListener progress;
  private final PosteriorMethod method;
  private final String description;
  private double seconds;
  private long accepted;
  private long simulations;
  private long invalid;

  ReferenceSampler(PluginLookup registry, Suite suite, Problem problem, Dataset data, ProgressListener progress) {
    this.suite = suite;
    this.problem = problem;
    this.progress = progress;
    if (problem.exactPosterior().isPresent()) {
      method = null;
      description = "exact posterior";
    } else {
      MethodProvider provider = registry.find(MethodProvider.class, suite.reference().method());
      method = provider.create(problem, suite.reference().settings());
      try {
        method.train(data, new TrainingContext(Seeds.combine(suite.testSeed(), 3), progress));
      } catch (RuntimeException e) {
        throw new BenchmarkException("reference method '" + suite.reference().method() + "' failed on problem '"
            + problem.name() + "': " + e.getMessage(), e);
      }
      description = "method '" + suite.reference().method() + "' " + suite.reference().settings().asMap();
    }
  }

  List<Matrix> sample(List<float[]> observations, String task) {
    long t0 = System.nanoTime();
    List<Matrix> out = new ArrayList<>();
    int n = suite.reference().samples();
    for (int i = 0; i < observations.size(); i++) {
      long seed = Seeds.combine(suite.testSeed(), 2_000_000 + i);
      float[] y = observations.get(i);
      if (method == null) {
        out.add(problem.exactPosterior().orElseThrow().sample(y, n, seed));
      } else if (method instanceof SimulationCounting counting) {
        SimulationCounting.Counted r = counting.sampleCounted(y, n, seed);
        out.add(r.samples());
        accepted += r.accepted();
        simulations += r.simulations();
        invalid += r.invalid();
      } else {
        out.add(method.sample(y, n, seed));
      }
      progress.update(task, i + 1, observations.size(), "");
    }
    seconds += (System.nanoTime() - t0) / 1e9;
    return out;
  }

  String description() {
    String s = String.format(java.util.Locale.ROOT, "%s, %d samples per observation (%.1f s)", description,
        suite.reference().samples(), seconds);
    if (simulations > 0) {
      s += String.format(java.util.Locale.ROOT, "; ABC ran %d simulations (%d invalid), acceptance rate %.3g",
          simulations, invalid, accepted / (double) simulations);
    }
    return s;
  }
}
