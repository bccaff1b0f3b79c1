package dev.inn.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inn simulate} killed mid-run and run again gives the bytes of an uninterrupted run. */
class SimulateCommandTest {

  static final String SHELL = "sh " + Path.of("..", "examples", "simulators", "shell", "sum_product.sh")
      .toAbsolutePath().normalize();

  @TempDir
  Path tmp;

  static List<String> args(Path out, int workers) {
    return List.of("simulate", "external", "-p", "command=\"" + SHELL + " --sleep 0.1\"", "-p", "framing=text",
        "-p", "prior=[\"a ~ uniform(0, 1)\", \"b ~ lognormal(0, 0.5)\"]", "-p", "outputs=2", "-p", "batch=25",
        "--pairs", "600", "--chunk", "25", "--seed", "42", "--workers", Integer.toString(workers), "--out", out.toString());
  }

  static String[] array(List<String> a) {
    return a.toArray(new String[0]);
  }

  static int run(List<String> a, StringWriter out, StringWriter err) {
    return Main.execute(array(a), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  static long done(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".done")).count();
    }
  }

  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        out.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void aKilledRunResumesToTheBytesOfAnUninterruptedOne() throws Exception {
    Path killed = tmp.resolve("killed");
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args(killed, 2));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (done(killed) < 5 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the run must still be going when killed; log: " + Files.readString(tmp.resolve("log")))
        .isTrue();
    p.destroyForcibly(); // SIGKILL: no shutdown hooks, chunks in flight are lost
    p.waitFor(10, TimeUnit.SECONDS);
    long finished = done(killed);
    assertThat(finished).isBetween(5L, 23L);
    assertThat(Files.readString(killed.resolve("manifest.toml"))).contains("status = \"incomplete\"");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(args(killed, 1), out, err)).as(err.toString()).isZero();
    assertThat(err.toString()).contains(finished + " of 24 chunks present, " + (24 - finished) + " to simulate");
    assertThat(out.toString()).contains("(" + (24 - finished) + " simulated now, " + finished + " kept)");

    Path whole = tmp.resolve("whole");
    assertThat(run(args(whole, 2), new StringWriter(), err)).as(err.toString()).isZero();
    Map<String, byte[]> a = files(whole);
    Map<String, byte[]> b = files(killed);
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String k : a.keySet()) {
      assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
    }
  }

  @Test
  void aStoreOfAnotherProblemSetupIsRefusedClearly() throws Exception {
    Path dir = tmp.resolve("s");
    StringWriter err = new StringWriter();
    List<String> first = new ArrayList<>(args(dir, 2));
    // the older spelling --n is still read
    first.set(first.indexOf("--pairs") + 1, "50");
    first.set(first.indexOf("--pairs"), "--n");
    first.set(first.indexOf("command=\"" + SHELL + " --sleep 0.1\""), "command=\"" + SHELL + "\"");
    assertThat(run(first, new StringWriter(), err)).as(err.toString()).isZero();
    List<String> second = new ArrayList<>(first);
    second.set(second.indexOf("--seed") + 1, "43");
    err = new StringWriter();
    assertThat(run(second, new StringWriter(), err)).isEqualTo(1);
    assertThat(err.toString()).contains("holds other simulations (seed: store 42, requested 43)");
    // and training reads it: problem and settings from the manifest
    Path model = tmp.resolve("m.bin");
    err = new StringWriter();
    StringWriter out = new StringWriter();
    int code = Main.execute(new String[] {"train", "--store", dir.toString(), "--method", "cinn", "-m", "max_epochs=1",
        "--out", model.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("trained cinn on external");
    assertThat(model).exists();
  }
}
