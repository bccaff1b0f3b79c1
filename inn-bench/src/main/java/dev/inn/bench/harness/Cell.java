package dev.inn.bench.harness;

/**
 * One table value: a number with its bootstrap standard error, or "n/a" with the reason.
 *
 * @param value the value (NaN when not available)
 * @param se its standard error (NaN when unknown)
 * @param unavailable why there is no value (null when there is one)
 */
public record Cell(double value, double se, String unavailable) {

  public static Cell of(double value, double se) {
    return new Cell(value, se, null);
  }

  public static Cell notAvailable(String reason) {
    return new Cell(Double.NaN, Double.NaN, reason);
  }

  public boolean available() {
    return unavailable == null;
  }
}
