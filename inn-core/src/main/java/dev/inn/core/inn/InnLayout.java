package dev.inn.core.inn;

/**
 * The two sides of an INN: input [x, x_pad], output [z, zy_pad, y], both of the nominal
 * width. Padding carries no information; it is noise during training and zero when sampling.
 */
public record InnLayout(int x, int y, int z, int width) {

  public InnLayout {
    if (x < 1 || y < 1 || z < 0) {
      throw new IllegalArgumentException("INN needs dim(x) >= 1, dim(y) >= 1, dim(z) >= 0; got x " + x + ", y " + y
          + ", z " + z);
    }
    if (width < x || width < y + z) {
      throw new IllegalArgumentException("nominal width " + width + " is smaller than dim(x) = " + x
          + " or dim(z) + dim(y) = " + (z + y));
    }
    if (width < 2) {
      throw new IllegalArgumentException("nominal width must be at least 2, got " + width);
    }
  }

  /** The smallest width that fits both sides (0 requested means this). */
  public static InnLayout of(int x, int y, int z, int requestedWidth) {
    int w = requestedWidth > 0 ? requestedWidth : Math.max(2, Math.max(x, y + z));
    return new InnLayout(x, y, z, w);
  }

  public int xPad() {
    return width - x;
  }

  public int zyPad() {
    return width - z - y;
  }
}
