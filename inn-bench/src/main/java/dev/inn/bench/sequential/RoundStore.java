package dev.inn.bench.sequential;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.core.persistence.AtomicFile;
import dev.inn.problems.dataset.NpyReader;
import dev.inn.problems.dataset.NpyWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulation store of a sequential run: {@code infer.toml} (what fixes the numbers: problem,
 * method, observation, budget, rounds, seed), and per round a folder {@code round-RR} with the
 * round's proposals {@code x.npy} (written before any simulation), its simulations in chunks
 * {@code y-KKKKK.npy} (float32; NaN rows are invalid simulations, counted in the budget), the
 * posterior estimate trained on every round so far {@code model.bin}, and {@code round.toml},
 * written last, which marks the round done. Every file is written to a temporary name and moved
 * into place, so an interrupted run resumes at the round (and chunk) it reached with the same
 * bytes as an uninterrupted one.
 */
final class RoundStore {

  static final String MANIFEST = "infer.toml";

  private final Path folder;

  private RoundStore(Path folder) {
    this.folder = folder;
  }

  /**
   * The store in {@code folder} for a run described by {@code manifest}; a folder holding another
   * run is refused, naming the first difference.
   */
  static RoundStore open(Path folder, String manifest) {
    try {
      Files.createDirectories(folder);
      Path m = folder.resolve(MANIFEST);
      if (Files.exists(m)) {
        String old = Files.readString(m, StandardCharsets.UTF_8);
        if (!old.equals(manifest)) {
          throw new IllegalArgumentException(folder + " holds the rounds of another run (" + firstDifference(old, manifest)
              + "); use another --work folder, or the same command to resume that run");
        }
      } else {
        AtomicFile.write(m, manifest.getBytes(StandardCharsets.UTF_8));
      }
      return new RoundStore(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + folder + " for the rounds: " + e.getMessage(), e);
    }
  }

  private static String firstDifference(String a, String b) {
    String[] la = a.split("\n");
    String[] lb = b.split("\n");
    for (int i = 0; i < Math.max(la.length, lb.length); i++) {
      String x = i < la.length ? la[i] : "(nothing)";
      String y = i < lb.length ? lb[i] : "(nothing)";
      if (!x.equals(y)) {
        return "stored: " + x + "; this run: " + y;
      }
    }
    return "same text";
  }

  Path folder() {
    return folder;
  }

  Path round(int r) {
    return folder.resolve(String.format("round-%02d", r + 1));
  }

  Path model(int r) {
    return round(r).resolve("model.bin");
  }

  boolean done(int r) {
    return Files.exists(round(r).resolve("round.toml"));
  }

  /** The round's proposals, or null when they were not written yet. */
  Matrix proposals(int r) {
    Path p = round(r).resolve("x.npy");
    return Files.exists(p) ? NpyReader.read(p) : null;
  }

  void writeProposals(int r, Matrix x) {
    write(round(r).resolve("x.npy"), NpyWriter.float32(x));
  }

  Path chunkFile(int r, int k) {
    return round(r).resolve(String.format("y-%05d.npy", k));
  }

  /** Chunk k of round r's simulations, or null when it was not written yet. */
  Matrix chunk(int r, int k) {
    Path p = chunkFile(r, k);
    return Files.exists(p) ? NpyReader.read(p) : null;
  }

  void writeChunk(int r, int k, Matrix y) {
    write(chunkFile(r, k), NpyWriter.float32(y));
  }

  /** Marks round r done with its record (key = value lines, values already in TOML syntax). */
  void finish(int r, Map<String, String> record) {
    StringBuilder b = new StringBuilder();
    record.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    write(round(r).resolve("round.toml"), b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The record of a finished round. */
  Map<String, String> record(int r) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(round(r).resolve("round.toml"), StandardCharsets.UTF_8)) {
        int eq = line.indexOf(" = ");
        if (eq > 0) {
          out.put(line.substring(0, eq), line.substring(eq + 3));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The valid pairs of rounds 0..r, in round and row order. */
  static Dataset validPairs(List<Matrix> xs, List<Matrix> ys) {
    int dx = xs.get(0).cols();
    int dy = ys.get(0).cols();
    List<float[]> xr = new ArrayList<>();
    List<float[]> yr = new ArrayList<>();
    for (int j = 0; j < xs.size(); j++) {
      Matrix x = xs.get(j);
      Matrix y = ys.get(j);
      for (int i = 0; i < x.rows(); i++) {
        float[] row = y.row(i);
        if (finite(row)) {
          xr.add(x.row(i));
          yr.add(row);
        }
      }
    }
    float[] xd = new float[xr.size() * dx];
    float[] yd = new float[yr.size() * dy];
    for (int i = 0; i < xr.size(); i++) {
      System.arraycopy(xr.get(i), 0, xd, i * dx, dx);
      System.arraycopy(yr.get(i), 0, yd, i * dy, dy);
    }
    return new Dataset(new Matrix(xr.size(), dx, xd), new Matrix(yr.size(), dy, yd));
  }

  static boolean finite(float[] row) {
    for (float v : row) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
