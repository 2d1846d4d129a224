package dev.feedkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static LoadReport.Run run(String store, String route, double perSecond, long non200)
      throws Exception {
    JsonNode wrk =
        JSON.readTree(
            "{\"responses\": 1000, \"requests\": 1000, \"non200\": "
                + non200
                + ", \"last_non200_status\": 0, \"connect_errors\": 0, \"read_errors\": 0,"
                + " \"write_errors\": 0, \"timeouts\": 0, \"requests_per_s\": "
                + perSecond
                + ","
                + " \"latency_us\": {\"p50\": 1500, \"p90\": 3000, \"p99\": 12000, \"p999\": 40000,"
                + " \"max\": 50000, \"mean\": 2000, \"stdev\": 10}}");
    return new LoadReport.Run(store, route, "/" + route, 2, 16, 8, wrk);
  }

  @Test
  void eachRouteIsAShareOfTheTrivialRouteOfItsOwnStore() throws Exception {
    List<LoadReport.Run> runs =
        List.of(
            run("memory", "instance", 1000, 0),
            run("memory", "api-home", 600, 0),
            run("postgres", "instance", 400, 0),
            run("postgres", "api-home", 40, 0));
    String md = LoadReport.markdown(runs, List.of(), "");
    assertThat(md)
        .contains(
            "| memory | API home: `GET /api/v1/timelines/home` | 600 | 60% | 1.50 |"
                + " 12.0 | 40.0 | 1,000 | 0 | 0 |");
    assertThat(md)
        .contains(
            "| memory API home ≥ 50% of the trivial route's req/s | 60% (600 / "
                + "1,000 req/s) | yes |");
    assertThat(md)
        .contains(
            "| PostgreSQL API home ≥ 25% of the trivial route's req/s | 10% (40.0 "
                + "/ 400 req/s) | no |");
  }

  @Test
  void aRunWithANon200OrNoResponseFails() throws Exception {
    assertThat(run("memory", "api-home", 600, 0).failed()).isFalse();
    assertThat(run("memory", "api-home", 600, 1).failed()).isTrue();
  }
}
