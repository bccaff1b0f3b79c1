package dev.inn.core.cinn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.method.MisspecificationCheck.Misfit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The misspecification check's statistics on hand-made summaries (a set's mean and log
 * deviation, sufficient for a normal model): the summary distance misses data whose sufficient
 * statistics a clean set could have, the element comparison catches them, and the combined
 * p-value keeps the flag rate on data from the model at the flag level.
 */
class SummaryReferenceTest {

  private static final int MAX_N = 100;

  /** A set of n values from N(mu, s^2), each with probability {@code outliers} from N(mu, (5 s)^2). */
  private static float[] set(Random r, int n, double mu, double s, double outliers) {
    float[] y = new float[n];
    for (int j = 0; j < n; j++) {
      y[j] = (float) (mu + s * r.nextGaussian() * (r.nextDouble() < outliers ? 5 : 1));
    }
    return y;
  }

  private static float[] summary(float[] y) {
    double m = 0;
    for (float v : y) {
      m += v;
    }
    m /= y.length;
    double ss = 0;
    for (float v : y) {
      ss += (v - m) * (v - m);
    }
    return new float[] {(float) m, (float) (0.5 * Math.log(ss / (y.length - 1)))};
  }

  /** Reference of 1000 clean sets of 5..100 values: mu ~ N(0, 1), log s ~ U(-1, 1). */
  private static SummaryReference reference(Random r) {
    int rows = 600;
    float[] summaries = new float[rows * 2];
    float[] padded = new float[rows * MAX_N];
    int[] lengths = new int[rows];
    for (int i = 0; i < rows; i++) {
      lengths[i] = 5 + r.nextInt(MAX_N - 4);
      float[] y = set(r, lengths[i], r.nextGaussian(), Math.exp(2 * r.nextDouble() - 1), 0);
      System.arraycopy(summary(y), 0, summaries, 2 * i, 2);
      System.arraycopy(y, 0, padded, i * MAX_N, y.length);
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    return SummaryReference.of(summaries, 2, padded, MAX_N, lengths, 1, false,
        LevelReference.featureRows(padded, MAX_N, lengths, 1, false, order));
  }

  private static int[] flags(SummaryReference ref, Random r, double outliers, int sets) {
    int both = 0;
    int summaryAlone = 0;
    for (int k = 0; k < sets; k++) {
      float[] y = set(r, 20 + r.nextInt(81), r.nextGaussian(), Math.exp(2 * r.nextDouble() - 1), outliers);
      Misfit m = ref.misfit(summary(y), y);
      both += m.flagged() ? 1 : 0;
      summaryAlone += ref.misfit(summary(y)).flagged() ? 1 : 0;
      assertThat(m.elements()).isFinite();
    }
    return new int[] {both, summaryAlone};
  }

  @Test
  void elementsCatchOutliersTheSufficientSummaryCannotSee() {
    Random r = new Random(5);
    SummaryReference ref = reference(r);
    assertThat(ref.comparesElements()).isTrue();
    int[] clean = flags(ref, r, 0, 200);
    int[] contaminated = flags(ref, r, 0.2, 100);
    // at p < 0.01 the combined check flags 1-2 % of clean sets (measured on 2000): 2-4 of 200
    assertThat(clean[0]).isLessThanOrEqualTo(9);
    assertThat(contaminated[1]).isLessThan(40);
    // about 83 of 100 measured (sets of 20..100); the summary alone about 22
    assertThat(contaminated[0]).isGreaterThanOrEqualTo(70);
  }

  @Test
  void theLevelCatchesAShiftASaturatedSummaryCannotSee() {
    Random r = new Random(7);
    // 600 held-out simulations with summaries, 4000 training simulations in all for the level
    int held = 600;
    int rows = 4000;
    float[] summaries = new float[held * 2];
    float[] padded = new float[rows * MAX_N];
    int[] lengths = new int[rows];
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      lengths[i] = 5 + r.nextInt(MAX_N - 4);
      double s = Math.exp(2 * r.nextDouble() - 1);
      float[] y = set(r, lengths[i], 2 * s * r.nextGaussian(), s, 0);
      if (i < held) {
        System.arraycopy(saturated(summary(y)), 0, summaries, 2 * i, 2);
      }
      System.arraycopy(y, 0, padded, i * MAX_N, y.length);
      order[i] = i;
    }
    SummaryReference ref = SummaryReference.of(summaries, 2, padded, MAX_N, lengths, 1, false,
        LevelReference.featureRows(padded, MAX_N, lengths, 1, false, order));
    int clean = 0;
    int shifted = 0;
    int bySummary = 0;
    for (int k = 0; k < 100; k++) {
      int n = 20 + r.nextInt(81);
      double s = Math.exp(2 * r.nextDouble() - 1);
      double mu = 2 * s * r.nextGaussian();
      float[] y = set(r, n, mu, s, 0);
      clean += ref.misfit(saturated(summary(y)), y).flagged() ? 1 : 0;
      float[] far = set(r, n, mu + 10 * s, s, 0);
      shifted += ref.misfit(saturated(summary(far)), far).flagged() ? 1 : 0;
      bySummary += ref.misfit(saturated(summary(far))).flagged() ? 1 : 0;
    }
    assertThat(clean).isLessThanOrEqualTo(5);
    // the summary's level saturates (a network extrapolating flat), so it hardly sees the shift
    System.out.println("shifted sets flagged: " + shifted + " of 100, by the summary alone " + bySummary);
    assertThat(bySummary).isLessThan(50);
    assertThat(shifted).isGreaterThanOrEqualTo(85);
  }

  /** The summary of a network that saturates: the mean's level through tanh. */
  private static float[] saturated(float[] summary) {
    return new float[] {(float) Math.tanh(summary[0]), summary[1]};
  }

  @Test
  void survivesSavingAndKeepsTheSummaryOnlyFormatForVectors() throws Exception {
    Random r = new Random(6);
    SummaryReference ref = reference(r);
    float[] y = set(r, 40, 0.3, 1, 0.2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ref.write(new DataOutputStream(bytes));
    SummaryReference back = SummaryReference.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(back.misfit(summary(y), y)).isEqualTo(ref.misfit(summary(y), y));
    float[] summaries = new float[200];
    for (int i = 0; i < summaries.length; i++) {
      summaries[i] = (float) r.nextGaussian();
    }
    SummaryReference vectors = SummaryReference.of(summaries, 2);
    assertThat(vectors.comparesElements()).isFalse();
    ByteArrayOutputStream vectorBytes = new ByteArrayOutputStream();
    vectors.write(new DataOutputStream(vectorBytes));
    // a vector model's reference starts with its width, as before
    assertThat(new DataInputStream(new ByteArrayInputStream(vectorBytes.toByteArray())).readInt()).isEqualTo(2);
    assertThat(vectors.misfit(new float[] {0, 0}, new float[] {0, 0}).elements()).isNaN();
  }
}
