package dev.feedkit.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedkit.Feed;
import dev.feedkit.example.web.ServerConfig;
import dev.feedkit.example.web.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The app's server on a free loopback port over a fresh in-memory feed, with an HTTP client that
 * never follows redirects (so tests see the 303s) and, per {@link #browser()}, keeps cookies.
 * Public, with its helpers, so that the tests of every package start the whole app the same way.
 */
public final class TestServer implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String PASSWORD = "correct horse battery";
  private static final AtomicInteger HANDLES = new AtomicInteger();
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  public final Feed feed;
  public final WebServer server;
  private final HttpClient client;
  private final boolean owner;

  private TestServer(Feed feed, WebServer server, HttpClient client, boolean owner) {
    this.feed = feed;
    this.server = server;
    this.client = client;
    this.owner = owner;
  }

  public static TestServer start() {
    return start(ServerConfig.ephemeral());
  }

  public static TestServer start(ServerConfig config) {
    return start(config, TestFeeds.create());
  }

  /** A server over the given feed, which {@link #close()} closes with it. */
  public static TestServer start(ServerConfig config, Feed feed) {
    return new TestServer(
        feed, ExampleApp.serve(feed, config, Optional.empty()), newClient(false), true);
  }

  /** A client of a running app's server, which the app, not this, closes. */
  public static TestServer attach(ExampleApp app) {
    return new TestServer(app.feed, app.server(), newClient(false), false);
  }

  /** A client of the same server with its own cookie jar, like a separate browser. */
  public TestServer browser() {
    return new TestServer(feed, server, newClient(true), false);
  }

  private static HttpClient newClient(boolean cookies) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5));
    if (cookies) {
      builder.cookieHandler(new CookieManager());
    }
    return builder.build();
  }

  /** A handle no other test used. */
  public static String newHandle(String prefix) {
    return prefix + "_" + HANDLES.incrementAndGet();
  }

  public URI uri(String path) {
    return server.uri().resolve(path);
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  public HttpResponse<String> send(String method, String path, String... headers) {
    return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  public HttpResponse<String> sendBody(
      String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder builder =
        request(path, headers).method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.build());
  }

  /** A request with a body of raw bytes, which need not be valid in any charset. */
  public HttpResponse<String> sendBytes(
      String method, String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder builder =
        request(path, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.build());
  }

  /** A POST whose body has no length given, so it is sent in chunks. */
  public HttpResponse<String> sendStream(String path, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(bytes)))
            .build());
  }

  public HttpResponse<String> delete(String path, String... headers) {
    return send(request(path, headers).DELETE().build());
  }

  public HttpResponse<String> post(
      String path, String contentType, String body, String... headers) {
    HttpRequest.Builder builder =
        request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.build());
  }

  public HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
    return post(path, "application/x-www-form-urlencoded", encode(form), headers);
  }

  public HttpResponse<String> postJson(String path, Object body, String... headers) {
    try {
      return post(path, "application/json", JSON.writeValueAsString(body), headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** Signs up through the API and returns the access token. */
  public String signUp(String handle) {
    HttpResponse<String> response =
        postForm(
            "/api/v1/accounts",
            Map.of(
                "username",
                handle,
                "password",
                PASSWORD,
                "email",
                handle + "@example.org",
                "agreement",
                "true"));
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-up failed: " + response.statusCode() + " " + response.body());
    }
    return json(response).get("access_token").asText();
  }

  /** The id of the account a token belongs to. */
  public String accountId(String token) {
    return json(get("/api/v1/accounts/verify_credentials", "Authorization", bearer(token)))
        .get("id")
        .asText();
  }

  /** The CSRF token in a page's forms. */
  public static String csrf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF field in " + page.uri());
    }
    return m.group(1);
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (owner) {
      server.close();
      feed.close();
    }
  }
}
