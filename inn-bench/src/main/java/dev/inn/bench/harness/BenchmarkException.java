package dev.inn.bench.harness;

/** A benchmark run failed; the message names the problem, method, seed or metric. */
public final class BenchmarkException extends RuntimeException {

  public BenchmarkException(String message, Throwable cause) {
    super(message, cause);
  }

  public BenchmarkException(String message) {
    super(message);
  }
}
