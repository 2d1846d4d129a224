package dev.feedkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Turns the wrk runs of {@code benchmarks/load.sh} into {@code load.json} (every run's figures as
 * {@code benchmarks/load.lua} wrote them, with what was seeded), {@code load.md} (per store and
 * route: req/s, its percentage of the trivial route's in the same run, p50/p99/p99.9, responses,
 * non-200s; then the aims) and {@code load.png}. It exits with status 1, after writing,
 * if any run had a response that was not a 200, a socket error, or no response at all.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.feedkit.bench.LoadReport RUN_DIR OUT_DIR [CONTEXT]
 * }</pre>
 *
 * {@code RUN_DIR} holds {@code runs.tsv} (store, route, path, threads, connections, seconds, wrk
 * JSON file; one line per run) and the {@code seed-<store>.json} files of {@link LoadSeed}.
 */
public final class LoadReport {

  /** The route every other is compared with: no account, no store. */
  static final String TRIVIAL = "instance";

  private static final Map<String, String> ROUTES =
      Map.of(
          "instance", "trivial: `GET /api/v1/instance`",
          "api-home", "API home: `GET /api/v1/timelines/home`",
          "html-home", "HTML home: `GET /`");
  private static final Map<String, String> STORES =
      Map.of("memory", "memory", "postgres", "PostgreSQL");

  /** The aims: the API home's req/s as a share of the trivial route's, per store. */
  private static final Map<String, Double> API_HOME_AIMS = Map.of("memory", 0.50, "postgres", 0.25);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One wrk run. */
  record Run(
      String store,
      String route,
      String path,
      int threads,
      int connections,
      int seconds,
      JsonNode wrk) {

    double requestsPerSecond() {
      return wrk.get("requests_per_s").asDouble();
    }

    double millis(String percentile) {
      return wrk.get("latency_us").get(percentile).asDouble() / 1000;
    }

    long socketErrors() {
      return wrk.get("connect_errors").asLong()
          + wrk.get("read_errors").asLong()
          + wrk.get("write_errors").asLong()
          + wrk.get("timeouts").asLong();
    }

    boolean failed() {
      return wrk.get("responses").asLong() == 0
          || wrk.get("non200").asLong() > 0
          || socketErrors() > 0;
    }
  }

  private LoadReport() {}

