package dev.inn.problems.store;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.problems.dataset.DataFileException;
import dev.inn.problems.dataset.NpyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A folder of simulated (x, y) pairs in chunks: {@code chunk-NNNNN-x.npy} and
 * {@code chunk-NNNNN-y.npy} (float32), {@code chunk-NNNNN.done} (the chunk's seed, rows and
 * invalid counts, written last, so a chunk without it is redone), and {@code manifest.toml}
 * (the {@link StorePlan}, the versions, and when complete the totals and every chunk's seed and
 * counts). Every file is written to a temporary file and renamed into place. The files'
 * bytes depend only on the plan, so a resumed run or one with other workers gives the same
 * bytes as an uninterrupted one.
 */
public final class SimulationStore {

  /** Layout version written to and required from manifests. */
  public static final String FORMAT = "inn-simulation-store-2";
  /** Name of the manifest file. */
  public static final String MANIFEST = "manifest.toml";

  private final Path folder;
  private final StorePlan plan;

  private SimulationStore(Path folder, StorePlan plan) {
    this.folder = folder;
    this.plan = plan;
  }

  /**
   * Opens {@code folder} for {@code plan}: creates it with a manifest, or checks that its
   * manifest has the same plan (a folder of other simulations is refused, naming the difference).
   */
  public static SimulationStore open(Path folder, StorePlan plan) {
    try {
      Files.createDirectories(folder);
      Path manifest = folder.resolve(MANIFEST);
      if (!Files.exists(manifest)) {
        // a store goes into a new or empty folder (or is its own, with a manifest): never among a user's files
        try (var files = Files.list(folder)) {
          List<String> present = files.limit(4).map(p -> p.getFileName().toString()).toList();
          if (!present.isEmpty()) {
            throw new IllegalArgumentException("folder " + folder + " is not empty (" + String.join(", ", present)
                + (present.size() > 3 ? ", ..." : "") + ") and holds no simulation store (no " + MANIFEST + "); give"
                + " a new or empty folder for a new store");
          }
        }
      }
      // temporary files of a killed run: never part of the store, and not to be left beside it
      try (var files = Files.list(folder)) {
        for (Path p : files.filter(p -> p.getFileName().toString().startsWith(".")
            && p.getFileName().toString().endsWith(".tmp")).toList()) {
          Files.deleteIfExists(p);
        }
      }
      if (Files.exists(manifest)) {
        Map<String, String> existing = planPart(readManifest(manifest));
        Map<String, String> wanted = planPart(parse(manifestText(plan, null)));
        if (!existing.equals(wanted)) {
          List<String> diff = new ArrayList<>();
          for (String k : union(existing, wanted)) {
            String a = existing.get(k);
            String b = wanted.get(k);
            if (a == null ? b != null : !a.equals(b)) {
              diff.add(k + ": store " + (a == null ? "(none)" : a) + ", requested " + (b == null ? "(none)" : b));
            }
          }
          throw new IllegalArgumentException("simulation store " + folder + " holds other simulations ("
              + String.join("; ", diff) + "); use another folder, or the same settings to resume it");
        }
      } else {
        try (var files = Files.list(folder)) {
          if (files.anyMatch(p -> p.getFileName().toString().startsWith("chunk-"))) {
            throw new IllegalArgumentException("folder " + folder + " has chunk files but no " + MANIFEST
                + "; refusing to mix simulations of unknown settings");
          }
        }
        writeAtomically(manifest, manifestText(plan, null).getBytes(StandardCharsets.UTF_8));
      }
      return new SimulationStore(folder, plan);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open simulation store " + folder + ": " + e.getMessage(), e);
    }
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
    return keys;
  }

  public StorePlan plan() {
    return plan;
  }

  public Path folder() {
    return folder;
  }

