package dev.inn.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inn train --store DIR --window-chunks N}: a store streamed chunk by chunk. */
class StreamedTrainCommandTest {

  @TempDir
  Path tmp;

  private static int run(StringWriter out, StringWriter err, String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path store() {
    Path store = tmp.resolve("sims");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "simulate", "gaussian-linear-uniform", "--pairs", "600", "--chunk", "100", "--workers",
        "1", "--out", store.toString())).as(err.toString()).isZero();
    return store;
  }

  private int train(Path store, String method, Path model, StringWriter err, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--store", store.toString(), "--method", method, "-m",
        "steps=15", "-m", "batch=64", "-m", "threads=1", "--seed", "3", "--out", model.toString()));
    args.addAll(List.of(extra));
    return run(new StringWriter(), err, args.toArray(new String[0]));
  }

  @Test
  void aStreamedNetworkBaselineEqualsTheLoadedOneAndOwnLoopsAreRefused() throws Exception {
    Path store = store();
    StringWriter err = new StringWriter();
    assertThat(train(store, "cvae", tmp.resolve("loaded.inn"), err)).as(err.toString()).isZero();
    assertThat(train(store, "cvae", tmp.resolve("streamed.inn"), err, "--window-chunks", "6")).as(err.toString())
        .isZero();
    assertThat(Files.readAllBytes(tmp.resolve("streamed.inn"))).isEqualTo(Files.readAllBytes(tmp.resolve("loaded.inn")));

    StringWriter gan = new StringWriter();
    assertThat(train(store, "cgan", tmp.resolve("gan.inn"), gan, "--window-chunks", "2")).isEqualTo(1);
    assertThat(gan.toString()).contains("cgan trains with a loop of its own").contains("train it in memory");
    assertThat(tmp.resolve("gan.inn")).doesNotExist();
  }

  @Test
  void aWindowWithoutAStoreIsRefused() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "train", "gaussian-linear-uniform", "--window-chunks", "4", "--out",
        tmp.resolve("m.inn").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("--window-chunks streams a simulation store: give it with --store DIR");
  }
}
