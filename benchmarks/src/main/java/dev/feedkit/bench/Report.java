package dev.feedkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Turns JMH's JSON result file ({@code -rf json}) into {@code results.md}, one Markdown table per
 * benchmark with every figure beside its ratio to the same-run references, and a PNG chart of the
 * home reads per store, drawn with JFreeChart; then the HTTP load run's {@code load.md} ({@link
 * LoadReport}), if the output directory holds one.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.feedkit.bench.Report results.json OUT_DIR [TITLE]
 * }</pre>
 */
public final class Report {

  /** How a benchmark's rows become a table. */
  private record Layout(
      String benchmark,
      String title,
      String rowParam,
      String columnParam,
      List<String> references,
      String chart) {}

  private static final List<Layout> LAYOUTS =
      List.of(
          new Layout(
              "MemoryHomeReadBenchmark",
              "Home read, first page of 50, in memory",
              "followees",
              "read",
              List.of("naive", "floor"),
              "home-read-memory.png"),
          new Layout(
              "PostgresHomeReadBenchmark",
              "Home read, first page of 50, PostgreSQL",
              "followees",
              "read",
              List.of("naive", "seeds", "floor"),
              "home-read-postgres.png"),
          new Layout(
              "PostFanoutBenchmark",
              "Post with its whole fan-out (post + awaitFanout)",
              "store,followers",
              "write",
              List.of("reference"),
              "post-fanout.png"),
          new Layout(
              "FollowBackfillBenchmark",
              "Follow with backfill of up to 800 posts",
              "store",
              "write",
              List.of("reference"),
              null));

  private Report() {}

  /**
   * Writes the report.
   *
   * @param args the JMH JSON file, the output directory, and optionally a line that says how and
   *     where the figures were measured
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Report results.json OUT_DIR [CONTEXT]");
      System.exit(2);
    }
    JsonNode runs = new ObjectMapper().readTree(new File(args[0]));
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    StringBuilder md = new StringBuilder("# feedkit benchmark results\n\n");
    if (args.length > 2) {
      md.append(args[2]).append("\n\n");
    }
    md.append("Machine: ")
        .append(Machine.describe())
        .append(".\n\n")
        .append("Each cell: JMH's average time per operation ± its 99.9% error; then, in")
        .append(" brackets, its ratio to each same-run reference of the row: \"3× floor\" is three")
        .append(" times the floor's time, \"20× faster than naive\" a twentieth of naive's.\n");
    for (Layout layout : LAYOUTS) {
      table(layout, runs, md, out);
    }
    // The HTTP load run (benchmarks/load.sh, LoadReport) writes its own table; it says when.
    Path load = out.resolve("load.md");
    if (Files.exists(load)) {
      md.append('\n').append(Files.readString(load, StandardCharsets.UTF_8));
    }
    Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
    System.out.print(md);
  }

  private static void table(Layout layout, JsonNode runs, StringBuilder md, Path out)
      throws IOException {
    Map<String, Map<String, double[]>> rows = new LinkedHashMap<>();
    Set<String> columns = new LinkedHashSet<>(layout.references());
    String unit = "";
    for (JsonNode run : runs) {
      if (!run.get("benchmark").asText().contains("." + layout.benchmark() + ".")) {
        continue;
      }
      JsonNode params = run.get("params");
      List<String> key = new ArrayList<>();
      for (String p : layout.rowParam().split(",")) {
        key.add(params.get(p).asText());
      }
      String column = params.get(layout.columnParam()).asText();
      columns.add(column);
      JsonNode metric = run.get("primaryMetric");
      unit = metric.get("scoreUnit").asText();
      rows.computeIfAbsent(String.join(" / ", key), k -> new LinkedHashMap<>())
          .put(
              column,
              new double[] {metric.get("score").asDouble(), metric.get("scoreError").asDouble()});
    }
    if (rows.isEmpty()) {
      return;
    }
    columns.removeIf(c -> rows.values().stream().noneMatch(r -> r.containsKey(c)));
    md.append("\n## ")
        .append(layout.title())
        .append(" (")
        .append(unit)
        .append(")\n\n| ")
        .append(layout.rowParam().replace(",", " / "))
        .append(" |");
    for (String c : columns) {
      md.append(' ').append(c).append(" |");
    }
    md.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map.Entry<String, Map<String, double[]>> row : rows.entrySet()) {
      md.append("| ").append(row.getKey()).append(" |");
      for (String c : columns) {
        double[] cell = row.getValue().get(c);
        if (cell == null) {
          md.append(" – |");
          continue;
        }
        data.addValue(cell[0], c, row.getKey());
        md.append(' ').append(figure(cell[0]));
        if (!Double.isNaN(cell[1])) {
          md.append(" ± ").append(figure(cell[1]));
        }
        List<String> ratios = new ArrayList<>();
        for (String ref : layout.references()) {
          double[] base = row.getValue().get(ref);
          if (base != null && !ref.equals(c)) {
            double r = cell[0] / base[0];
            ratios.add(
                r >= 1
                    ? String.format(Locale.ROOT, "%s× %s", figure(r), ref)
                    : String.format(Locale.ROOT, "%s× faster than %s", figure(1 / r), ref));
          }
        }
        if (!ratios.isEmpty()) {
          md.append(" (").append(String.join(", ", ratios)).append(')');
        }
        md.append(" |");
      }
      md.append('\n');
    }
    if (layout.chart() != null) {
      chart(layout, data, unit, out.resolve(layout.chart()));
      md.append("\n![").append(layout.title()).append("](").append(layout.chart()).append(")\n");
    }
  }

  private static void chart(Layout layout, DefaultCategoryDataset data, String unit, Path file)
      throws IOException {
    LogAxis values = new LogAxis(unit + " (log scale)");
    values.setSmallestValue(0.01);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setItemMargin(0.02);
    CategoryPlot plot =
        new CategoryPlot(
            data, new CategoryAxis(layout.rowParam().replace(",", " / ")), values, bars);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(layout.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 480);
  }

  static String figure(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (value >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (value >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