  /** Chunks without their {@code .done} file, in order: what a (resumed) run still has to do. */
  public List<Integer> missingChunks() {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < plan.chunks(); c++) {
      if (!Files.exists(folder.resolve(doneName(c)))) {
        out.add(c);
      }
    }
    return out;
  }

  /** Writes a finished chunk: x, y, then its {@code .done} record; safe from several threads. */
  public void write(StoreChunk chunk) {
    if (chunk.rows() != plan.rows(chunk.index()) || chunk.seed() != plan.chunkSeed(chunk.index())) {
      throw new IllegalArgumentException("chunk " + chunk.index() + " does not belong to this store's plan");
    }
    try {
      writeAtomically(folder.resolve(chunkName(chunk.index(), "x")), chunk.x());
      writeAtomically(folder.resolve(chunkName(chunk.index(), "y")), chunk.y());
      if (plan.ragged()) {
        writeAtomically(folder.resolve(chunkName(chunk.index(), "lengths")), chunk.lengths());
      }
      writeAtomically(folder.resolve(doneName(chunk.index())), doneText(chunk).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chunk " + chunk.index() + " of " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * When every chunk is written, rewrites the manifest with the totals and each chunk's seed
   * and counts and returns the total invalid count; fails naming the missing chunks otherwise.
   */
  public InvalidSimulations finish() {
    List<Integer> missing = missingChunks();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("simulation store " + folder + " misses " + missing.size() + " of "
          + plan.chunks() + " chunks (first: " + missing.get(0) + ")");
    }
    List<Map<String, String>> chunks = new ArrayList<>();
    InvalidSimulations total = InvalidSimulations.NONE;
    try {
      for (int c = 0; c < plan.chunks(); c++) {
        Map<String, String> done = parse(Files.readString(folder.resolve(doneName(c)), StandardCharsets.UTF_8));
        chunks.add(done);
        total = total.plus(new InvalidSimulations(longOf(done, "invalid_timeouts"), longOf(done, "invalid_crashes"),
            longOf(done, "invalid_non_finite"), "", ""));
      }
      writeAtomically(folder.resolve(MANIFEST), manifestText(plan, new Totals(total, chunks))
          .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish simulation store " + folder + ": " + e.getMessage(), e);
    }
    return total;
  }

  private static long longOf(Map<String, String> m, String key) {
    return Long.parseLong(m.getOrDefault(key, "0"));
  }

  /** File name of chunk {@code c}'s x or y. */
  public static String chunkName(int c, String which) {
    return String.format(Locale.ROOT, "chunk-%05d-%s.npy", c, which);
  }

  static String doneName(int c) {
    return String.format(Locale.ROOT, "chunk-%05d.done", c);
  }

  private static String doneText(StoreChunk c) {
    InvalidSimulations inv = c.invalid();
    return "index = " + c.index() + "\nseed = " + c.seed() + "\nrows = " + c.rows() + "\ninvalid = " + inv.total()
        + "\ninvalid_timeouts = " + inv.timeouts() + "\ninvalid_crashes = " + inv.crashes()
        + "\ninvalid_non_finite = " + inv.nonFinite() + "\n";
  }

  private record Totals(InvalidSimulations invalid, List<Map<String, String>> chunks) {}

  /** The manifest: valid TOML, top-level keys first, then [settings] and one [[chunk]] per chunk. */
  private static String manifestText(StorePlan plan, Totals totals) {
    StringBuilder b = new StringBuilder();
    b.append("# inn simulation store: chunk-NNNNN-x.npy / chunk-NNNNN-y.npy hold rows of x and y (float32);\n");
    b.append("# row r is simulated from (seed, r) alone, so the files do not depend on the chunk size, workers or\n");
    b.append("# interruptions (a data-set problem's chunk c holds its draws under the chunk's seed)\n");
    b.append("format = ").append(SettingText.render(FORMAT)).append('\n');
    b.append("inn_version = ").append(SettingText.render(innVersion())).append('\n');
    b.append("problem = ").append(SettingText.render(plan.problem())).append('\n');
    b.append("seed = ").append(plan.seed()).append('\n');
    b.append("n = ").append(plan.n()).append('\n');
    b.append("chunk_size = ").append(plan.chunkSize()).append('\n');
    b.append("chunks = ").append(plan.chunks()).append('\n');
    b.append("x_columns = ").append(SettingText.render(plan.xColumns())).append('\n');
    b.append("y_columns = ").append(SettingText.render(plan.yColumns())).append('\n');
    b.append("row_seeds = \"row r: prior Seeds.task(seed, r, 0), simulator row r under Seeds.combine(seed, 1)\"\n");
    b.append("chunk_seeds = \"Seeds.derive(seed, chunk index), for data-set problems\"\n");
    if (plan.ragged()) {
      // y_columns name one element's values; chunk-NNNNN-lengths.npy holds each row's element count
      b.append("observation = ").append(SettingText.render(plan.observation())).append('\n');
    }
    if (totals == null) {
      b.append("status = \"incomplete\"\n");
    } else {
      InvalidSimulations inv = totals.invalid();
      b.append("status = \"complete\"\n");
      b.append("rows = ").append(plan.n()).append('\n');
      b.append("invalid = ").append(inv.total()).append('\n');
      b.append("invalid_timeouts = ").append(inv.timeouts()).append('\n');
      b.append("invalid_crashes = ").append(inv.crashes()).append('\n');
      b.append("invalid_non_finite = ").append(inv.nonFinite()).append('\n');
    }
    b.append("\n[settings]\n");
    plan.settings().forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    if (totals != null) {
      for (Map<String, String> c : totals.chunks()) {
        b.append("\n[[chunk]]\n");
        c.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
      }
    }
    return b.toString();
  }

  /** The inn version stamped into the jar at build time. */
  public static String innVersion() {
    try (InputStream in = SimulationStore.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("inn.version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Top-level keys and {@code settings.KEY}, up to the first {@code [[chunk]]}. */
  private static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String prefix = "";
    for (String line : text.lines().toList()) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.equals("[[chunk]]")) {
        break;
      }
      if (l.equals("[settings]")) {
        prefix = "settings.";
        continue;
      }
      int eq = l.indexOf(" = ");
      if (eq > 0) {
        out.put(prefix + l.substring(0, eq).strip(), l.substring(eq + 3).strip());
      }
    }
    return out;
  }

  private static Map<String, String> readManifest(Path manifest) throws IOException {
    return parse(Files.readString(manifest, StandardCharsets.UTF_8));
  }

  /** The keys that fix the numbers (not versions, status or totals). */
  private static Map<String, String> planPart(Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (!List.of("inn_version", "status", "rows", "invalid", "invalid_timeouts", "invalid_crashes",
          "invalid_non_finite").contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * What a store's manifest says it holds, without reading the pairs.
   *
   * @param problem the registered problem name
   * @param settings the problem's settings as TOML literals
   * @param complete whether every chunk is written
   */
  public record Header(String problem, Map<String, String> settings, long seed, long n, boolean complete) {}

  /** Pairs per chunk of the store in {@code folder} (the last chunk may hold fewer). */
  public static long chunkSize(Path folder) {
    return Long.parseLong(manifestOf(folder).get("chunk_size"));
  }

  /** Reads the manifest of the store in {@code folder}. */
  public static Header header(Path folder) {
    Map<String, String> m = manifestOf(folder);
    return new Header(unquote(m.get("problem")), settingsOf(m), Long.parseLong(m.get("seed")),
        Long.parseLong(m.get("n")), "complete".equals(unquote(m.get("status"))));
  }

  static Map<String, String> settingsOf(Map<String, String> m) {
    Map<String, String> settings = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (k.startsWith("settings.")) {
        settings.put(k.substring("settings.".length()), v);
      }
    });
    return settings;
  }

  static Map<String, String> manifestOf(Path folder) {
    Path manifest = folder.resolve(MANIFEST);
    Map<String, String> m;
    try {
      m = readManifest(manifest);
    } catch (NoSuchFileException e) {
      throw new DataFileException(folder + " is not a simulation store (no " + MANIFEST + "); make one with "
          + "'inn simulate PROBLEM --n N --out " + folder + "'");
    } catch (IOException e) {
      throw new DataFileException("cannot read " + manifest + ": " + e.getMessage(), e);
    }
    String format = unquote(m.get("format"));
    if (!FORMAT.equals(format)) {
      throw new DataFileException(manifest + ": store format '" + format + "', this version reads '" + FORMAT + "'");
    }
    for (String key : List.of("problem", "seed", "n", "chunks", "x_columns", "y_columns", "status")) {
      if (!m.containsKey(key)) {
        throw new DataFileException(manifest + ": missing key '" + key + "'");
      }
    }
    return m;
  }

  /** A complete store read back. */
  public record Contents(String problem, Map<String, String> settings, long seed, List<String> xColumns,
      List<String> yColumns, Dataset data, long invalid) {}

  /**
   * Chunks of sets or sequences: each chunk's y padded to its own longest row, read back padded
   * to the longest of the store, with the lengths files.
   */
  private static Dataset readRagged(Path folder, int chunks, long n, int xCols, int width) {
    List<Matrix> xs = new ArrayList<>();
    List<Matrix> ys = new ArrayList<>();
    int[] lengths = new int[(int) n];
    int row = 0;
    int longest = 1;
    for (int c = 0; c < chunks; c++) {
      Matrix cx = NpyReader.read(folder.resolve(chunkName(c, "x")));
      Matrix cy = NpyReader.read(folder.resolve(chunkName(c, "y")));
      Matrix cl = NpyReader.read(folder.resolve(chunkName(c, "lengths")));
      if (cx.cols() != xCols || cy.cols() % width != 0 || cx.rows() != cy.rows() || cl.rows() != cx.rows()
          || cl.cols() != 1 || row + cx.rows() > n) {
        throw new DataFileException(folder + ": chunk " + c + " has shapes (" + cx.rows() + ", " + cx.cols() + "), ("
            + cy.rows() + ", " + cy.cols() + ") and lengths (" + cl.rows() + ", " + cl.cols() + "), which do not fit"
            + " the manifest");
      }
      for (int i = 0; i < cl.rows(); i++) {
        float l = cl.data()[i];
        if (l != Math.rint(l) || l < 0 || l * width > cy.cols()) {
          throw new DataFileException(folder.resolve(chunkName(c, "lengths")) + " row " + i + ": length " + l
              + " does not fit rows of " + cy.cols() / width + " elements");
        }
        lengths[row + i] = (int) l;
      }
      longest = Math.max(longest, cy.cols() / width);
      xs.add(cx);
      ys.add(cy);
      row += cx.rows();
    }
    if (row != n) {
      throw new DataFileException(folder + ": chunks hold " + row + " pairs, the manifest says " + n);
    }
    int cols = longest * width;
    float[] x = new float[(int) n * xCols];
    float[] y = new float[(int) n * cols];
    int at = 0;
    for (int c = 0; c < xs.size(); c++) {
      Matrix cx = xs.get(c);
      Matrix cy = ys.get(c);
      System.arraycopy(cx.data(), 0, x, at * xCols, cx.data().length);
      for (int i = 0; i < cy.rows(); i++) {
        System.arraycopy(cy.data(), i * cy.cols(), y, (at + i) * cols, cy.cols());
      }
      at += cx.rows();
    }
    return new Dataset(new Matrix((int) n, xCols, x), new Matrix((int) n, cols, y), lengths);
  }

  /**
   * Reads a complete store; an incomplete one is refused with how to finish it, a missing
   * or malformed file is named.
   */
  public static Contents read(Path folder) {
    Map<String, String> m = manifestOf(folder);
    if (!"complete".equals(unquote(m.get("status")))) {
      throw new DataFileException("simulation store " + folder + " is incomplete (an interrupted run); finish it by "
          + "running the same 'inn simulate' command again");
    }
    int chunks = Integer.parseInt(m.get("chunks"));
    List<String> xs = strings(m.get("x_columns"));
    List<String> ys = strings(m.get("y_columns"));
    long n = Long.parseLong(m.get("n"));
    if (n > Integer.MAX_VALUE) {
      throw new DataFileException(folder + ": " + n + " pairs are too many to load at once");
    }
    if (m.containsKey("observation")) {
      Dataset data = readRagged(folder, chunks, n, xs.size(), ys.size());
      return new Contents(unquote(m.get("problem")), settingsOf(m), Long.parseLong(m.get("seed")), xs, ys, data,
          Long.parseLong(m.getOrDefault("invalid", "0")));
    }
    float[] x = new float[(int) n * xs.size()];
    float[] y = new float[(int) n * ys.size()];
    int row = 0;
    for (int c = 0; c < chunks; c++) {
      Matrix cx = NpyReader.read(folder.resolve(chunkName(c, "x")));
      Matrix cy = NpyReader.read(folder.resolve(chunkName(c, "y")));
      if (cx.cols() != xs.size() || cy.cols() != ys.size() || cx.rows() != cy.rows() || row + cx.rows() > n) {
        throw new DataFileException(folder + ": chunk " + c + " has shapes (" + cx.rows() + ", " + cx.cols() + ") and ("
            + cy.rows() + ", " + cy.cols() + "), which do not fit the manifest");
      }
      System.arraycopy(cx.data(), 0, x, row * xs.size(), cx.data().length);
      System.arraycopy(cy.data(), 0, y, row * ys.size(), cy.data().length);
      row += cx.rows();
    }
    if (row != n) {
      throw new DataFileException(folder + ": chunks hold " + row + " pairs, the manifest says " + n);
    }
    return new Contents(unquote(m.get("problem")), settingsOf(m), Long.parseLong(m.get("seed")), xs, ys,
        new Dataset(new Matrix((int) n, xs.size(), x), new Matrix((int) n, ys.size(), y)),
        Long.parseLong(m.getOrDefault("invalid", "0")));
  }

  static String unquote(String s) {
    if (s == null) {
      return null;
    }
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : s;
  }

  /** A list written by {@link SettingText} of names without quotes or commas inside. */
  static List<String> strings(String s) {
    String inner = s.strip();
    inner = inner.substring(1, inner.length() - 1);
    List<String> out = new ArrayList<>();
    for (String part : inner.split(",")) {
      if (!part.isBlank()) {
        out.add(unquote(part.strip()));
      }
    }
    return out;
  }
}
