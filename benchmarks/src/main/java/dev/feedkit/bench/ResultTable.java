package dev.feedkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the CSV that JMH writes for {@link HomeTimelineBenchmark} ({@code -rf csv -rff
 * results.csv}) into a Markdown table: one row per followee count, one column per timeline, each
 * cell the score with its error and its ratio to the baseline of the same row.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.feedkit.bench.ResultTable results.csv
 * }</pre>
 */
public final class ResultTable {

  private ResultTable() {}

  /**
   * Prints the table.
   *
   * @param args the path of the CSV file
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ResultTable results.csv");
      System.exit(2);
    }
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    List<String> header = split(lines.get(0));
    int score = header.indexOf("Score");
    int error = header.indexOf("Score Error (99.9%)");
    int unit = header.indexOf("Unit");
    int followees = header.indexOf("Param: followees");
    int timeline = header.indexOf("Param: timeline");
    Map<Integer, Map<String, double[]>> rows = new TreeMap<>();
    String unitName = "";
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = split(line);
      unitName = cells.get(unit);
      rows.computeIfAbsent(Integer.parseInt(cells.get(followees)), k -> new LinkedHashMap<>())
          .put(
              cells.get(timeline),
              new double[] {number(cells.get(score)), number(cells.get(error))});
    }
    List<String> columns = List.of("baseline", "pull", "push", "hybrid");
    StringBuilder out = new StringBuilder("| followees |");
    for (String column : columns) {
      out.append(' ').append(column).append(" (").append(unitName).append(") |");
    }
    out.append("\n|---:|").append("---:|".repeat(columns.size())).append('\n');
    for (Map.Entry<Integer, Map<String, double[]>> row : rows.entrySet()) {
      out.append("| ").append(String.format(Locale.ROOT, "%,d", row.getKey())).append(" |");
      double[] base = row.getValue().get("baseline");
      for (String column : columns) {
        double[] cell = row.getValue().get(column);
        if (cell == null) {
          out.append(" – |");
          continue;
        }
        out.append(String.format(Locale.ROOT, " %s ± %s", figure(cell[0]), figure(cell[1])));
        if (base != null && !column.equals("baseline")) {
          out.append(String.format(Locale.ROOT, " (%s× faster)", figure(base[0] / cell[0])));
        }
        out.append(" |");
      }
      out.append('\n');
    }
    System.out.print(out);
  }

  private static String figure(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
  }

  private static double number(String cell) {
    return cell.isEmpty() || cell.equals("NaN") ? Double.NaN : Double.parseDouble(cell);
  }

  /** Splits one CSV line as JMH writes it: fields quoted when they hold text. */
  private static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
