package dev.inn.problems.medical.montecarlo;

import java.util.List;

/**
 * A stack of layers, top (where the beam enters) to bottom, between two ambient half-spaces.
 *
 * @param layers the layers, top first; at least one
 * @param ambientAbove refractive index of the medium above (the beam comes from there)
 * @param ambientBelow refractive index of the medium below
 */
public record Tissue(List<Layer> layers, double ambientAbove, double ambientBelow) {

  public Tissue {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a tissue needs at least one layer");
    }
    if (!(ambientAbove > 0) || !(ambientBelow > 0)) {
      throw new IllegalArgumentException(
          "ambient refractive indices must be positive, got " + ambientAbove + " above, " + ambientBelow + " below");
    }
  }

  /** Layers between air (n = 1) above and below. */
  public static Tissue inAir(List<Layer> layers) {
    return new Tissue(layers, 1.0, 1.0);
  }

  /** Specular reflectance of the normally incident beam at the top surface. */
  public double specularReflectance() {
    double n0 = ambientAbove;
    double n1 = layers.get(0).refractiveIndex();
    double r = (n0 - n1) / (n0 + n1);
    return r * r;
  }

  /** Total thickness in cm. */
  public double thickness() {
    double t = 0;
    for (Layer l : layers) {
      t += l.thickness();
    }
    return t;
  }
}
