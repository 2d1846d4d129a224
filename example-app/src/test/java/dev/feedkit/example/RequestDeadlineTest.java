package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.jdbc.JdbcFeedStore;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --request-deadline}: a request whose database work cannot finish in time is answered 503
 * with {@code Retry-After} when its time is up, not when the statement timeout ends it, changes
 * nothing, and leaves nothing behind for the requests that follow on the same threads.
 */
class RequestDeadlineTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final Duration DEADLINE = Duration.ofMillis(300);
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aRequestStuckOnTheDatabaseIsAnswered503AtItsDeadline() throws Exception {
    JdbcFeedStore.migrate(database.dataSource());
    database.truncateAll();
    AppOptions options =
        AppOptions.parse(
            new String[] {
              "--jdbc-url",
              database.jdbcUrl(),
              "--port",
              "0",
              "--request-deadline",
              Long.toString(DEADLINE.toMillis()),
              "--db-statement-timeout",
              "20000",
              "--no-rate-limits"
            },
            Map.of());
    assertThat(options.requestDeadline()).isEqualTo(DEADLINE);
    try (ExampleApp app = ExampleApp.start(options)) {
      URI root = app.server().uri();
      // Signed up outside a request: a password hash at full strength takes longer than 300 ms.
      String alice =
          app.feed
              .accounts()
              .signUpAndLogIn(TestServer.newHandle("alice"), TestServer.PASSWORD, "Alice")
              .token();
      String bob =
          app.feed
              .accounts()
              .signUpAndLogIn(TestServer.newHandle("bob"), TestServer.PASSWORD, "Bob")
              .userId()
              .toString();

      HttpResponse<String> stuck;
      long start = System.nanoTime();
      try (Connection holder = database.connect();
          Statement s = holder.createStatement()) {
        holder.setAutoCommit(false);
        s.execute("SELECT * FROM feedkit_users FOR UPDATE"); // a follow must lock both users
        stuck = send(root, "POST", "/api/v1/accounts/" + bob + "/follow", alice);
        holder.rollback();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(stuck.statusCode()).as(stuck.body()).isEqualTo(503);
      assertThat(stuck.headers().firstValue("Retry-After")).isPresent();
      assertThat(TestServer.JSON.readTree(stuck.body()).path("error").asText()).isNotBlank();
      assertThat(took)
          .as("answered at the deadline, long before the 20 s statement timeout")
          .isLessThan(Duration.ofSeconds(10));
      assertThat(send(root, "GET", "/api/v1/accounts/relationships?id[]=" + bob, alice).body())
          .as("the refused follow changed nothing")
          .contains("\"following\":false");
      for (int i = 0; i < 64; i++) {
        assertThat(send(root, "GET", "/api/v1/accounts/verify_credentials", alice).statusCode())
            .as("request " + i + " after the deadline")
            .isEqualTo(200);
      }
      assertThat(send(root, "POST", "/api/v1/accounts/" + bob + "/follow", alice).statusCode())
          .isEqualTo(200);
    }
  }

  private HttpResponse<String> send(URI root, String method, String path, String token)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(root.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
