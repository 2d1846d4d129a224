package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app with {@code --jdbc-url}: it serves what is in the PostgreSQL database, keeps what people
 * do across restarts, and seeds the demo once.
 */
class ExampleAppJdbcTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  /** The app's default policy, which keeps materialized timelines in PostgreSQL. */
  private static final FanoutPolicy FANOUT = FanoutPolicy.hybrid();

  private final HttpClient client = HttpClient.newHttpClient();

  private AppOptions options(boolean demo) {
    return AppOptions.postgres(database.jdbcUrl(), FANOUT, demo);
  }

  private JsonNode call(URI root, String method, String path, String form, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(root.resolve(path))
            .method(
                method,
                form == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(form))
            .header("Content-Type", "application/x-www-form-urlencoded");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return TestServer.JSON.readTree(response.body());
  }

  private HttpResponse<String> get(URI root, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(root.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDemoIsSeededOnceAndPostsSurviveARestart() throws Exception {
    String password = URLEncoder.encode(DemoData.DEMO_LOGIN.password(), StandardCharsets.UTF_8);
    String login = "grant_type=password&username=demo&password=" + password;
    String postId;
    try (ExampleApp app = ExampleApp.start(options(true))) {
      URI root = app.server().uri();
      String token = call(root, "POST", "/oauth/token", login, null).get("access_token").asText();
      assertThat(call(root, "GET", "/api/v1/timelines/home?limit=40", null, token))
          .hasSizeGreaterThan(10);
      postId =
          call(root, "POST", "/api/v1/statuses", "status=kept+in+PostgreSQL", token)
              .get("id")
              .asText();
    }
    try (ExampleApp app = ExampleApp.start(options(true))) {
      URI root = app.server().uri();
      String token = call(root, "POST", "/oauth/token", login, null).get("access_token").asText();
      JsonNode home = call(root, "GET", "/api/v1/timelines/home?limit=1", null, token);
      assertThat(home.get(0).get("id").asText()).isEqualTo(postId);
      assertThat(call(root, "GET", "/api/v1/accounts/search?q=mara", null, null)).hasSize(1);
      assertThat(get(root, "/").body()).contains("Log in as <strong>demo</strong>");
    }
  }
}
