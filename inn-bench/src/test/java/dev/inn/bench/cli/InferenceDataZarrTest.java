package dev.inn.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inn sample --out post.zarr} writes an ArviZ InferenceData store that a reader other than
 * ours, Debian's python3-xarray with python3-zarr (which .ci/run installs), opens with the groups
 * posterior and observed_data, dimensions (chain, draw) and the very sample values of the CSV.
 */
class InferenceDataZarrTest {

  private static int run(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    return code;
  }

  /** Debian's interpreter first (a python3 earlier on the PATH, e.g. pyenv's, lacks Debian's packages). */
  private static String pythonWithXarray() {
    for (String python : new String[] {"/usr/bin/python3", "python3"}) {
      try {
        Process p = new ProcessBuilder(python, "-c", "import xarray, zarr").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return python;
        }
      } catch (Exception e) {
        // not installed: try the next
      }
    }
    return null;
  }

  @Test
  void xarrayReadsTheGroupsDimensionsAndValues(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.inn");
    run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit", "--train-size", "500", "--out",
        model.toString());
    Path zarr = dir.resolve("post.zarr");
    Path csv = dir.resolve("post.csv");
    run("sample", model.toString(), "-y", "1.5", "-n", "300", "--seed", "3", "--out", zarr.toString());
    run("sample", model.toString(), "-y", "1.5", "-n", "300", "--seed", "3", "--out", csv.toString());
    assertThat(zarr.resolve(".zmetadata")).exists();
    // written again over itself: replaced, no temporary folder left
    run("sample", model.toString(), "-y", "1.5", "-n", "300", "--seed", "3", "--out", zarr.toString());
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("post.zarr."));
    }
    String python = pythonWithXarray();
    Assumptions.assumeTrue(python != null, "python3 with xarray and zarr (Debian python3-xarray python3-zarr)"
        + " is not installed");
    String script = String.join("\n",
        "import sys, xarray as xr, zarr",
        "p = sys.argv[1]",
        "groups = sorted(k for k, _ in zarr.open_group(p, mode='r').groups())",
        "post = xr.open_zarr(p, group='posterior')",
        "obs = xr.open_zarr(p, group='observed_data')",
        "print('groups', ','.join(groups))",
        "print('vars', ','.join(sorted(post.data_vars)))",
        "print('dims', ','.join(post['x0'].dims), post.sizes['chain'], post.sizes['draw'])",
        "print('y', float(obs['y'].values[0]), ','.join(obs['y'].dims))",
        "print('first', repr(float(post['x0'].values[0, 0])), repr(float(post['x1'].values[0, 299])))");
    Process p = new ProcessBuilder(python, "-c", script, zarr.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("groups observed_data,posterior", "vars x0,x1", "dims chain,draw 1 300", "y 1.5 y_dim_0");
    // the same floats as the CSV (float32 printed by Python as the shortest double that round-trips to it)
    String[] rows = Files.readAllLines(csv).toArray(String[]::new);
    float x0 = Float.parseFloat(rows[1].split(",")[0]);
    float x1 = Float.parseFloat(rows[300].split(",")[1]);
    String first = out.lines().filter(l -> l.startsWith("first")).findFirst().orElseThrow();
    String[] v = first.split(" ");
    assertThat(Float.parseFloat(v[1])).isEqualTo(x0);
    assertThat(Float.parseFloat(v[2])).isEqualTo(x1);
  }
}
