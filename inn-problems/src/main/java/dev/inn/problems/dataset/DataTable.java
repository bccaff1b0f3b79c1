package dev.inn.problems.dataset;

import dev.inn.api.data.Matrix;
import java.util.List;

/** Named columns of numbers read from a file: {@code values} has one column per name. */
record DataTable(List<String> names, Matrix values) {

  DataTable {
    if (names.size() != values.cols()) {
      throw new IllegalArgumentException(names.size() + " names for " + values.cols() + " columns");
    }
  }
}
