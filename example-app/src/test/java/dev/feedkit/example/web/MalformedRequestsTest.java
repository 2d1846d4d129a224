package dev.feedkit.example.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedkit.example.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a client sends, the answer is never a 5xx, and API errors are JSON with a message.
 *
 * <p>Every route of the app (and one it does not have) gets {@value #CASES} requests drawn at
 * random: its own method most of the time, mangled ids and handles (invalid UTF-8 escapes among
 * them), parameters from every form and endpoint, bodies of every content type (raw invalid UTF-8
 * bytes among them), with and without a valid token, session and CSRF field. After each route the
 * server must still answer, with nothing left in flight. The seed is printed, and {@code
 * -Dfeedkit.seed=S} replays a run; each route's cases come from the seed and the route alone, so
 * one route replays without the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {

  static final int CASES = 1_000;
  private static final int CLIENTS = 4;

  /** Every route, as "METHOD template"; {id} and {handle} are replaced per case. */
  private static final String[] ROUTES = {
    "GET /",
    "GET /signup",
    "POST /signup",
    "GET /login",
    "POST /login",
    "POST /logout",
    "POST /posts",
    "GET /posts/{id}",
    "POST /posts/{id}/delete",
    "GET /search",
    "GET /users/{handle}",
    "GET /users/{handle}/followers",
    "GET /users/{handle}/following",
    "POST /users/{handle}/follow",
    "POST /users/{handle}/unfollow",
    "GET /static/{handle}",
    "POST /api/v1/apps",
    "GET /api/v1/instance",
    "POST /api/v1/accounts",
    "POST /oauth/token",
    "POST /oauth/revoke",
    "GET /api/v1/accounts/verify_credentials",
    "GET /api/v1/accounts/lookup",
    "GET /api/v1/accounts/search",
    "GET /api/v1/accounts/relationships",
    "GET /api/v1/accounts/{id}",
    "GET /api/v1/accounts/{id}/statuses",
    "GET /api/v1/accounts/{id}/followers",
    "GET /api/v1/accounts/{id}/following",
    "POST /api/v1/accounts/{id}/follow",
    "POST /api/v1/accounts/{id}/unfollow",
    "POST /api/v1/statuses",
    "GET /api/v1/statuses/{id}",
    "DELETE /api/v1/statuses/{id}",
    "GET /api/v1/timelines/home",
    "GET /api/v2/nothing",
  };

  private static final String[] OTHER_METHODS = {"GET", "POST", "DELETE", "PUT", "PATCH", "HEAD"};
  private static final String[] PARAMS = {
    "limit",
    "max_id",
    "since_id",
    "min_id",
    "q",
    "acct",
    "id[]",
    "id",
    "status",
    "visibility",
    "username",
    "password",
    "grant_type",
    "token",
    "csrf",
    "text",
    "handle",
    "following",
    "offset",
    "media_ids[]",
    "return",
    "display_name",
    "email",
    "agreement",
    "client_name",
    "redirect_uris",
    "scopes",
    "client_id",
    "client_secret",
    "resolve",
    "in_reply_to_id",
    "spoiler_text",
  };
  private static final String[] VALUES = {
    "",
    "0",
    "-1",
    "1",
    "20",
    "200",
    "201",
    "9223372036854775807",
    "9223372036854775808",
    "1e3",
    "abc",
    "true",
    "false",
    "%",
    "<script>alert(1)</script>",
    "\u0000",
    "\u202e",
    "\r\nX-Forged: 1",
    "😀",
    "x".repeat(500),
    "x".repeat(5000),
    "password",
    "public",
    "direct",
    "../../etc/passwd",
    "@",
    "@@",
    "a@b@c",
    " ",
    "null",
    "[]",
    "{}",
    "fuzzer",
    "@fuzzer",
    "fuzzer@example.org",
    "correct horse battery",
    "' or 1=1 --",
    "read write",
    "urn:ietf:wg:oauth:2.0:oob",
  };

  /** Well-formed percent-escapes of bytes UTF-8 forbids (or of a NUL), for paths and queries. */
  private static final String[] BAD_ESCAPES = {
    "%FF", "%C3%28", "%F0%9F%98", "%ED%A0%80", "%C0%AF", "%E2%82", "%80", "a%00b", "%F4%90%80%80",
  };

  /** What a form body may hold besides: escapes that are not escapes at all. */
  private static final String[] BAD_FORM_ESCAPES = {"%zz", "%", "%%41", "%4", "%FF", "%C3%28"};

  private static final byte[][] BAD_BYTES = {
    {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80},
  };
  private static final String[] TYPES = {
    null,
    "application/json",
    "application/x-www-form-urlencoded",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/json; charset=latin1",
    "application/xml",
    "application/x-www-form-urlencoded; charset=ISO-8859-1",
    "application/json; charset=utf-8",
  };
  private static final String[] JSON_BODIES = {
    "{",
    "[]",
    "null",
    "{\"status\": {\"a\": 1}}",
    "{\"status\": [1, 2]}",
    "{\"status\": \"hello\", \"visibility\": \"public\"}",
    "\"text\"",
    "{\"limit\": 1e999}",
    "{\"status\": \"\\ud800\"}",
    "{\"username\": \"x\", \"password\": 1}",
    "{\"a\":" + "[".repeat(2000),
    "{\"status\": \"a\", \"status\": \"b\"}",
    "{\"grant_type\": \"password\", \"username\": \"fuzzer\"}",
  };

  private final long seed = Long.getLong("feedkit.seed", System.nanoTime());
  private TestServer app;
  private TestServer browser;
  private String token;
  private String userId;
  private String postId;
  private String csrf;
  private ExecutorService clients;

  @BeforeAll
  void start() {
    System.out.println(
        "MalformedRequestsTest seed: " + seed + " (replay with -Dfeedkit.seed=" + seed + ")");
    app = TestServer.start();
    token = app.signUp("fuzzer");
    userId = app.accountId(token);
    postId =
        TestServer.json(
                app.postForm(
                    "/api/v1/statuses",
                    Map.of("status", "target"),
                    "Authorization",
                    "Bearer " + token))
            .get("id")
            .asText();
    browser = app.browser();
    HttpResponse<String> login = browser.get("/login");
    browser.postForm(
        "/login",
        Map.of(
            "handle", "fuzzer", "password", TestServer.PASSWORD, "csrf", TestServer.csrf(login)));
    csrf = TestServer.csrf(browser.get("/"));
    clients = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterAll
  void stop() {
    clients.shutdownNow();
    app.close();
  }

  static Stream<String> routes() {
    return Stream.of(ROUTES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void noRequestGetsA5xx(String route) throws Exception {
    long routeSeed = seed ^ route.hashCode() * 0x9E3779B97F4A7C15L;
    List<Future<?>> cases = new ArrayList<>();
    for (int chunk = 0; chunk < CLIENTS; chunk++) {
      SplittableRandom random = new SplittableRandom(routeSeed + chunk);
      int from = chunk * CASES / CLIENTS;
      int to = (chunk + 1) * CASES / CLIENTS;
      cases.add(
          clients.submit(
              () -> {
                for (int i = from; i < to; i++) {
                  check(route, i, random);
                }
                return null;
              }));
    }
    for (Future<?> c : cases) {
      c.get();
    }
    assertThat(app.get("/api/v1/instance").statusCode()).as("after " + route).isEqualTo(200);
    assertThat(
            app.get("/api/v1/accounts/verify_credentials", "Authorization", "Bearer " + token)
                .statusCode())
        .as("after " + route)
        .isIn(200, 401);
    assertThat(app.server.requestsInFlight())
        .as("after " + route + ": every request counted in was counted out")
        .isZero();
  }

  private void check(String route, int i, SplittableRandom random) {
    String[] parts = route.split(" ", 2);
    String method = random.nextInt(5) == 0 ? pick(random, OTHER_METHODS) : parts[0];
    String path = path(random, parts[1]);
    String query = random.nextInt(3) == 0 ? query(random) : "";
    String type = pick(random, TYPES);
    byte[] body =
        method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")
            ? new byte[0]
            : body(random, type, path);
    List<String> headers = new ArrayList<>();
    boolean session = false;
    switch (random.nextInt(5)) {
      case 0, 1 -> headers.addAll(List.of("Authorization", "Bearer " + token));
      case 2 ->
          headers.addAll(
              List.of(
                  "Authorization",
                  pick(
                      random,
                      new String[] {
                        "Bearer",
                        "Bearer ",
                        "Basic abc",
                        "Bearer x y",
                        "bearer " + token,
                        "Bearer ' or 1=1 --",
                        "Bearer " + token + "x"
                      })));
      case 3 -> session = true;
      default -> {}
    }
    if (random.nextInt(4) == 0) {
      headers.addAll(
          List.of(
              "Origin",
              pick(
                  random,
                  new String[] {
                    "null", "https://evil.example", "not a url", app.uri("/").toString()
                  })));
    }
    if (random.nextInt(8) == 0) {
      headers.addAll(List.of("Idempotency-Key", "k" + encode(pick(random, VALUES))));
    }
    String target = path + (query.isEmpty() ? "" : "?" + query);
    String what =
        route
            + " case "
            + i
            + ": "
            + method
            + " "
            + abbreviate(target)
            + " type="
            + type
            + " body="
            + abbreviate(new String(body, StandardCharsets.UTF_8))
            + " session="
            + session
            + " (seed "
            + seed
            + ")";
    TestServer client = session ? browser : app;
    HttpResponse<String> response;
    try {
      response =
          body.length == 0 && type == null
              ? client.send(method, target, headers.toArray(String[]::new))
              : client.sendBytes(method, target, type, body, headers.toArray(String[]::new));
    } catch (RuntimeException e) {
      throw new AssertionError(what + " got no answer", e);
    }
    assertThat(response.statusCode())
        .as(what + " -> " + abbreviate(response.body()))
        .isBetween(200, 499);
    if (response.statusCode() >= 400
        && !method.equals("HEAD")
        && (path.startsWith("/api/") || path.startsWith("/oauth/"))) {
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .as(what + " -> " + abbreviate(response.body()))
          .startsWith("application/json");
      JsonNode error = TestServer.json(response);
      assertThat(error.path("error").asText()).as(what).isNotBlank();
    }
  }

  private String path(SplittableRandom random, String template) {
    String id =
        switch (random.nextInt(6)) {
          case 0 -> userId;
          case 1 -> postId;
          case 2 -> Long.toString(random.nextLong());
          case 3 -> pick(random, BAD_ESCAPES);
          default -> encode(pick(random, VALUES));
        };
    String handle =
        switch (random.nextInt(4)) {
          case 0 -> "fuzzer";
          case 1 -> pick(random, BAD_ESCAPES);
          case 2 -> "style.css";
          default -> encode(pick(random, VALUES));
        };
    return template
        .replace("{id}", id.isEmpty() ? "x" : id)
        .replace("{handle}", handle.isEmpty() ? "x" : handle);
  }

  private static String query(SplittableRandom random) {
    StringBuilder query = new StringBuilder();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        query.append('&');
      }
      query.append(encode(pick(random, PARAMS))).append('=').append(value(random));
    }
    return query.toString();
  }

  /** A parameter value, percent-encoded, or now and then an escape UTF-8 forbids. */
  private static String value(SplittableRandom random) {
    return random.nextInt(6) == 0 ? pick(random, BAD_ESCAPES) : encode(pick(random, VALUES));
  }

  private byte[] body(SplittableRandom random, String type, String path) {
    if (type != null && type.startsWith("application/json") && random.nextBoolean()) {
      return pick(random, JSON_BODIES).getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder form = new StringBuilder();
    if (!path.startsWith("/api/") && !path.startsWith("/oauth/") && random.nextInt(3) > 0) {
      form.append("csrf=").append(encode(csrf));
    }
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (!form.isEmpty()) {
        form.append('&');
      }
      form.append(encode(pick(random, PARAMS)))
          .append('=')
          .append(random.nextInt(8) == 0 ? pick(random, BAD_FORM_ESCAPES) : value(random));
    }
    byte[] bytes = form.toString().getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(6) == 0) {
      // Raw bytes UTF-8 forbids, not escaped.
      byte[] bad = BAD_BYTES[random.nextInt(BAD_BYTES.length)];
      byte[] mangled = new byte[bytes.length + 6 + bad.length];
      System.arraycopy(bytes, 0, mangled, 0, bytes.length);
      System.arraycopy("&text=".getBytes(StandardCharsets.US_ASCII), 0, mangled, bytes.length, 6);
      System.arraycopy(bad, 0, mangled, bytes.length + 6, bad.length);
      return mangled;
    }
    return bytes;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static <T> T pick(SplittableRandom random, T[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
