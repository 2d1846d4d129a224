package dev.feedkit.example.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.example.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bodies and queries that do not decode to whole characters are a 400 that says so, whichever
 * way they are encoded, and JSON errors say where, not how the parser works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyEncodingTest {

  private TestServer app;
  private String auth;

  @BeforeAll
  void start() {
    app = TestServer.start();
    auth = "Bearer " + app.signUp("encodings");
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void invalidUtf8EscapesInAFormBodyAreABadRequestNotReplacementCharacters() {
    for (String bad : new String[] {"%FF", "%C3%28", "%F0%9F%98", "%ED%A0%80", "a%E2%82"}) {
      HttpResponse<String> response =
          app.post(
              "/api/v1/statuses",
              "application/x-www-form-urlencoded",
              "status=" + bad,
              "Authorization",
              auth);
      assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
      assertThat(TestServer.json(response).get("error").asText()).contains("UTF-8");
    }
    HttpResponse<String> raw =
        app.post(
            "/api/v1/statuses",
            "application/x-www-form-urlencoded",
            "status=caf%C3%A9+%F0%9F%98%80",
            "Authorization",
            auth);
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(raw).get("content").asText()).contains("café 😀");
  }

  @Test
  void invalidUtf8EscapesInAQueryAreABadRequest() {
    HttpResponse<String> response =
        app.get("/api/v1/accounts/search?q=%C3%28", "Authorization", auth);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(response).get("error").asText()).contains("UTF-8");
  }

  @Test
  void aLoneSurrogateInJsonIsNamedAsSuch() {
    HttpResponse<String> response =
        app.post(
            "/api/v1/statuses",
            "application/json",
            "{\"status\": \"half \\ud83d of an emoji\"}",
            "Authorization",
            auth);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(response).get("error").asText())
        .contains("surrogate")
        .doesNotContain("control character");
  }

  @Test
  void jsonErrorsSayWhereAndNothingOfTheParser() {
    HttpResponse<String> response =
        app.post(
            "/api/v1/statuses",
            "application/json",
            "{\"status\": \"x\",\n <script>}",
            "Authorization",
            auth);
    assertThat(response.statusCode()).isEqualTo(400);
    String error = TestServer.json(response).get("error").asText();
    assertThat(error)
        .contains("not valid JSON", "line 2")
        .doesNotContain("jackson", "Source", "<script>", "REDACTED", "token");
  }
}
