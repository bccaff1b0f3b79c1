package dev.inn.core.persistence;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.plugin.PluginRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file per trained model: a magic word and format version, the method and problem with
 * their settings (keys sorted, so the same model gives the same bytes), what sampling needs of
 * the problem (a data-only problem, one without prior, simulator or exact posterior such as a
 * user's CSV, is stored by its column names, observation shape (from format 5), latent dimension, support, a slice of its held-out
 * pairs and training parameters for analysis and diagnosis, and never reopened;
 * any other problem is recreated from its settings), then the method's own
 * state ({@link PosteriorMethod#save}), then a CRC-32C of everything before it. Loading checks
 * the checksum before it trusts a byte and recreates both through the registry, so any plugin
 * method is saved the same way. Files are written to a temporary name in the target folder and
 * moved into place, never left half-written, and never onto anything but a regular file.
 */
public final class ModelFile {

  /** Bumped whenever the layout changes; older files are refused with a clear message. */
  public static final int FORMAT_VERSION = 6;

  /** The oldest layout still read: format 2 lacks the problem description. */
  private static final int OLDEST_READ = 2;

  /** Bytes of the checksum trailer. */
  private static final int TRAILER = Long.BYTES;

  private static final String MAGIC = "inn-model";

  private ModelFile() {}

  /**
   * What a model file says about itself.
   *
   * @param validity where the model holds, empty for an amortized model (valid for any observation
   *     under the prior); a sequential run ({@code inn infer}) records its observation, the truncated
   *     prior (log-density threshold, prior volume) and its simulation counts (format 6 on)
   */
  public record Header(int formatVersion, String method, Settings methodSettings, String problem,
      Settings problemSettings, Map<String, Object> validity) {

    public Header {
      validity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(validity));
    }

    /** The header of an amortized model. */
    public Header(int formatVersion, String method, Settings methodSettings, String problem,
        Settings problemSettings) {
      this(formatVersion, method, methodSettings, problem, problemSettings, Map.of());
    }
  }

  /** A loaded model with the problem it was trained for. */
  public record Loaded(Header header, Problem problem, PosteriorMethod method) {}

  /**
   * Writes the model of {@code method}, trained on {@code problem}, atomically; refuses a
   * destination that exists and is not a regular file.
   */
  public static void save(Path file, Header header, Problem problem, PosteriorMethod method) throws IOException {
    checkWritable(file);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(header.method());
      writeValue(out, header.methodSettings().asMap());
      out.writeUTF(header.problem());
      writeValue(out, header.problemSettings().asMap());
      writeValue(out, header.validity());
      SavedProblem.write(out, problem);
      method.save(out);
      out.writeLong(checksum(bytes.toByteArray(), bytes.size()));
    }
    AtomicFile.write(file, bytes.toByteArray());
  }

  /**
   * Fails before any work when {@code file} cannot receive a model: an existing non-regular
   * file (a device such as /dev/full, a folder) or a folder that cannot be created or written.
   */
  public static void checkWritable(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    AtomicFile.refuseNonRegular(abs, "a model");
    Path dir = abs.getParent();
    // a model of the default sizes takes one or two MB; ask for ample room
    AtomicFile.checkSpace(dir, 16_000_000L, "a model");
    Files.createDirectories(dir);
    if (!Files.isWritable(dir)) {
      throw new IOException("cannot write a model into " + dir + ": the folder is not writable");
    }
  }

  /** True when {@code file} is a regular file that starts like an inn model file (its checksum is not checked). */
  public static boolean isModelFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      byte[] head = in.readNBytes(2 + MAGIC.length());
      return head.length == 2 + MAGIC.length() && MAGIC.equals(new DataInputStream(new ByteArrayInputStream(head))
          .readUTF());
    } catch (IOException e) {
      return false;
    }
  }

  private static long checksum(byte[] data, int length) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(data, 0, length);
    return crc.getValue();
  }

  /** Loads a model file (see the class comment); every problem in it is a clear {@link IOException} naming the file. */
  public static Loaded load(Path file, dev.inn.api.plugin.PluginLookup registry) throws IOException {
    return load(file, registry, Map.of());
  }

  /**
   * As {@link #load(Path, dev.inn.api.plugin.PluginLookup)}, with {@code problemOverrides}
   * replacing problem settings stored in the file (e.g. the command of an external simulator,
   * given again by the user instead of taken from the file).
   */
  public static Loaded load(Path file, dev.inn.api.plugin.PluginLookup registry, Map<String, Object> problemOverrides)
      throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("model file " + file + " is a folder, not a model file");
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("model file " + file + " does not exist");
    }
    try {
      return read(file, registry, problemOverrides);
    } catch (IOException | RuntimeException e) {
      // a checked format (checksum, counts against the bytes left) reaches here with its reason;
      // say which file it is about, once
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (m.contains(file.toString())) {
        throw e;
      }
      throw new IOException("model file " + file + ": " + m, e);
    }
  }

  private static Loaded read(Path file, dev.inn.api.plugin.PluginLookup registry, Map<String, Object> problemOverrides)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String magic;
      try {
        magic = in.readUTF();
      } catch (IOException e) {
        throw new IOException(file + " is not an inn model file");
      }
      if (!MAGIC.equals(magic)) {
        throw new IOException(file + " is not an inn model file");
      }
      int version = in.readInt();
      if (version < OLDEST_READ || version > FORMAT_VERSION) {
        throw new IOException(file + " has model format " + version + ", this version reads " + OLDEST_READ + " to "
            + FORMAT_VERSION + (version < OLDEST_READ ? " (files without a checksum); train the model again" : ""));
      }
      if (bytes.length < TRAILER + 2 || checksum(bytes, bytes.length - TRAILER)
          != java.nio.ByteBuffer.wrap(bytes, bytes.length - TRAILER, TRAILER).getLong()) {
        throw new IOException(file + " is corrupted or truncated: its checksum does not match its content");
      }
      String methodName = in.readUTF();
      Map<String, Object> methodValues = asMap(readValue(in, 0));
      String problemName = in.readUTF();
      Map<String, Object> problemValues = asMap(readValue(in, 0));
      problemValues.putAll(problemOverrides);
      Map<String, Object> validity = version >= 6 ? asMap(readValue(in, 0)) : Map.of();
      ProblemProvider pp = registry.find(ProblemProvider.class, problemName);
      MethodProvider mp = registry.find(MethodProvider.class, methodName);
      Settings ps = PluginRegistry.settingsFor(pp, "problem", problemValues);
      Settings ms = PluginRegistry.settingsFor(mp, "method", methodValues);
      // a data-only problem comes from the file itself: its data are not needed, and may be gone
      Problem problem = version >= 3 ? SavedProblem.read(in, problemName, version).orElseGet(() -> pp.create(ps))
          : pp.create(ps);
      PosteriorMethod method;
      // the stored settings decide the network's size: it may not exceed what the file holds
      // (every parameter value is stored, 4 bytes each; slack for the untrained network a method
      // builds before reading its state)
      try (ParameterStore.Budget b = ParameterStore.budget(3L * in.available() / Float.BYTES + (1 << 20),
          "model file " + file)) {
        method = mp.create(problem, ms);
        method.load(in);
      }
      if (in.available() != TRAILER) {
        throw new IOException(file + " does not match method '" + methodName + "': " + (in.available() - TRAILER)
            + " bytes of state left over");
      }
      return new Loaded(new Header(version, methodName, ms, problemName, ps, validity), problem, method);
    } catch (EOFException e) {
      throw new IOException(file + " is truncated", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) throws IOException {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IOException("corrupt settings in model file");
  }

  private static void writeValue(DataOutputStream out, Object v) throws IOException {
    if (v instanceof Boolean b) {
      out.writeByte('b');
      out.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long) {
      out.writeByte('l');
      out.writeLong(((Number) v).longValue());
    } else if (v instanceof Number n) {
      out.writeByte('d');
      out.writeDouble(n.doubleValue());
    } else if (v instanceof String s) {
      out.writeByte('s');
      out.writeUTF(s);
    } else if (v instanceof List<?> list) {
      out.writeByte('L');
      out.writeInt(list.size());
      for (Object e : list) {
        writeValue(out, e);
      }
    } else if (v instanceof Map<?, ?> map) {
      out.writeByte('M');
      out.writeInt(map.size());
      // sorted keys: a settings map's iteration order varies, the file's bytes must not
      java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
      map.forEach((k, val) -> sorted.put(String.valueOf(k), val));
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.writeUTF(String.valueOf(e.getKey()));
        writeValue(out, e.getValue());
      }
    } else {
      throw new IOException("cannot store setting value " + v + " of type " + (v == null ? "null" : v.getClass()));
    }
  }

  private static Object readValue(DataInputStream in, int depth) throws IOException {
    if (depth > 16) {
      throw new IOException("corrupt settings: nested more than 16 deep");
    }
    int tag = in.readByte();
    switch (tag) {
      case 'b':
        return in.readBoolean();
      case 'l':
        long l = in.readLong();
        return l == (int) l ? (Object) (int) l : (Object) l;
      case 'd':
        return in.readDouble();
      case 's':
        return in.readUTF();
      case 'L': {
        // an element takes at least its tag byte and one more
        int n = MatrixIo.checkCount(in, in.readInt(), 2, "settings list");
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue(in, depth + 1));
        }
        return list;
      }
      case 'M': {
        int n = MatrixIo.checkCount(in, in.readInt(), 4, "settings table");
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String k = in.readUTF();
          map.put(k, readValue(in, depth + 1));
        }
        return map;
      }
      default:
        throw new IOException("corrupt model file (unknown value tag " + tag + ")");
    }
  }
}
