package dev.inn.problems.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a comma-separated file whose first line names the columns. Blank lines and lines
 * starting with {@code #} are skipped; every other line must hold one finite number per column.
 * Errors name the file, the 1-based line and the column.
 */
final class CsvTableReader {

  private CsvTableReader() {
  }

  static DataTable read(Path file) {
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      List<String> names = null;
      float[] data = new float[1024];
      int rows = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] cells = trimmed.split(",", -1);
        if (names == null) {
          names = header(file, lineNo, cells);
          continue;
        }
        if (cells.length != names.size()) {
          throw new DataFileException(file + " line " + lineNo + ": " + cells.length + " values, but the header names "
              + names.size() + " columns");
        }
        int cols = names.size();
        if ((long) (rows + 1) * cols > data.length) {
          long grown = Math.max((long) data.length * 2, (long) (rows + 1) * cols);
          if (grown > Integer.MAX_VALUE - 8) {
            throw new DataFileException(file + ": too many values to hold in memory (line " + lineNo + ")");
          }
          data = Arrays.copyOf(data, (int) grown);
        }
        for (int c = 0; c < cols; c++) {
          data[rows * cols + c] = parse(file, lineNo, names.get(c), cells[c].strip());
        }
        rows++;
      }
      if (names == null) {
        throw new DataFileException(file + ": empty file, expected a header line naming the columns");
      }
      if (rows == 0) {
        throw new DataFileException(file + ": no data rows after the header");
      }
      return new DataTable(names, new dev.inn.api.data.Matrix(rows, names.size(), Arrays.copyOf(data, rows * names.size())));
    } catch (NoSuchFileException e) {
      throw new DataFileException("data file not found: " + file.toAbsolutePath());
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new DataFileException(file + " line " + firstNonUtf8Line(file) + ": not UTF-8 text (save the file as"
          + " UTF-8 or ASCII)", e);
    } catch (IOException e) {
      throw new DataFileException("cannot read data file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The 1-based line holding the first byte sequence that is not UTF-8 (the reader decodes ahead of its lines). */
  private static int firstNonUtf8Line(Path file) {
    try {
      byte[] b = Files.readAllBytes(file);
      java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
      int line = 1;
      for (int from = 0; from < b.length; line++) {
        int to = from;
        while (to < b.length && b[to] != '\n') {
          to++;
        }
        try {
          d.reset().decode(java.nio.ByteBuffer.wrap(b, from, to - from));
        } catch (java.nio.charset.CharacterCodingException e) {
          return line;
        }
        from = to + 1;
      }
      return line;
    } catch (IOException e) {
      return 1;
    }
  }

  private static List<String> header(Path file, int lineNo, String[] cells) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < cells.length; c++) {
      String name = unquote(cells[c].strip());
      if (name.isEmpty()) {
        throw new DataFileException(file + " line " + lineNo + ": header column " + (c + 1) + " has no name");
      }
      if (!seen.add(name)) {
        throw new DataFileException(file + " line " + lineNo + ": header names column '" + name + "' twice");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static float parse(Path file, int lineNo, String column, String cell) {
    String lower = cell.toLowerCase(java.util.Locale.ROOT).replace("+", "").replace("-", "");
    if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity")) {
      throw new DataFileException(file + " line " + lineNo + ", column '" + column + "': " + cell
          + " is not a finite number (NaN and infinity are not allowed)");
    }
    float v;
    try {
      v = Float.parseFloat(cell);
    } catch (NumberFormatException e) {
      throw new DataFileException(file + " line " + lineNo + ", column '" + column + "': '" + cell + "' is not a number");
    }
    if (!Float.isFinite(v)) {
      throw new DataFileException(file + " line " + lineNo + ", column '" + column + "': " + cell
          + " is not a finite number (NaN and infinity are not allowed)");
    }
    return v;
  }
}
