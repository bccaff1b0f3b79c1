package dev.inn.bench.cli;

import dev.inn.api.data.Matrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Posterior samples as an ArviZ InferenceData store in Zarr format 2 ({@code az.from_zarr(path)},
 * {@code xarray.open_zarr(path, group="posterior")}): group {@code posterior} with one variable per
 * parameter of dimensions (chain, draw), one chain; group {@code observed_data} with the
 * observation y* (dimension y_dim_0, its names in the attribute {@code names}). Arrays are single
 * uncompressed little-endian chunks with xarray's {@code _ARRAY_DIMENSIONS}, and the metadata is
 * also consolidated in {@code .zmetadata}, so readers need no listing. Zarr rather than netCDF:
 * ArviZ's netCDF files are netCDF-4 (HDF5) with groups, which no pure-Java writer on Maven
 * Central produces (netcdf-java writes netCDF-3 without native libraries, and netCDF-3 has no
 * groups). The folder is built under a temporary name beside the target and renamed into place.
 */
final class InferenceDataZarr {

  private InferenceDataZarr() {}

  /** Writes {@code samples} (one row per draw) and the observation into the folder {@code target}. */
  static void write(Path target, Matrix samples, List<String> names, float[] observation,
      List<String> observationNames) throws IOException {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new FileAlreadyExistsException(target + " exists and is not a folder; a .zarr output is a folder");
    }
    if (Files.isDirectory(target) && !Files.exists(target.resolve(".zgroup"))) {
      throw new FileAlreadyExistsException(target + " is a folder but not a Zarr store; refusing to replace it");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, String> meta = new LinkedHashMap<>();
    group(files, meta, "", "{}");
    group(files, meta, "posterior", "{\"inference_library\": \"inn\"}");
    int n = samples.rows();
    long[] draws = new long[n];
    for (int i = 0; i < n; i++) {
      draws[i] = i;
    }
    array(files, meta, "posterior/chain", new long[] {1}, "<i8", "[\"chain\"]", longs(new long[] {0}), "");
    array(files, meta, "posterior/draw", new long[] {n}, "<i8", "[\"draw\"]", longs(draws), "");
    List<String> seen = new ArrayList<>();
    for (int c = 0; c < samples.cols(); c++) {
      String var = variable(names.get(c), seen);
      array(files, meta, "posterior/" + var, new long[] {1, n}, "<f4", "[\"chain\", \"draw\"]",
          floats(samples.column(c)), "");
    }
    group(files, meta, "observed_data", "{\"inference_library\": \"inn\"}");
    int dy = observation.length;
    long[] index = new long[dy];
    for (int j = 0; j < dy; j++) {
      index[j] = j;
    }
    array(files, meta, "observed_data/y_dim_0", new long[] {dy}, "<i8", "[\"y_dim_0\"]", longs(index), "");
    StringBuilder yNames = new StringBuilder("[");
    for (int j = 0; j < dy; j++) {
      yNames.append(j == 0 ? "" : ", ").append(json(observationNames.get(j)));
    }
    array(files, meta, "observed_data/y", new long[] {dy}, "<f4", "[\"y_dim_0\"]", floats(observation),
        ", \"names\": " + yNames + "]");
    StringBuilder consolidated = new StringBuilder("{\"metadata\": {");
    boolean first = true;
    for (Map.Entry<String, String> e : meta.entrySet()) {
      consolidated.append(first ? "" : ", ").append(json(e.getKey())).append(": ").append(e.getValue());
      first = false;
    }
    files.put(".zmetadata", consolidated.append("}, \"zarr_consolidated_format\": 1}\n").toString()
        .getBytes(StandardCharsets.UTF_8));
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempDirectory(abs.getParent(), abs.getFileName() + ".");
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path p = tmp.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
      if (Files.isDirectory(abs)) {
        deleteTree(abs);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  private static void group(Map<String, byte[]> files, Map<String, String> meta, String path, String attrs) {
    String prefix = path.isEmpty() ? "" : path + "/";
    files.put(prefix + ".zgroup", "{\"zarr_format\": 2}\n".getBytes(StandardCharsets.UTF_8));
    files.put(prefix + ".zattrs", (attrs + "\n").getBytes(StandardCharsets.UTF_8));
    meta.put(prefix + ".zgroup", "{\"zarr_format\": 2}");
    meta.put(prefix + ".zattrs", attrs);
  }

  private static void array(Map<String, byte[]> files, Map<String, String> meta, String path, long[] shape, String dtype,
      String dims, byte[] data, String moreAttrs) {
    StringBuilder s = new StringBuilder("[");
    StringBuilder chunk = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
      chunk.append(i == 0 ? "0" : ".0");
    }
    s.append(']');
    String zarray = "{\"chunks\": " + s + ", \"compressor\": null, \"dtype\": \"" + dtype + "\", \"fill_value\": null,"
        + " \"filters\": null, \"order\": \"C\", \"shape\": " + s + ", \"zarr_format\": 2}";
    String zattrs = "{\"_ARRAY_DIMENSIONS\": " + dims + moreAttrs + "}";
    files.put(path + "/.zarray", (zarray + "\n").getBytes(StandardCharsets.UTF_8));
    files.put(path + "/.zattrs", (zattrs + "\n").getBytes(StandardCharsets.UTF_8));
    files.put(path + "/" + chunk, data);
    meta.put(path + "/.zarray", zarray);
    meta.put(path + "/.zattrs", zattrs);
  }

  /** A Zarr key for a parameter name: no path separators or dots of the store's layout, unique. */
  private static String variable(String name, List<String> seen) {
    String v = name.replaceAll("[/\\\\]", "_");
    if (v.isEmpty() || v.startsWith(".") || v.equals("chain") || v.equals("draw")) {
      v = "x_" + v;
    }
    String base = v;
    for (int k = 2; seen.contains(v); k++) {
      v = base + "_" + k;
    }
    seen.add(v);
    return v;
  }

  private static byte[] floats(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return b.array();
  }

  private static byte[] longs(long[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return b.array();
  }

  static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
