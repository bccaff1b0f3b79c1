package dev.inn.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark contexts for inn: embedded {@code local[*]} by default, a cluster with a master URL. */
public final class SparkSessions {

  /** The master used when none is given: every core of this machine, no setup. */
  public static final String DEFAULT_MASTER = "local[*]";

  private SparkSessions() {
  }

  /**
   * A context on {@code master} (e.g. {@code local[2]}, {@code spark://host:7077}); under
   * spark-submit, whose master is already set, pass null. Quiet: no web UI, Spark's logging at
   * warnings only.
   */
  public static JavaSparkContext open(String master, String appName) {
    SparkConf conf = new SparkConf().setAppName(appName).setIfMissing("spark.ui.enabled", "false")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    if (master != null) {
      conf.setMaster(master);
    } else {
      conf.setIfMissing("spark.master", DEFAULT_MASTER);
    }
    JavaSparkContext sc = new JavaSparkContext(conf);
    sc.setLogLevel("WARN");
    return sc;
  }
}
