package dev.inn.bench.cli;

import dev.inn.api.data.Matrix;
import dev.inn.bench.report.ChartGrid;
import dev.inn.bench.report.DiagnosticFigures;
import dev.inn.core.persistence.AtomicFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inn plot}: a corner plot of any samples file, with optional true values and reference samples. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = {"Corner plot of a samples file (CSV with a header of parameter names, or .csv.gz): marginal"
        + " histograms on the diagonal, pairwise densities below; optional true values (dashed lines, cross) and"
        + " reference samples (grey, e.g. a reference posterior or the prior). Writes PNG and SVG."})
final class PlotCommand implements Callable<Integer> {

  @Mixin
  Main.Common common;

  @Parameters(index = "0", paramLabel = "SAMPLES", description = "samples CSV, one row per sample ('inn sample')")
  Path samples;

  @Option(names = "--true", paramLabel = "X", description = "true parameter values, comma separated (optional)")
  String truth;

  @Option(names = "--reference", paramLabel = "FILE",
      description = "reference samples with the same columns, drawn grey on the diagonal (optional)")
  Path reference;

  @Option(names = "--out", paramLabel = "FILE", description = "figure .png (an .svg is written beside it) or .svg"
      + " (default: the samples file's name with .png)")
  Path out;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Matrix x = SampleFile.readCsv(samples);
    List<String> names = SampleFile.readCsvHeader(samples, x.cols());
    float[] t = null;
    if (truth != null) {
      t = Values.parse(truth, "--true");
      if (t.length != x.cols()) {
        throw new IllegalArgumentException("--true has " + t.length + " values; " + samples + " has " + x.cols()
            + " columns " + names);
      }
    }
    Matrix ref = null;
    if (reference != null) {
      ref = SampleFile.readCsv(reference);
      if (ref.cols() != x.cols()) {
        throw new IllegalArgumentException(reference + " has " + ref.cols() + " columns; " + samples + " has "
            + x.cols() + " " + names);
      }
    }
    ChartGrid grid = DiagnosticFigures.corner(x, ref, t, names, null, DiagnosticFigures.methodColour(0));
    Path png = out;
    if (png == null) {
      String base = samples.getFileName().toString().replaceFirst("(?i)\\.csv(\\.gz)?$", "");
      png = samples.toAbsolutePath().resolveSibling(base + ".png");
    }
    String lower = png.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".svg")) {
      AtomicFile.refuseNonRegular(png, "a figure");
      AtomicFile.write(png, grid.svg());
    } else if (lower.endsWith(".png")) {
      Path svg = png.resolveSibling(png.getFileName().toString().replaceFirst("(?i)\\.png$", ".svg"));
      AtomicFile.refuseNonRegular(png, "a figure");
      AtomicFile.refuseNonRegular(svg, "a figure");
      AtomicFile.write(png, grid.png());
      AtomicFile.write(svg, grid.svg());
    } else {
      throw new IllegalArgumentException("--out " + png + " must end in .png or .svg");
    }
    spec.commandLine().getOut().println("corner plot of " + x.rows() + " samples: " + png.toAbsolutePath());
    return 0;
  }
}
