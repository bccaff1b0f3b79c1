package dev.inn.problems.dataset;

/** A data file is missing or malformed; the message names the file and, where known, row and column. */
public class DataFileException extends IllegalArgumentException {

  public DataFileException(String message) {
    super(message);
  }

  public DataFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
