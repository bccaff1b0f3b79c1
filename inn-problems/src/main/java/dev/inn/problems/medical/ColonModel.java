package dev.inn.problems.medical;

import dev.inn.api.problem.Support;
import dev.inn.problems.medical.montecarlo.Layer;
import dev.inn.problems.medical.montecarlo.Tissue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The three-layer colon tissue model (Wirkert et al. 2016) as fixed by the project spec
 * (problems.md section 4): 13 parameters x = (sO2, then per layer v_hb, a_mie, g, d), their
 * prior, and the optical properties of each layer at a wavelength.
 *
 * <p>Units: a_mie in cm^-1, d in micrometres (converted to cm for the transport), v_hb and
 * sO2 as fractions.
 */
public final class ColonModel {

  /** Layers, top to bottom. */
  public static final int LAYERS = 3;
  /** Free parameters: sO2 plus four per layer. */
  public static final int PARAMETERS = 1 + 4 * LAYERS;
  /** Mie scattering power, fixed. */
  public static final double B_MIE = 1.286;
  /** Refractive indices of the layers, top to bottom; air (n = 1) above and below. */
  public static final double[] REFRACTIVE_INDEX = {1.36, 1.36, 1.38};
  /** Hemoglobin concentration of blood in g/L. */
  public static final double HEMOGLOBIN_GRAMS_PER_LITRE = 150;
  /** Molar mass of hemoglobin in g/mol. */
  public static final double HEMOGLOBIN_MOLAR_MASS = 64500;

  /** Prior: v_hb ~ U(0, 0.10). */
  public static final double V_HB_MAX = 0.10;
  /** Prior: a_mie ~ N(18.9, 10.2) cm^-1, truncated to positive values. */
  public static final double A_MIE_MEAN = 18.9;
  public static final double A_MIE_SD = 10.2;
  /** Prior: g ~ U(0.8, 0.95). */
  public static final double G_MIN = 0.8;
  public static final double G_MAX = 0.95;
  /** Prior: thickness in um, U(min, max) per layer. */
  public static final double[][] THICKNESS_UM = {{600, 1010}, {415, 847}, {395, 603}};

  private static final List<String> NAMES = names();

  private ColonModel() {}

  private static List<String> names() {
    List<String> n = new ArrayList<>();
    n.add("sO2");
    for (int l = 1; l <= LAYERS; l++) {
      n.add("v_hb_" + l);
      n.add("a_mie_" + l);
      n.add("g_" + l);
      n.add("d_" + l);
    }
    return List.copyOf(n);
  }

  /** The bounds of the prior, in the order of {@link #parameterNames}. */
  public static Support priorSupport() {
    double[] lo = new double[PARAMETERS];
    double[] hi = new double[PARAMETERS];
    lo[0] = 0;
    hi[0] = 1;
    for (int l = 0; l < LAYERS; l++) {
      lo[vHb(l)] = 0;
      hi[vHb(l)] = V_HB_MAX;
      lo[aMie(l)] = 0;
      hi[aMie(l)] = Double.POSITIVE_INFINITY;
      lo[anisotropy(l)] = G_MIN;
      hi[anisotropy(l)] = G_MAX;
      lo[thickness(l)] = THICKNESS_UM[l][0];
      hi[thickness(l)] = THICKNESS_UM[l][1];
    }
    return new Support(lo, hi);
  }

  /** sO2, v_hb_1, a_mie_1, g_1, d_1, v_hb_2, ... */
  public static List<String> parameterNames() {
    return NAMES;
  }

  static int vHb(int layer) {
    return 1 + 4 * layer;
  }

  static int aMie(int layer) {
    return 2 + 4 * layer;
  }

  static int anisotropy(int layer) {
    return 3 + 4 * layer;
  }

  static int thickness(int layer) {
    return 4 + 4 * layer;
  }

