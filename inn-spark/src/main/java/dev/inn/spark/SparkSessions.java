package dev.inn.spark;

import dev.inn.core.inject.Application;
import dev.inn.core.plugin.PluginRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark contexts for inn: embedded {@code local[*]} by default, a cluster with a master URL. */
public final class SparkSessions {

  /** The master used when none is given: every core of this machine, no setup. */
  public static final String DEFAULT_MASTER = "local[*]";

  /** Seconds to wait for a standalone master's port before giving up. */
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private static final Map<ClassLoader, PluginRegistry> EXECUTOR_REGISTRIES = new ConcurrentHashMap<>();

  private SparkSessions() {
  }

  /**
   * A context on {@code master} (e.g. {@code local[2]}, {@code spark://host:7077}); under
   * spark-submit, whose master is already set, pass null. Quiet: no web UI, Spark's logging at
   * warnings only.
   */
  public static JavaSparkContext open(String master, String appName) {
    return open(master, appName, List.of());
  }

  /**
   * As {@link #open(String, String)}, shipping {@code jars} to the executors (unless
   * {@code spark.jars} is already set, e.g. by spark-submit's {@code --jars}). A standalone
   * master ({@code spark://}) is checked first, so that an unreachable one fails in seconds with
   * its address instead of after Spark's minute of registration attempts; with a loopback master
   * the driver listens on loopback too.
   */
  public static JavaSparkContext open(String master, String appName, List<Path> jars) {
    return open(master, appName, jars, Map.of());
  }

  /** As {@link #open(String, String, List)} with further Spark settings (e.g. {@code spark.cores.max}). */
  public static JavaSparkContext open(String master, String appName, List<Path> jars, Map<String, String> settings) {
    SparkConf conf = new SparkConf().setAppName(appName).setIfMissing("spark.ui.enabled", "false")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    settings.forEach(conf::set);
    if (master != null) {
      conf.setMaster(master);
    } else {
      conf.setIfMissing("spark.master", DEFAULT_MASTER);
    }
    String m = conf.get("spark.master");
    if (m.startsWith("spark://")) {
      boolean loopback = checkReachable(m);
      if (loopback) {
        conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      }
    }
    if (!jars.isEmpty() && !conf.contains("spark.jars")) {
      conf.set("spark.jars", jars.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(",")));
    }
    JavaSparkContext sc = new JavaSparkContext(conf);
    sc.setLogLevel("WARN");
    return sc;
  }

  /**
   * Fails naming the master when no host of a {@code spark://h1:p1,h2:p2} URL accepts a
   * connection; returns whether every host is a loopback address.
   */
  static boolean checkReachable(String master) {
    String[] hosts = master.substring("spark://".length()).split(",");
    boolean loopback = true;
    String last = "";
    boolean reached = false;
    for (String hostPort : hosts) {
      URI u = URI.create("spark://" + hostPort.strip());
      if (u.getHost() == null || u.getPort() < 0) {
        throw new IllegalArgumentException("Spark master URL '" + master + "' must look like spark://HOST:PORT");
      }
      loopback &= u.getHost().equals("127.0.0.1") || u.getHost().equals("localhost");
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(u.getHost(), u.getPort()), CONNECT_TIMEOUT_MS);
        reached = true;
      } catch (IOException e) {
        last = u.getHost() + ":" + u.getPort() + ": " + e.getMessage();
      }
    }
    if (!reached) {
      throw new IllegalStateException("cannot reach the Spark master " + master + " (" + last + "); is the cluster "
          + "running? (for the script's cluster: scripts/spark-cluster.sh status)");
    }
    return loopback;
  }

  /**
   * The plugins a task sees: those of the class path plus the jars Spark shipped to this
   * executor (which its task threads' context class loader holds), one registry per loader.
   */
  public static PluginRegistry executorRegistry() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = SparkSessions.class.getClassLoader();
    }
    return EXECUTOR_REGISTRIES.computeIfAbsent(loader,
        l -> Application.create(l).getInstance(PluginRegistry.class));
  }

  /** Where this task runs, for error messages: the executor's id and host. */
  public static String executorName() {
    org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return env == null ? "the driver (" + host + ")" : "executor " + env.executorId() + " (" + host + ")";
  }
}
