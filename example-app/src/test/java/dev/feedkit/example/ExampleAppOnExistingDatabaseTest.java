package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.Feed;
import dev.feedkit.Post;
import dev.feedkit.User;
import dev.feedkit.jdbc.JdbcFeedStore;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app with {@code --jdbc-url} over a database that already has users: it serves them, and adds
 * no demo data among them.
 */
class ExampleAppOnExistingDatabaseTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  /** The app's default policy, which keeps materialized timelines in PostgreSQL. */
  private static final FanoutPolicy FANOUT = FanoutPolicy.hybrid();

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(URI root, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(root.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theAppServesWhatTheDatabaseHoldsAndAddsNoDemoToIt() throws Exception {
    Post post;
    try (JdbcFeedStore store = JdbcFeedStore.create(database.jdbcUrl());
        Feed feed = Feed.builder().store(store).fanout(FANOUT).build()) {
      User rosa = feed.createUser("rosa", "Rosa Parker");
      User ivan = feed.createUser("ivan", "Ivan Petrov");
      feed.follow(ivan.id(), rosa.id());
      post = feed.post(rosa.id(), "written before the app started");
    }
    try (ExampleApp app = ExampleApp.start(AppOptions.postgres(database.jdbcUrl(), FANOUT, true))) {
      URI root = app.server().uri();
      JsonNode rosa =
          TestServer.JSON.readTree(get(root, "/api/v1/accounts/lookup?acct=rosa").body());
      assertThat(rosa.get("display_name").asText()).isEqualTo("Rosa Parker");
      assertThat(rosa.get("followers_count").asLong()).isEqualTo(1);
      JsonNode statuses =
          TestServer.JSON.readTree(
              get(root, "/api/v1/accounts/" + rosa.get("id").asText() + "/statuses").body());
      assertThat(statuses.get(0).get("id").asText()).isEqualTo(post.id().toString());
      assertThat(get(root, "/users/rosa").body()).contains("written before the app started");
      assertThat(get(root, "/users/ivan/following").body()).contains("@rosa");
      assertThat(get(root, "/").body()).doesNotContain("feedkit-demo");
    }
  }
}
