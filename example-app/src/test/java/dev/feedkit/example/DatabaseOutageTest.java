package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.jdbc.testing.ThrowawayPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * During a database outage the app answers what needs the database with a fast 503 and
 * {@code Retry-After}, keeps serving what does not, and recovers by itself. The outage is of a
 * PostgreSQL server of the test's own ({@link ThrowawayPostgres}), never the shared one.
 */
class DatabaseOutageTest {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void anOutageIsAFast503AndTheAppRecoversByItself() throws Exception {
    if (!ThrowawayPostgres.available()) {
      String why = "no PostgreSQL binaries for a throwaway server (install postgresql)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why + "; CI=true, so this fails instead of skipping");
      }
      Assumptions.abort(why);
    }
    try (ThrowawayPostgres pg = ThrowawayPostgres.start();
        ExampleApp app =
            ExampleApp.start(AppOptions.postgres(pg.jdbcUrl(), FanoutPolicy.hybrid(), false))) {
      URI base = app.server().uri();
      HttpResponse<String> signUp =
          send(
              HttpRequest.newBuilder(base.resolve("/api/v1/accounts"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "username=outage&password=correct+horse+battery")));
      assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(200);
      String token = new ObjectMapper().readTree(signUp.body()).get("access_token").asText();
      assertThat(post(base, token, "before").statusCode()).isEqualTo(200);

      pg.stop();
      long worst = 0;
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        HttpResponse<String> during = post(base, token, "during " + i);
        long millis = (System.nanoTime() - start) / 1_000_000;
        worst = Math.max(worst, millis);
        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(during.body()).contains("unavailable");
      }
      long start = System.nanoTime();
      HttpResponse<String> instance =
          send(HttpRequest.newBuilder(base.resolve("/api/v1/instance")));
      long instanceMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "DatabaseOutageTest: during the outage, the slowest 503 took %d ms;"
              + " /api/v1/instance %d ms%n",
          worst, instanceMillis);
      assertThat(instance.statusCode()).isEqualTo(200);
      assertThat(instanceMillis).as("instance, ms").isLessThan(1_000);
      assertThat(worst).as("slowest 503, ms").isLessThan(2_500);

      pg.restart();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int status = 0;
      while (System.nanoTime() < deadline && status != 200) {
        status = post(base, token, "after").statusCode();
      }
      assertThat(status).as("a post once the database is back").isEqualTo(200);
    }
  }

  private HttpResponse<String> post(URI base, String token, String text) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve("/api/v1/statuses"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("status=" + text.replace(' ', '+'))));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
