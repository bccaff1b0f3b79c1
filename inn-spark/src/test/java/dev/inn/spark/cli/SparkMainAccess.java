package dev.inn.spark.cli;

/** The command line's package-private helpers, for the tests of other packages. */
public final class SparkMainAccess {

  private SparkMainAccess() {
  }

  /** {@link ApplicationJars#explainTaskFailure}. */
  public static String explain(String sparkMessage) {
    return ApplicationJars.explainTaskFailure(sparkMessage);
  }
}