  /**
   * Writes the report.
   *
   * @param args the run directory, the output directory, and optionally a line that says how and
   *     where the figures were measured
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: LoadReport RUN_DIR OUT_DIR [CONTEXT]");
      System.exit(2);
    }
    Path runDir = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String context = args.length > 2 ? args[2] : "";
    List<Run> runs = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("runs.tsv"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      runs.add(
          new Run(
              f[0],
              f[1],
              f[2],
              Integer.parseInt(f[3]),
              Integer.parseInt(f[4]),
              Integer.parseInt(f[5]),
              JSON.readTree(Path.of(f[6]).toFile())));
    }
    List<JsonNode> seeds = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "seed-*.json")) {
      for (Path file : files) {
        seeds.add(JSON.readTree(file.toFile()));
      }
    }
    Files.createDirectories(out);
    Files.writeString(out.resolve("load.json"), json(runs, seeds, context), StandardCharsets.UTF_8);
    String md = markdown(runs, seeds, context);
    Files.writeString(out.resolve("load.md"), md, StandardCharsets.UTF_8);
    chart(runs, out.resolve("load.png"));
    System.out.print(md);
    List<Run> failed = runs.stream().filter(Run::failed).toList();
    if (!failed.isEmpty()) {
      for (Run r : failed) {
        System.err.printf(
            Locale.ROOT,
            "FAILED: %s %s: %d responses, %d not 200 (last status %d)," + " %d socket errors%n",
            r.store(),
            r.path(),
            r.wrk().get("responses").asLong(),
            r.wrk().get("non200").asLong(),
            r.wrk().get("last_non200_status").asLong(),
            r.socketErrors());
      }
      System.exit(1);
    }
  }

  private static String json(List<Run> runs, List<JsonNode> seeds, String context)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("context", context);
    root.put("machine", Machine.describe());
    ArrayNode list = root.putArray("runs");
    for (Run r : runs) {
      ObjectNode run = list.addObject();
      run.put("store", r.store());
      run.put("route", r.route());
      run.put("path", r.path());
      run.put("threads", r.threads());
      run.put("connections", r.connections());
      run.put("seconds", r.seconds());
      trivial(runs, r)
          .ifPresent(
              t ->
                  run.put(
                      "requests_per_s_of_trivial", r.requestsPerSecond() / t.requestsPerSecond()));
      run.set("wrk", r.wrk());
    }
    root.putArray("seeds").addAll(seeds);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static java.util.Optional<Run> trivial(List<Run> runs, Run of) {
    return runs.stream()
        .filter(r -> r.store().equals(of.store()) && r.route().equals(TRIVIAL))
        .findFirst();
  }

  static String markdown(List<Run> runs, List<JsonNode> seeds, String context) {
    StringBuilder md = new StringBuilder("## HTTP load run of the example app (wrk)\n\n");
    if (!context.isEmpty()) {
      md.append(context).append("\n\n");
    }
    md.append("Machine: ")
        .append(Machine.describe())
        .append(" (the report's JVM; the app ran")
        .append(" beside wrk on the same cores).\n\n");
    for (JsonNode seed : seeds) {
      md.append(
          String.format(
              Locale.ROOT,
              "- %s: %s, %,d accounts, %,d follows, %,d posts,"
                  + " seeded by %s in %.1f s; the reader follows %d accounts, home checked to %d"
                  + " entries.%n",
              STORES.getOrDefault(seed.get("store").asText(), seed.get("store").asText()),
              seed.get("graph").asText(),
              seed.get("accounts").asLong(),
              seed.get("follows").asLong(),
              seed.get("posts").asLong(),
              seed.get("graph_seeded_through").asText(),
              seed.get("graph_seconds").asDouble(),
              seed.get("reader_followees").asInt(),
              seed.get("reader_home_entries_checked").asInt()));
    }
    md.append("\n| store | route | req/s | % of trivial | p50 (ms) | p99 (ms) | p99.9 (ms) |")
        .append(" responses | non-200 | socket errors |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Run r : runs) {
      md.append("| ")
          .append(STORES.getOrDefault(r.store(), r.store()))
          .append(" | ")
          .append(ROUTES.getOrDefault(r.route(), "`" + r.path() + "`"))
          .append(" | ")
          .append(Report.figure(r.requestsPerSecond()))
          .append(" | ")
          .append(
              trivial(runs, r)
                  .map(t -> percent(r.requestsPerSecond() / t.requestsPerSecond()))
                  .orElse("–"))
          .append(" | ")
          .append(Percentiles.ms(r.millis("p50")))
          .append(" | ")
          .append(Percentiles.ms(r.millis("p99")))
          .append(" | ")
          .append(Percentiles.ms(r.millis("p999")))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,d", r.wrk().get("responses").asLong()))
          .append(" | ")
          .append(r.wrk().get("non200").asLong())
          .append(" | ")
          .append(r.socketErrors())
          .append(" |\n");
    }
    md.append("\n| aim | measured | met? |\n|---|---|---|\n");
    for (Run r : runs) {
      Double aim = API_HOME_AIMS.get(r.store());
      if (aim == null || !r.route().equals("api-home")) {
        continue;
      }
      trivial(runs, r)
          .ifPresent(
              t -> {
                double share = r.requestsPerSecond() / t.requestsPerSecond();
                md.append(
                    String.format(
                        Locale.ROOT,
                        "| %s API home ≥ %s of the trivial route's req/s |"
                            + " %s (%s / %s req/s) | %s |%n",
                        STORES.get(r.store()),
                        percent(aim),
                        percent(share),
                        Report.figure(r.requestsPerSecond()),
                        Report.figure(t.requestsPerSecond()),
                        share >= aim ? "yes" : "no"));
              });
    }
    md.append("\nLatencies are wrk's (a closed loop of ")
        .append(runs.isEmpty() ? 0 : runs.get(0).connections())
        .append(" connections: a slow response delays the next request rather than queueing it,")
        .append(" so the tail is a lower bound of what an open stream of requests would see).")
        .append(" Every response was checked to be a 200 by `benchmarks/load.lua`.\n")
        .append("\n![HTTP load run](load.png)\n");
    return md.toString();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, share >= 0.1 ? "%.0f%%" : "%.1f%%", share * 100);
  }

  private static void chart(List<Run> runs, Path file) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Map<String, String> routes = new LinkedHashMap<>();
    for (Run r : runs) {
      routes.putIfAbsent(r.route(), ROUTES.getOrDefault(r.route(), r.path()).replace("`", ""));
      data.addValue(
          r.requestsPerSecond(), STORES.getOrDefault(r.store(), r.store()), routes.get(r.route()));
    }
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setItemMargin(0.02);
    CategoryPlot plot =
        new CategoryPlot(
            data, new CategoryAxis("route"), new NumberAxis("requests per second"), bars);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart =
        new JFreeChart(
            "HTTP load run of the example app (wrk)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 480);
  }
}
