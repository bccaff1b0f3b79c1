package dev.inn.problems.medical;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A generated colon data set read from a folder written by {@link ColonDataGenerator} or
 * from the copy bundled with this module ({@value #BUNDLED}). Chunks not (yet) generated are
 * skipped, so a partial folder serves the rows it has; train and test rows are disjoint by
 * construction ({@link GenerationSettings#isTest}).
 */
public final class ColonDataSet {

  /** Classpath folder of the bundled data set. */
  public static final String BUNDLED = "/dev/inn/problems/medical/colon-v1/";

  private static final int P = ColonModel.PARAMETERS;
  private static final int B = 8;

  private final String location;
  private final GenerationSettings settings;
  private final float[][] trainRows;
  private final float[][] testRows;

  private ColonDataSet(String location, GenerationSettings settings, float[][] trainRows, float[][] testRows) {
    this.location = location;
    this.settings = settings;
    this.trainRows = trainRows;
    this.testRows = testRows;
  }

  /** Reads a generated folder. */
  public static ColonDataSet open(Path folder) {
    Path header = folder.resolve(ColonDataGenerator.HEADER);
    if (!Files.isRegularFile(header)) {
      throw new IllegalArgumentException("no medical-colon data set in " + folder + " (missing "
          + ColonDataGenerator.HEADER + "); " + howToGenerate(folder.toString(), 15000, 5000));
    }
    try {
      GenerationSettings s = ColonDataGenerator.readHeader(header);
      return read(folder.toString(), s, c -> {
        Path p = folder.resolve(ColonDataGenerator.chunkName(c));
        return Files.exists(p) ? Files.newInputStream(p) : null;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read medical-colon data set in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Reads the data set bundled in this module's resources. */
  public static ColonDataSet bundled() {
    String where = "classpath:" + BUNDLED;
    try (InputStream header = ColonDataSet.class.getResourceAsStream(BUNDLED + ColonDataGenerator.HEADER)) {
      if (header == null) {
        throw new IllegalStateException("no bundled medical-colon data set at " + where + "; "
            + howToGenerate("DIR", 15000, 5000));
      }
      GenerationSettings s = ColonDataGenerator.readHeader(header, where + ColonDataGenerator.HEADER);
      return read(where, s, c -> ColonDataSet.class.getResourceAsStream(BUNDLED + ColonDataGenerator.chunkName(c)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  private interface ChunkSource {
    InputStream open(int chunk) throws IOException;
  }

  private static ColonDataSet read(String location, GenerationSettings s, ChunkSource source) throws IOException {
    int cols = GenerationSettings.COLUMNS;
    java.util.List<float[]> train = new java.util.ArrayList<>();
    java.util.List<float[]> test = new java.util.ArrayList<>();
    for (int c = 0; c < s.chunkCount(); c++) {
      try (InputStream in = source.open(c)) {
        if (in == null) {
          continue;
        }
        int rows = Math.min(s.chunkSize(), s.total() - c * s.chunkSize());
        byte[] bytes = in.readAllBytes();
        if (bytes.length != rows * cols * 4) {
          throw new IllegalArgumentException(location + "/" + ColonDataGenerator.chunkName(c) + " has " + bytes.length
              + " bytes, expected " + rows * cols * 4 + " (" + rows + " rows of " + cols + " float32)");
        }
        float[] f = new float[rows * cols];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        for (int i = 0; i < rows; i++) {
          float[] row = java.util.Arrays.copyOfRange(f, i * cols, (i + 1) * cols);
          (s.isTest(c * s.chunkSize() + i) ? test : train).add(row);
        }
      }
    }
    return new ColonDataSet(location, s, train.toArray(new float[0][]), test.toArray(new float[0][]));
  }

  public String location() {
    return location;
  }

  public GenerationSettings settings() {
    return settings;
  }

  public int trainSize() {
    return trainRows.length;
  }

  public int testSize() {
    return testRows.length;
  }

  /** {@code n} training pairs (x, noisy normalised y), a seeded random subset. */
  public Dataset train(int n, long seed) {
    return pick(trainRows, n, seed, "training");
  }

  /** {@code n} test pairs, disjoint from every training row. */
  public Dataset test(int n, long seed) {
    return pick(testRows, n, seed, "test");
  }

  /** The noiseless band reflectances of the training rows {@link #train} would return. */
  public Matrix trainReflectance(int n, long seed) {
    return columns(trainRows, permutation(trainRows.length, n, seed, "training"), P, P + B);
  }

  private Dataset pick(float[][] rows, int n, long seed, String what) {
    int[] idx = permutation(rows.length, n, seed, what);
    return new Dataset(columns(rows, idx, 0, P), columns(rows, idx, P + B, P + 2 * B));
  }

  private int[] permutation(int available, int n, long seed, String what) {
    if (n < 0) {
      throw new IllegalArgumentException("sample count must be >= 0, got " + n);
    }
    if (n > available) {
      throw new IllegalArgumentException("medical-colon: " + n + " " + what + " samples requested but the data set at "
          + location + " has only " + available + " (" + settings.trainCount() + " train / " + settings.testCount()
          + " test planned). " + howToGenerate("DIR", Math.max(n, settings.trainCount()), settings.testCount()));
    }
    int[] p = new int[available];
    for (int i = 0; i < available; i++) {
      p[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(available - i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return java.util.Arrays.copyOf(p, n);
  }

  private static Matrix columns(float[][] rows, int[] idx, int from, int to) {
    int w = to - from;
    float[] out = new float[idx.length * w];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(rows[idx[i]], from, out, i * w, w);
    }
    return new Matrix(idx.length, w, out);
  }

  /** The command that generates (or resumes) a data set. */
  static String howToGenerate(String dir, int train, int test) {
    return "Generate one with: java -cp inn-problems/target/classes:inn-api/target/classes "
        + ColonDataGenerator.class.getName() + " --out " + dir + " --train " + train + " --test " + test
        + " (resumable; hours of CPU), then set the problem's setting data = \"" + dir + "\"";
  }
}
