package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whatever a client sends, the answer is never a 5xx, and API errors are JSON with a message.
 * Requests are drawn at random from the app's routes with mangled ids, parameters, bodies and
 * headers; the seed is printed, and {@code -Dfeedkit.seed=S} replays a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {

  private static final String[] PATHS = {
    "/", "/login", "/signup", "/logout", "/posts", "/posts/{id}", "/posts/{id}/delete", "/search",
    "/users/{handle}", "/users/{handle}/followers", "/users/{handle}/following",
    "/users/{handle}/follow", "/users/{handle}/unfollow", "/static/{handle}",
    "/api/v1/apps", "/api/v1/instance", "/api/v1/accounts", "/oauth/token", "/oauth/revoke",
    "/api/v1/accounts/verify_credentials", "/api/v1/accounts/lookup", "/api/v1/accounts/search",
    "/api/v1/accounts/relationships", "/api/v1/accounts/{id}", "/api/v1/accounts/{id}/statuses",
    "/api/v1/accounts/{id}/followers", "/api/v1/accounts/{id}/following",
    "/api/v1/accounts/{id}/follow", "/api/v1/accounts/{id}/unfollow", "/api/v1/statuses",
    "/api/v1/statuses/{id}", "/api/v1/timelines/home", "/api/v2/nothing",
  };
  private static final String[] METHODS = {"GET", "GET", "POST", "POST", "DELETE", "PUT", "PATCH"};
  private static final String[] PARAMS = {
    "limit", "max_id", "since_id", "min_id", "q", "acct", "id[]", "id", "status", "visibility",
    "username", "password", "grant_type", "token", "csrf", "text", "handle", "following", "offset",
    "media_ids[]", "return", "display_name",
  };
  private static final String[] VALUES = {
    "", "0", "-1", "1", "20", "9223372036854775807", "9223372036854775808", "1e3", "abc", "true",
    "%", "%zz", "<script>", "\u0000", "\u202e", "😀", "x".repeat(500), "password", "public", "direct",
    "../../etc/passwd", "@", "@@", "a@b@c", " ", "null", "[]", "{}",
  };
  private static final String[] TYPES = {
    null, "application/json", "application/x-www-form-urlencoded", "text/plain",
    "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/xml",
  };

  private TestServer app;
  private String token;
  private String userId;
  private String postId;

  @BeforeAll
  void start() {
    app = TestServer.start();
    token = app.signUp("fuzzer");
    userId = app.accountId(token);
    postId = TestServer.json(app.postForm("/api/v1/statuses", Map.of("status", "target"),
        "Authorization", "Bearer " + token)).get("id").asText();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void noRequestGetsA5xx() {
    long seed = Long.getLong("feedkit.seed", System.nanoTime());
    System.out.println("MalformedRequestsTest seed: " + seed + " (replay with -Dfeedkit.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int i = 0; i < 400; i++) {
      String method = pick(random, METHODS);
      String path = path(random);
      String query = query(random);
      String type = pick(random, TYPES);
      String body = method.equals("GET") || method.equals("DELETE") ? "" : body(random, type);
      List<String> headers = new ArrayList<>();
      switch (random.nextInt(4)) {
        case 0 -> headers.addAll(List.of("Authorization", "Bearer " + token));
        case 1 -> headers.addAll(List.of("Authorization", pick(random, new String[] {
            "Bearer", "Bearer ", "Basic abc", "Bearer x y", "bearer " + token, "Bearer ' or 1=1 --"})));
        default -> { }
      }
      if (random.nextBoolean()) {
        headers.addAll(List.of("Origin", pick(random, new String[] {"null", "https://evil.example", "not a url"})));
      }
      String target = path + (query.isEmpty() ? "" : "?" + query);
      String what = "request " + i + ": " + method + " " + target + " type=" + type + " body=" + abbreviate(body)
          + " (seed " + seed + ")";
      HttpResponse<String> response;
      try {
        response = body.isEmpty() && type == null
            ? app.send(method, target, headers.toArray(String[]::new))
            : app.sendBody(method, target, type, body, headers.toArray(String[]::new));
      } catch (RuntimeException e) {
        throw new AssertionError(what + " got no answer", e);
      }
      assertThat(response.statusCode()).as(what + " -> " + response.body()).isBetween(200, 499);
      if (response.statusCode() >= 400 && (path.startsWith("/api/") || path.startsWith("/oauth/"))) {
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
            .as(what + " -> " + response.body()).startsWith("application/json");
        JsonNode error = TestServer.json(response);
        assertThat(error.path("error").asText()).as(what).isNotBlank();
      }
    }
    assertThat(app.get("/api/v1/accounts/" + userId).statusCode()).isEqualTo(200);
    assertThat(app.server.requestsInFlight()).as("every request counted in was counted out").isZero();
  }

  private String path(Random random) {
    String template = pick(random, PATHS);
    String id = switch (random.nextInt(5)) {
      case 0 -> userId;
      case 1 -> postId;
      case 2 -> Long.toString(random.nextLong());
      default -> encode(pick(random, VALUES));
    };
    String handle = random.nextBoolean() ? "fuzzer" : encode(pick(random, VALUES));
    return template.replace("{id}", id.isEmpty() ? "x" : id).replace("{handle}", handle.isEmpty() ? "x" : handle);
  }

  private static String query(Random random) {
    StringBuilder query = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        query.append('&');
      }
      query.append(encode(pick(random, PARAMS))).append('=');
      String value = pick(random, VALUES);
      query.append(encode(value));
    }
    return query.toString();
  }

  private static String body(Random random, String type) {
    if (type != null && type.startsWith("application/json") && random.nextBoolean()) {
      return pick(random, new String[] {"{", "[]", "null", "{\"status\": {\"a\": 1}}", "{\"status\": [1, 2]}",
          "{\"status\": \"hello\", \"visibility\": \"public\"}", "\"text\"", "{\"limit\": 1e999}"});
    }
    StringBuilder body = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        body.append('&');
      }
      body.append(encode(pick(random, PARAMS))).append('=').append(encode(pick(random, VALUES)));
    }
    return random.nextInt(6) == 0 ? body + "%" : body.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String pick(Random random, String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
