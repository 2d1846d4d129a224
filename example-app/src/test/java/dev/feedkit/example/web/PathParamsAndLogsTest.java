package dev.feedkit.example.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.example.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Path parameters that are not valid UTF-8 are a 400 with a message (never a 500 or a stack
 * trace), logged in one line; and nothing a client sends reaches the log unescaped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathParamsAndLogsTest {

  /** Every route with a path parameter, with its method. */
  private static final List<String> ROUTES =
      List.of(
          "GET /api/v1/accounts/{}",
          "GET /api/v1/accounts/{}/statuses",
          "GET /api/v1/accounts/{}/followers",
          "GET /api/v1/accounts/{}/following",
          "POST /api/v1/accounts/{}/follow",
          "POST /api/v1/accounts/{}/unfollow",
          "GET /api/v1/statuses/{}",
          "DELETE /api/v1/statuses/{}",
          "GET /posts/{}",
          "POST /posts/{}/delete",
          "GET /users/{}",
          "GET /users/{}/followers",
          "GET /users/{}/following",
          "POST /users/{}/follow",
          "POST /users/{}/unfollow",
          "GET /static/{}");

  /** Truncated, overlong, surrogate and impossible UTF-8 sequences. */
  private static final List<String> INVALID_UTF8 =
      List.of("%F0%9F%98", "%C3%28", "%FF", "%C0%AF", "%ED%A0%80", "abc%E2%82", "%80");

  private TestServer app;
  private String token;

  @BeforeAll
  void start() {
    app = TestServer.start();
    token = app.signUp("paths");
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void invalidUtf8InAnyPathParameterIsABadRequestWithAMessage() {
    for (String route : ROUTES) {
      for (String bad : INVALID_UTF8) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{}", bad);
        HttpResponse<String> response = app.send(method, path, "Authorization", "Bearer " + token);
        String what = method + " " + path + " -> " + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
            .as(what)
            .startsWith("application/json");
        assertThat(TestServer.json(response).path("error").asText())
            .as(what)
            .containsIgnoringCase("UTF-8");
        assertThat(response.body()).as(what).doesNotContain("Exception", "\tat ");
      }
    }
    assertThat(app.get("/api/v1/instance").statusCode()).isEqualTo(200);
  }

  @Test
  void aRequestOnAKeptConnectionAfterARefusedPathIsAnswered() {
    // Jetty refuses these paths before the app sees them and then ends the connection; a client
    // that keeps connections open must be told, or its next request on this one is lost.
    for (String bad : List.of("/users/a%00b/follow", "/api/v1/accounts/%80", "/posts/%C0%AF")) {
      HttpResponse<String> refused = app.send("POST", bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.headers().firstValue("Connection")).as(bad).hasValue("close");
      assertThat(app.get("/api/v1/instance").statusCode()).as("after " + bad).isEqualTo(200);
    }
  }

  @Test
  void aRefusedPathIsLoggedInOneEscapedLine() {
    String log =
        capturingStandardError(
            () -> {
              app.get("/api/v1/accounts/%F0%9F%98");
              app.get("/users/%0d%0aFORGED%20log%20line");
              app.get("/users/x%E2%80%AE%1b%5b31m?q=%0aFORGED");
            });

    List<String> lines = log.lines().toList();
    assertThat(lines)
        .filteredOn(line -> line.contains("refused GET /api/v1/accounts/%F0%9F%98"))
        .hasSize(1);
    assertThat(lines).noneMatch(line -> line.startsWith("FORGED"));
    assertThat(log).doesNotContain("\u001b", "\u202e", "\r");
    assertThat(log).doesNotContain("\tat ");
  }

  @Test
  void escapingKeepsALogLineOneLineOfPrintableAscii() {
    assertThat(Logs.escape("a\r\nFORGED \u001b[31m \u202e \\ é"))
        .isEqualTo("a\\u000d\\u000aFORGED \\u001b[31m \\u202e \\\\ \\u00e9");
    assertThat(Logs.escape(null)).isEqualTo("-");
    assertThat(Logs.escape("x".repeat(1000))).hasSizeLessThan(Logs.MAX_LENGTH + 20);
    Throwable escaped =
        Logs.escaped(
            new IllegalStateException("bad\nFORGED", new RuntimeException("inner\r\nFORGED")));
    assertThat(escaped.toString()).isEqualTo("java.lang.IllegalStateException: bad\\u000aFORGED");
    assertThat(escaped.getCause().toString())
        .isEqualTo("java.lang.RuntimeException: inner\\u000d\\u000aFORGED");
    assertThat(escaped.getStackTrace()).isNotEmpty();
  }

  /** What the logger writes to standard error (slf4j-simple looks it up on every line). */
  static String capturingStandardError(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }
}
