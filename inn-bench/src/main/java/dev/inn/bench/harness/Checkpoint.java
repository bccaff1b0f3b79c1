package dev.inn.bench.harness;

import dev.inn.core.persistence.MatrixIo;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.TrainingHistory;
import dev.inn.core.persistence.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The finished (problem, method, seed) runs of a suite, kept on disk as they complete so that an
 * interrupted suite resumes without redoing them. One small file per run, written atomically,
 * holding everything the report needs of it (values, curves, notes, loss history, wall times,
 * figure samples) bit for bit, with a hash of the resolved suite and a CRC-32C trailer. The
 * folder also keeps the resolved suite text ({@value #SUITE_FILE}), so a resume with a changed
 * suite is refused with the first line that differs.
 */
public final class Checkpoint {

  /** The resolved suite the cells were computed for. */
  public static final String SUITE_FILE = "suite.toml";

  private static final String MAGIC = "inn-cell";
  private static final int VERSION = 1;

  private final Path folder;
  private final String suiteHash;

  private Checkpoint(Path folder, String suiteHash) {
    this.folder = folder;
    this.suiteHash = suiteHash;
  }

  /** No checkpoint: nothing is kept, nothing is found. */
  public static Checkpoint none() {
    return new Checkpoint(null, "");
  }

  /**
   * A new checkpoint folder for the suite whose resolved text is {@code suiteText}; the folder
   * must not exist yet.
   */
  public static Checkpoint create(Path folder, String suiteText) {
    if (Files.exists(folder)) {
      throw new IllegalArgumentException("checkpoint folder " + folder + " already exists; resume it with --resume or"
          + " choose another --out");
    }
    try {
      // the kept runs and the report (figures included) take a few to tens of MB
      AtomicFile.checkSpace(folder, 50_000_000L, "a suite's results");
      Files.createDirectories(folder);
      AtomicFile.write(folder.resolve(SUITE_FILE), suiteText.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create checkpoint folder " + folder + ": " + e.getMessage(), e);
    }
    return new Checkpoint(folder, hash(suiteText));
  }

  /**
   * The existing checkpoint in {@code folder}, refused when it was written for another suite
   * than {@code suiteText} (the message names the first differing line).
   */
  public static Checkpoint resume(Path folder, String suiteText) {
    Path stored = folder.resolve(SUITE_FILE);
    if (!Files.isRegularFile(stored)) {
      throw new IllegalArgumentException("nothing to resume: " + folder + " is not a checkpoint folder (no " + SUITE_FILE
          + ")");
    }
    String before;
    try {
      before = Files.readString(stored, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + stored + ": " + e.getMessage(), e);
    }
    if (!hash(before).equals(hash(suiteText))) {
      throw new IllegalArgumentException("cannot resume from " + folder + ": the suite changed since its finished runs"
          + " were kept (" + firstDifference(before, suiteText) + "); restore the suite, or run it again without"
          + " --resume");
    }
    return new Checkpoint(folder, hash(suiteText));
  }

  /** Where the cells are kept (empty for {@link #none()}). */
  public Optional<Path> folder() {
    return Optional.ofNullable(folder);
  }

  /** How many finished runs the folder holds. */
  public int size() {
    if (folder == null) {
      return 0;
    }
    try (var files = Files.list(folder)) {
      return (int) files.filter(p -> p.getFileName().toString().endsWith(".cell")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The kept result of (problem, method, seed), if that run finished before. */
  public Optional<MethodResults> find(String problem, String method, long seed) {
    if (folder == null) {
      return Optional.empty();
    }
    Path file = file(problem, method, seed);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(Files.readAllBytes(file), file, problem, method, seed));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume from " + file + ": " + e.getMessage() + "; delete that file to"
          + " run its method again", e);
    }
  }

  /** Keeps a finished run; written atomically, so an interruption leaves it whole or absent. */
  public void put(String problem, MethodResults r) {
    if (folder == null) {
      return;
    }
    Path file = file(problem, r.method(), r.seed());
    try {
      AtomicFile.write(file, bytes(problem, r));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the finished run in " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes the folder (after the report holding every result was written). */
  public void delete() {
    if (folder == null) {
      return;
    }
    try (var files = Files.list(folder)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // a leftover checkpoint holds nothing the report lacks
    }
  }

  private Path file(String problem, String method, long seed) {
    String key = problem + "\u0000" + method + "\u0000" + seed;
    return folder.resolve(safe(problem) + "." + safe(method) + ".seed" + seed + "." + hash(key).substring(0, 8)
        + ".cell");
  }

  private static String safe(String label) {
    String s = label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "x" : s;
  }

  /** SHA-256 of the suite text without comment lines (the source path may be spelled differently). */
  static String hash(String suiteText) {
    StringBuilder sb = new StringBuilder();
    suiteText.lines().filter(l -> !l.startsWith("#")).forEach(l -> sb.append(l).append('\n'));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstDifference(String before, String now) {
    List<String> a = before.lines().filter(l -> !l.startsWith("#")).toList();
    List<String> b = now.lines().filter(l -> !l.startsWith("#")).toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "(nothing)";
      String y = i < b.size() ? b.get(i) : "(nothing)";
      if (!x.equals(y)) {
        return "resolved suite line " + (i + 1) + " was '" + x + "', now '" + y + "'";
      }
    }
    return "same text";
  }

  private byte[] bytes(String problem, MethodResults r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(suiteHash);
      out.writeUTF(problem);
      out.writeUTF(r.method());
      out.writeUTF(r.plugin());
      out.writeLong(r.seed());
      out.writeInt(r.cells().size());
      for (Map.Entry<String, Cell> e : r.cells().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue().value());
        out.writeDouble(e.getValue().se());
        writeNullable(out, e.getValue().unavailable());
      }
      out.writeInt(r.curves().size());
      for (Map.Entry<String, Map<String, double[]>> e : r.curves().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().size());
        for (Map.Entry<String, double[]> c : e.getValue().entrySet()) {
          out.writeUTF(c.getKey());
          writeDoubles(out, c.getValue());
        }
      }
      writeStrings(out, r.notes());
      out.writeInt(r.history().steps().size());
      for (int step : r.history().steps()) {
        out.writeInt(step);
      }
      out.writeInt(r.history().terms().size());
      for (Map.Entry<String, List<Double>> e : r.history().terms().entrySet()) {
        out.writeUTF(e.getKey());
        writeDoubles(out, e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
      }
      out.writeDouble(r.trainSeconds());
      out.writeDouble(r.sampleSeconds());
      out.writeDouble(r.evaluateSeconds());
      out.writeInt(r.figureSamples().size());
      for (Matrix m : r.figureSamples()) {
        MatrixIo.write(out, m);
      }
      out.writeBoolean(r.latent() != null);
      if (r.latent() != null) {
        MatrixIo.write(out, r.latent().z());
        MatrixIo.write(out, r.latent().x());
      }
      out.writeLong(crc(bytes.toByteArray(), bytes.size()));
    }
    return bytes.toByteArray();
  }

  private MethodResults read(byte[] bytes, Path file, String problem, String method, long seed) throws IOException {
    if (bytes.length < Long.BYTES
        || crc(bytes, bytes.length - Long.BYTES) != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES)
        .getLong()) {
      throw new IOException("the file is corrupted or truncated (its checksum does not match)");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES));
    if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
      throw new IOException("not a finished-run file of this version");
    }
    if (!suiteHash.equals(in.readUTF())) {
      throw new IOException("it was computed for another suite (its suite hash differs)");
    }
    String p = in.readUTF();
    String m = in.readUTF();
    String plugin = in.readUTF();
    long s = in.readLong();
    if (!p.equals(problem) || !m.equals(method) || s != seed) {
      throw new IOException("it holds method '" + m + "' on problem '" + p + "' (seed " + s + ")");
    }
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      String k = in.readUTF();
      double value = in.readDouble();
      double se = in.readDouble();
      cells.put(k, new Cell(value, se, readNullable(in)));
    }
    Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      String metric = in.readUTF();
      Map<String, double[]> named = new LinkedHashMap<>();
      for (int j = in.readInt(); j > 0; j--) {
        named.put(in.readUTF(), readDoubles(in));
      }
      curves.put(metric, named);
    }
    List<String> notes = readStrings(in);
    List<Integer> steps = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      steps.add(in.readInt());
    }
    Map<String, List<Double>> terms = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      String name = in.readUTF();
      List<Double> values = new ArrayList<>();
      for (double v : readDoubles(in)) {
        values.add(v);
      }
      terms.put(name, values);
    }
    double train = in.readDouble();
    double sample = in.readDouble();
    double evaluate = in.readDouble();
    List<Matrix> figures = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      figures.add(MatrixIo.read(in));
    }
    LatentMap latent = in.readBoolean() ? new LatentMap(MatrixIo.read(in), MatrixIo.read(in)) : null;
    if (in.available() != 0) {
      throw new IOException(in.available() + " bytes left over");
    }
    return new MethodResults(m, plugin, s, cells, curves, notes, new TrainingHistory(steps, terms), train, sample,
        evaluate, figures, latent);
  }

  private static long crc(byte[] data, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, 0, length);
    return crc.getValue();
  }

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      // writeUTF holds at most 64 KiB; a note is one line
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      out.add(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double d : v) {
      out.writeDouble(d);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] v = new double[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readDouble();
    }
    return v;
  }
}
