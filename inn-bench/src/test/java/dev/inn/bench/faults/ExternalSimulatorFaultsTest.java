package dev.inn.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.inn.bench.faults.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External simulators (issue 30): extra reply lines shifted every later batch onto another
 * row's x while the store reported "complete, 0 invalid"; a 200 MB reply was read whole; a
 * timeout did not stop a simulator whose child kept the pipe open.
 */
class ExternalSimulatorFaultsTest {

  /** Answers every batch with y = (a + b, a - b) in one write, then one line more. */
  private static final String EXTRA = """
      while read -r seed rows cols bytes; do
        out=""
        i=0
        while [ "$i" -lt "$rows" ]; do
          read -r a b
          out="$out$a $b
      "
          i=$((i + 1))
        done
        printf '%s999 999\\n' "$out"
      done
      """;

  /** Answers with the right rows, then floods its output (in one go, like a runaway print loop). */
  private static final String FLOOD = """
      while read -r seed rows cols bytes; do
        i=0
        while [ "$i" -lt "$rows" ]; do read -r a b; i=$((i + 1)); done
        yes '1 2' | head -n $((rows + 2000000))
      done
      """;

  private static Result simulate(Path dir, String script, String framing, String... extra) throws Exception {
    Path sh = dir.resolve("sim.sh");
    Files.writeString(sh, script);
    List<String> args = new java.util.ArrayList<>(List.of("simulate", "external", "--n", "400", "--chunk", "200",
        "--workers", "1", "--out", dir.resolve("st").toString(), "-p", "command=\"sh " + sh + "\"", "-p",
        "framing=\"" + framing + "\"", "-p", "prior=[\"a ~ uniform(0, 1)\", \"b ~ uniform(0, 1)\"]", "-p",
        "outputs=2"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aReplyWithMoreLinesThanAskedIsAProtocolErrorNamingTheSimulator(@TempDir Path dir) throws Exception {
    Result r = simulate(dir, EXTRA, "text");
    assertThat(r.code()).as(r.out()).isNotZero();
    assertThat(lastLine(r.err())).startsWith("error: ").contains("sim.sh").contains("more than asked")
        .contains("999 999").doesNotContain("\tat ");
    assertThat(r.out()).doesNotContain("complete");
  }

  @Test
  void aFloodingReplyIsRefusedWithoutReadingItAll(@TempDir Path dir) throws Exception {
    Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> simulate(dir, FLOOD, "text"));
    assertThat(r.code()).isNotZero();
    assertThat(lastLine(r.err())).startsWith("error: ").contains("sim.sh").contains("more than asked");
  }

  @Test
  void anNpyReplyOfAnotherShapeIsRefusedByItsHeader(@TempDir Path dir) throws Exception {
    assertThat(pythonWithNumpy()).as("python3 with numpy (Debian: apt-get install python3-numpy)").isTrue();
    Path py = dir.resolve("sim.py");
    // replies (rows + 1, 2): one row more than asked, announced in the header
    Files.writeString(py, """
        import io, sys
        import numpy as np
        inp, out = sys.stdin.buffer, sys.stdout.buffer
        while True:
            h = inp.readline()
            if not h:
                break
            seed, rows, cols, n = map(int, h.split())
            x = np.load(io.BytesIO(inp.read(n)))
            b = io.BytesIO(); np.save(b, np.zeros((rows + 1, 2))); out.write(b.getvalue()); out.flush()
        """);
    Result r = Cli.run("simulate", "external", "--n", "400", "--chunk", "200", "--workers", "1", "--out",
        dir.resolve("st").toString(), "-p", "command=\"python3 " + py + "\"", "-p",
        "prior=[\"a ~ uniform(0, 1)\", \"b ~ uniform(0, 1)\"]", "-p", "outputs=2");
    assertThat(r.code()).isNotZero();
    assertThat(lastLine(r.err())).startsWith("error: ").contains("sim.py").contains("broke the protocol")
        .contains("(100, 2)");
  }

  @Test
  void aTimeoutKillsTheSimulatorsChildrenAndStopsTheRunEveryTime(@TempDir Path dir) throws Exception {
    // the hang.sh, plus a helper it leaves in the background (no longer its descendant once
    // the subshell exits): either keeps the output pipe open once the shell is killed, and the
    // reply read waited forever; a duration unique to this JVM finds them afterwards (and not those
    // of another test run on the same machine)
    String duration = "1000." + ProcessHandle.current().pid();
    String script = "while read -r l; do (sleep " + duration + " &); sleep " + duration + "; done\n";
    for (int run = 0; run < 3; run++) {
      Path d = Files.createDirectories(dir.resolve("run" + run));
      Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> simulate(d, script, "text", "-p", "timeout=1.0"));
      assertThat(r.code()).as("run " + run).isNotZero();
      assertThat(r.err()).as("run " + run).contains("took longer than 1.0 s");
      // none left, and none for a whole second: a count taken while a process is still being
      // reaped or listed is not the answer
      long deadline = System.nanoTime() + 10_000_000_000L;
      long noneSince = -1;
      while (System.nanoTime() < deadline) {
        long now = System.nanoTime();
        if (orphans(duration) > 0) {
          noneSince = -1;
        } else if (noneSince < 0) {
          noneSince = now;
        } else if (now - noneSince >= 1_000_000_000L) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(noneSince).as("sleep children left running after run " + run).isNotNegative();
    }
  }

  private static String lastLine(String s) {
    return s.strip().lines().reduce((a, b) -> b).orElse("");
  }

  private static boolean pythonWithNumpy() throws Exception {
    Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  private static long orphans(String duration) {
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .filter(h -> h.info().arguments().map(a -> List.of(a).contains(duration)).orElse(false)).count();
  }
}