  /** One draw from the prior. */
  public static double[] drawPrior(SplittableRandom rng) {
    double[] x = new double[PARAMETERS];
    x[0] = rng.nextDouble();
    for (int l = 0; l < LAYERS; l++) {
      x[vHb(l)] = V_HB_MAX * rng.nextDouble();
      double a;
      do {
        a = A_MIE_MEAN + A_MIE_SD * gaussian(rng);
      } while (!(a > 0));
      x[aMie(l)] = a;
      x[anisotropy(l)] = G_MIN + (G_MAX - G_MIN) * rng.nextDouble();
      x[thickness(l)] = THICKNESS_UM[l][0] + (THICKNESS_UM[l][1] - THICKNESS_UM[l][0]) * rng.nextDouble();
    }
    return x;
  }

  /** A standard normal draw (Marsaglia polar method). */
  static double gaussian(SplittableRandom rng) {
    double u;
    double v;
    double s;
    do {
      u = 2 * rng.nextDouble() - 1;
      v = 2 * rng.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  /**
   * Why {@code x} describes no physical tissue (sO2 outside [0, 1], v_hb outside [0, 1],
   * a_mie &lt;= 0, |g| &gt;= 1, d &lt;= 0, or a non-finite value), or null when it does. Points
   * outside the prior's support but physical (e.g. g = 0.7) are simulated.
   */
  public static String whyUnphysical(double[] x) {
    if (x.length != PARAMETERS) {
      return "expected " + PARAMETERS + " parameters, got " + x.length;
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        return NAMES.get(i) + " is not finite";
      }
    }
    if (x[0] < 0 || x[0] > 1) {
      return "sO2 = " + x[0] + " outside [0, 1]";
    }
    for (int l = 0; l < LAYERS; l++) {
      if (x[vHb(l)] < 0 || x[vHb(l)] > 1) {
        return NAMES.get(vHb(l)) + " = " + x[vHb(l)] + " outside [0, 1]";
      }
      if (!(x[aMie(l)] > 0)) {
        return NAMES.get(aMie(l)) + " = " + x[aMie(l)] + " not positive";
      }
      if (!(Math.abs(x[anisotropy(l)]) < 1)) {
        return NAMES.get(anisotropy(l)) + " = " + x[anisotropy(l)] + " outside (-1, 1)";
      }
      if (!(x[thickness(l)] > 0)) {
        return NAMES.get(thickness(l)) + " = " + x[thickness(l)] + " not positive";
      }
    }
    return null;
  }

  /** Absorption coefficient mu_a in cm^-1 of blood volume fraction {@code vHb} at {@code nm}. */
  public static double absorption(HemoglobinSpectrum hb, double sO2, double vHb, double nm) {
    double eps = sO2 * hb.oxy(nm) + (1 - sO2) * hb.deoxy(nm);
    return vHb * Math.log(10) * HEMOGLOBIN_GRAMS_PER_LITRE * eps / HEMOGLOBIN_MOLAR_MASS;
  }

  /** Reduced scattering coefficient mu_s' in cm^-1 at {@code nm}. */
  public static double reducedScattering(double aMie, double nm) {
    return aMie * Math.pow(nm / 500.0, -B_MIE);
  }

  /** The layered tissue of parameters {@code x} at wavelength {@code nm}, in air. */
  public static Tissue tissue(HemoglobinSpectrum hb, double[] x, double nm) {
    String why = whyUnphysical(x);
    if (why != null) {
      throw new IllegalArgumentException("unphysical colon tissue: " + why);
    }
    List<Layer> layers = new ArrayList<>(LAYERS);
    for (int l = 0; l < LAYERS; l++) {
      double g = x[anisotropy(l)];
      double mua = absorption(hb, x[0], x[vHb(l)], nm);
      double mus = reducedScattering(x[aMie(l)], nm) / (1 - g);
      double cm = x[thickness(l)] * 1e-4;
      layers.add(new Layer(REFRACTIVE_INDEX[l], mua, mus, g, cm));
    }
    return Tissue.inAir(layers);
  }
}
