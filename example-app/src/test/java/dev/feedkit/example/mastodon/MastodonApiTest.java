package dev.feedkit.example.mastodon;

import static dev.feedkit.example.TestServer.PASSWORD;
import static dev.feedkit.example.TestServer.bearer;
import static dev.feedkit.example.TestServer.json;
import static dev.feedkit.example.TestServer.newHandle;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedkit.example.TestFeeds;
import dev.feedkit.example.TestServer;
import dev.feedkit.example.web.ServerConfig;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Mastodon API over HTTP, against the server on a random port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MastodonApiTest {

  private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"(next|prev)\"");

  private TestServer app;

  @BeforeAll
  void start() {
    app = TestServer.start();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private String auth(String token) {
    return bearer(token);
  }

  private static void assertError(HttpResponse<String> response, int status, String fragment) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json(response).get("error").asText()).containsIgnoringCase(fragment);
  }

  private static Map<String, String> links(HttpResponse<String> response) {
    Map<String, String> links = new java.util.HashMap<>();
    Matcher m = LINK.matcher(response.headers().firstValue("Link").orElse(""));
    while (m.find()) {
      links.put(m.group(2), m.group(1));
    }
    return links;
  }

  private static List<String> ids(HttpResponse<String> response) {
    List<String> ids = new ArrayList<>();
    json(response).forEach(node -> ids.add(node.get("id").asText()));
    return ids;
  }

  private String post(String token, String text) {
    HttpResponse<String> response =
        app.postForm("/api/v1/statuses", Map.of("status", text), "Authorization", auth(token));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("id").asText();
  }

  @Nested
  @DisplayName("sign-up and tokens")
  class SignUpAndTokens {

    @Test
    void signUpReturnsABearerTokenForTheNewAccount() {
      String handle = newHandle("ann");
      HttpResponse<String> response =
          app.postForm(
              "/api/v1/accounts",
              Map.of(
                  "username",
                  handle,
                  "password",
                  PASSWORD,
                  "email",
                  "x@example.org",
                  "agreement",
                  "true"));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode token = json(response);
      assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
      assertThat(token.get("scope").asText()).contains("read", "write", "follow");
      assertThat(token.get("created_at").isNumber()).isTrue();

      JsonNode me =
          json(
              app.get(
                  "/api/v1/accounts/verify_credentials",
                  "Authorization",
                  auth(token.get("access_token").asText())));
      assertThat(me.get("username").asText()).isEqualTo(handle);
      assertThat(me.get("acct").asText()).isEqualTo(handle);
      assertThat(me.get("display_name").asText()).isEqualTo(handle);
      assertThat(me.get("id").isTextual()).isTrue();
      assertThat(me.get("statuses_count").asLong()).isZero();
      assertThat(me.get("source").get("privacy").asText()).isEqualTo("public");
      assertThat(me.get("created_at").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(me.get("url").asText()).endsWith("/users/" + handle);
    }

    @Test
    void signUpAcceptsAJsonBody() {
      String handle = newHandle("jay");
      HttpResponse<String> response =
          app.postJson(
              "/api/v1/accounts",
              Map.of("username", handle, "password", PASSWORD, "display_name", "Jay Jay"));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      String token = json(response).get("access_token").asText();
      assertThat(
              json(app.get("/api/v1/accounts/verify_credentials", "Authorization", auth(token)))
                  .get("display_name")
                  .asText())
          .isEqualTo("Jay Jay");
    }

    @Test
    void signUpWithATakenHandleIsAConflict() {
      String handle = newHandle("dup");
      app.signUp(handle);
      assertError(
          app.postForm(
              "/api/v1/accounts", Map.of("username", handle.toUpperCase(), "password", PASSWORD)),
          409,
          "handle");
    }

    @Test
    void signUpWithABadHandleOrPasswordSaysWhatIsWrong() {
      assertError(
          app.postForm("/api/v1/accounts", Map.of("username", "no way", "password", PASSWORD)),
          422,
          "handle");
      assertError(
          app.postForm(
              "/api/v1/accounts", Map.of("username", newHandle("pw"), "password", "short")),
          422,
          "password");
      assertError(app.postForm("/api/v1/accounts", Map.of("password", PASSWORD)), 400, "username");
    }

    @Test
    void passwordGrantIssuesATokenAndRevokeEndsIt() {
      String handle = newHandle("oli");
      app.signUp(handle);
      HttpResponse<String> response =
          app.postForm(
              "/oauth/token",
              Map.of(
                  "grant_type",
                  "password",
                  "username",
                  handle,
                  "password",
                  PASSWORD,
                  "client_id",
                  "x",
                  "client_secret",
                  "y",
                  "scope",
                  "read write follow"));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      String token = json(response).get("access_token").asText();
      assertThat(
              app.get("/api/v1/accounts/verify_credentials", "Authorization", auth(token))
                  .statusCode())
          .isEqualTo(200);

      HttpResponse<String> revoked = app.postForm("/oauth/revoke", Map.of("token", token));
      assertThat(revoked.statusCode()).isEqualTo(200);
      assertThat(revoked.body()).isEqualTo("{}");
      assertError(
          app.get("/api/v1/accounts/verify_credentials", "Authorization", auth(token)),
          401,
          "invalid");
    }

    @Test
    void aWrongPasswordIsAnInvalidGrant() {
      String handle = newHandle("wrong");
      app.signUp(handle);
      HttpResponse<String> response =
          app.postForm(
              "/oauth/token",
              Map.of("grant_type", "password", "username", handle, "password", "not the password"));
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).get("error").asText()).isEqualTo("invalid_grant");
      assertThat(json(response).get("error_description").asText()).isNotBlank();
    }

    @Test
    void onlyThePasswordGrantIsSupported() {
      HttpResponse<String> response =
          app.postForm(
              "/oauth/token",
              Map.of("grant_type", "client_credentials", "client_id", "a", "client_secret", "b"));
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).get("error").asText()).isEqualTo("unsupported_grant_type");
      assertThat(json(app.postForm("/oauth/token", Map.of("username", "x"))).get("error").asText())
          .isEqualTo("invalid_request");
    }

    @Test
    void repeatedFailedLogInsAreThrottledWithRetryAfter() {
      String handle = newHandle("victim");
      app.signUp(handle);
      HttpResponse<String> response = null;
      for (int i = 0; i < 30; i++) {
        // From another client than the owner's, who signed up from loopback: the owner's usual
        // client is exempt from their handle's delays.
        response =
            app.postForm(
                "/oauth/token",
                Map.of(
                    "grant_type", "password", "username", handle, "password", "guess number " + i),
                "X-Forwarded-For",
                "203.0.113.7");
        if (response.statusCode() == 429) {
          break;
        }
        assertThat(response.statusCode()).isEqualTo(400);
      }
      assertError(response, 429, "try again");
      assertThat(response.headers().firstValue("Retry-After"))
          .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }

    @Test
    void signUpFromAClientThrottledForLogInsStillGetsAToken() {
      // A clock that never moves keeps the client's wait from running out during the test.
      Clock frozen = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
      try (TestServer frozenApp =
          TestServer.start(ServerConfig.ephemeral(), TestFeeds.create(frozen))) {
        String[] client = {"X-Forwarded-For", "192.0.2.99"};
        HttpResponse<String> response = null;
        for (int i = 0; i < 40 && (response == null || response.statusCode() != 429); i++) {
          response =
              frozenApp.postForm(
                  "/oauth/token",
                  Map.of(
                      "grant_type",
                      "password",
                      "username",
                      "nobody_" + i,
                      "password",
                      "wrong password"),
                  client);
        }
        assertThat(response.statusCode()).isEqualTo(429);

        HttpResponse<String> signUp =
            frozenApp.postForm(
                "/api/v1/accounts", Map.of("username", "latecomer", "password", PASSWORD), client);
        // Signing up is not a log-in attempt, and opens its session without a second hash.
        assertThat(signUp.statusCode()).isEqualTo(200);
        String token = json(signUp).get("access_token").asText();
        assertThat(
                frozenApp
                    .get("/api/v1/accounts/verify_credentials", "Authorization", auth(token))
                    .statusCode())
            .isEqualTo(200);
        assertThat(
                frozenApp
                    .postForm(
                        "/oauth/token",
                        Map.of(
                            "grant_type",
                            "password",
                            "username",
                            "latecomer",
                            "password",
                            PASSWORD))
                    .statusCode())
            .as("another client logs in")
            .isEqualTo(200);
      }
    }

    @Test
    void appsGetClientCredentials() {
      HttpResponse<String> response =
          app.postForm(
              "/api/v1/apps",
              Map.of(
                  "client_name",
                  "Tooter",
                  "redirect_uris",
                  "urn:ietf:wg:oauth:2.0:oob",
                  "scopes",
                  "read write follow"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).get("client_id").asText()).isNotBlank();
      assertThat(json(response).get("client_secret").asText()).isNotBlank();
      assertThat(json(response).get("name").asText()).isEqualTo("Tooter");
      assertError(app.postForm("/api/v1/apps", Map.of()), 400, "client_name");
    }

    @Test
    void instanceDescribesTheServer() {
      JsonNode instance = json(app.get("/api/v1/instance"));
      assertThat(instance.get("version").asText()).startsWith("4.");
      assertThat(instance.at("/configuration/statuses/max_characters").asInt()).isEqualTo(280);
    }
  }

  @Nested
  @DisplayName("accounts")
  class AccountsEndpoints {

    @Test
    void lookupFindsAnAccountByAcct() {
      String handle = newHandle("look");
      String token = app.signUp(handle);
      String id = app.accountId(token);
      assertThat(json(app.get("/api/v1/accounts/lookup?acct=" + handle)).get("id").asText())
          .isEqualTo(id);
      assertThat(
              json(app.get("/api/v1/accounts/lookup?acct=@" + handle.toUpperCase()))
                  .get("id")
                  .asText())
          .isEqualTo(id);
      assertError(
          app.get("/api/v1/accounts/lookup?acct=nobody_here_at_all"), 404, "nobody_here_at_all");
      assertError(
          app.get("/api/v1/accounts/lookup?acct=" + handle + "@elsewhere.example"),
          404,
          "own accounts");
      assertError(app.get("/api/v1/accounts/lookup"), 400, "acct");
    }

    @Test
    void searchFindsAccountsByHandlePrefix() {
      String prefix = newHandle("srch");
      app.signUp(prefix + "a");
      app.signUp(prefix + "b");
      app.signUp(newHandle("other"));
      JsonNode found = json(app.get("/api/v1/accounts/search?q=" + prefix + "&limit=5"));
      assertThat(found)
          .extracting(n -> n.get("username").asText())
          .containsExactly(prefix + "a", prefix + "b");
      assertThat(json(app.get("/api/v1/accounts/search?q=" + prefix + "&limit=1"))).hasSize(1);
      assertThat(json(app.get("/api/v1/accounts/search?q=" + prefix + "&offset=1"))).hasSize(1);
      assertError(app.get("/api/v1/accounts/search"), 400, "q");
      assertError(app.get("/api/v1/accounts/search?q=a&limit=lots"), 400, "limit");
      assertError(app.get("/api/v1/accounts/search?q=a&following=true"), 401, "token");
    }

    @Test
    void searchCanKeepOnlyFollowedAccounts() {
      String prefix = newHandle("fs");
      String me = app.signUp(prefix + "me");
      app.signUp(prefix + "x");
      String y = app.accountId(app.signUp(prefix + "y"));
      app.postForm("/api/v1/accounts/" + y + "/follow", Map.of(), "Authorization", auth(me));
      JsonNode found =
          json(
              app.get(
                  "/api/v1/accounts/search?q=" + prefix + "&following=true",
                  "Authorization",
                  auth(me)));
      assertThat(found).extracting(n -> n.get("id").asText()).containsExactly(y);
    }

    @Test
    void anAccountHasCountsAndStringIds() {
      String token = app.signUp(newHandle("cnt"));
      String id = app.accountId(token);
      post(token, "one");
      post(token, "two");
      JsonNode account = json(app.get("/api/v1/accounts/" + id));
      assertThat(account.get("id").asText()).isEqualTo(id);
      assertThat(account.get("statuses_count").asLong()).isEqualTo(2);
      assertThat(account.get("followers_count").asLong()).isZero();
      assertThat(account.get("avatar").asText()).startsWith("http").endsWith(".png");
      assertThat(account.has("source")).isFalse();
      assertError(app.get("/api/v1/accounts/999999999"), 404, "999999999");
      assertError(app.get("/api/v1/accounts/not-a-number"), 404, "not-a-number");
    }

    @Test
    void followAndUnfollowAnswerWithTheRelationship() {
      String alice = app.signUp(newHandle("alice"));
      String bob = app.signUp(newHandle("bob"));
      String aliceId = app.accountId(alice);
      String bobId = app.accountId(bob);

      HttpResponse<String> followed =
          app.postForm(
              "/api/v1/accounts/" + bobId + "/follow", Map.of(), "Authorization", auth(alice));
      assertThat(followed.statusCode()).isEqualTo(200);
      assertThat(json(followed).get("id").asText()).isEqualTo(bobId);
      assertThat(json(followed).get("following").asBoolean()).isTrue();
      assertThat(json(followed).get("followed_by").asBoolean()).isFalse();

      JsonNode relationships =
          json(
              app.get(
                  "/api/v1/accounts/relationships?id[]=" + aliceId + "&id[]=999999999",
                  "Authorization",
                  auth(bob)));
      assertThat(relationships).hasSize(1);
      assertThat(relationships.get(0).get("followed_by").asBoolean()).isTrue();
      assertThat(relationships.get(0).get("following").asBoolean()).isFalse();
      assertThat(json(app.get("/api/v1/accounts/" + bobId)).get("followers_count").asLong())
          .isEqualTo(1);

      HttpResponse<String> unfollowed =
          app.postForm(
              "/api/v1/accounts/" + bobId + "/unfollow", Map.of(), "Authorization", auth(alice));
      assertThat(json(unfollowed).get("following").asBoolean()).isFalse();
      assertThat(json(app.get("/api/v1/accounts/" + bobId)).get("followers_count").asLong())
          .isZero();
    }

    @Test
    void followMistakesGetTheirStatus() {
      String carol = app.signUp(newHandle("carol"));
      String carolId = app.accountId(carol);
      assertError(
          app.postForm(
              "/api/v1/accounts/" + carolId + "/follow", Map.of(), "Authorization", auth(carol)),
          422,
          "themselves");
      assertError(
          app.postForm("/api/v1/accounts/123456789/follow", Map.of(), "Authorization", auth(carol)),
          404,
          "123456789");
      HttpResponse<String> anonymous =
          app.postForm("/api/v1/accounts/" + carolId + "/follow", Map.of());
      assertError(anonymous, 401, "Authorization: Bearer");
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertError(
          app.get("/api/v1/accounts/relationships?id[]=x", "Authorization", auth(carol)),
          400,
          "id");
      StringBuilder tooMany = new StringBuilder("/api/v1/accounts/relationships?id[]=1");
      for (int id = 2; id <= 201; id++) {
        tooMany.append("&id[]=").append(id);
      }
      assertError(app.get(tooMany.toString(), "Authorization", auth(carol)), 422, "at most 200");
    }

    @Test
    void followersAndFollowingArePagedWithLinks() {
      String star = app.signUp(newHandle("star"));
      String starId = app.accountId(star);
      List<String> fans = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String fan = app.signUp(newHandle("fan"));
        fans.add(0, app.accountId(fan));
        app.postForm(
            "/api/v1/accounts/" + starId + "/follow", Map.of(), "Authorization", auth(fan));
      }
      HttpResponse<String> first = app.get("/api/v1/accounts/" + starId + "/followers?limit=3");
      assertThat(ids(first)).isEqualTo(fans.subList(0, 3));
      String next = links(first).get("next");
      assertThat(next).contains("max_id=");
      HttpResponse<String> second =
          app.get(app.server.uri().relativize(java.net.URI.create(next)).toString());
      assertThat(ids(second)).isEqualTo(fans.subList(3, 5));
      assertThat(links(second)).doesNotContainKey("next");

      String fanToken = app.signUp(newHandle("solo"));
      app.postForm(
          "/api/v1/accounts/" + starId + "/follow", Map.of(), "Authorization", auth(fanToken));
      assertThat(ids(app.get("/api/v1/accounts/" + app.accountId(fanToken) + "/following")))
          .containsExactly(starId);
    }
  }

  @Nested
  @DisplayName("statuses and timelines")
  class Statuses {

    @Test
    void aStatusHasEscapedHtmlContent() {
      String token = app.signUp(newHandle("esc"));
      HttpResponse<String> response =
          app.postForm(
              "/api/v1/statuses",
              Map.of("status", "<script>alert(1)</script> & \"quotes\"\nnext line"),
              "Authorization",
              auth(token));
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode status = json(response);
      assertThat(status.get("content").asText())
          .isEqualTo(
              "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;<br>next line</p>");
      assertThat(status.get("visibility").asText()).isEqualTo("public");
      assertThat(status.get("account").get("id").asText()).isEqualTo(app.accountId(token));
      assertThat(status.get("media_attachments")).isEmpty();
      assertThat(status.get("favourited").asBoolean()).isFalse();
      assertThat(status.has("text")).isFalse();

      JsonNode fetched = json(app.get("/api/v1/statuses/" + status.get("id").asText()));
      assertThat(fetched.get("content").asText()).isEqualTo(status.get("content").asText());
      assertThat(fetched.has("favourited")).isFalse();
    }

    @Test
    void aRetriedStatusWithTheSameIdempotencyKeyIsPostedOnce() {
      String token = app.signUp(newHandle("idem"));
      String key = java.util.UUID.randomUUID().toString();
      HttpResponse<String> first =
          app.postForm(
              "/api/v1/statuses",
              Map.of("status", "just once"),
              "Authorization",
              auth(token),
              "Idempotency-Key",
              key);
      HttpResponse<String> retry =
          app.postForm(
              "/api/v1/statuses",
              Map.of("status", "just once"),
              "Authorization",
              auth(token),
              "Idempotency-Key",
              key);
      HttpResponse<String> other =
          app.postForm(
              "/api/v1/statuses",
              Map.of("status", "just once"),
              "Authorization",
              auth(token),
              "Idempotency-Key",
              key + "-2");

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(json(retry).get("id").asText()).isEqualTo(json(first).get("id").asText());
      assertThat(json(other).get("id").asText()).isNotEqualTo(json(first).get("id").asText());
      assertThat(
              json(app.get("/api/v1/accounts/" + app.accountId(token)))
                  .get("statuses_count")
                  .asLong())
          .isEqualTo(2);
      assertError(
          app.postForm(
              "/api/v1/statuses",
              Map.of("status", "hi"),
              "Authorization",
              auth(token),
              "Idempotency-Key",
              "k".repeat(256)),
          422,
          "idempotency key");
    }

    @Test
    void badStatusesAreRefusedWithTheRule() {
      String token = app.signUp(newHandle("bad"));
      assertError(
          app.postForm("/api/v1/statuses", Map.of("status", "   "), "Authorization", auth(token)),
          422,
          "empty");
      assertError(
          app.postForm(
              "/api/v1/statuses", Map.of("status", "x".repeat(281)), "Authorization", auth(token)),
          422,
          "280");
      assertError(
          app.postForm(
              "/api/v1/statuses",
              Map.of("status", "hi", "media_ids[]", "1"),
              "Authorization",
              auth(token)),
          422,
          "media");
      assertError(
          app.postForm(
              "/api/v1/statuses",
              Map.of("status", "hi", "visibility", "direct"),
              "Authorization",
              auth(token)),
          422,
          "public");
      assertError(
          app.postForm(
              "/api/v1/statuses",
              Map.of("status", "hi", "in_reply_to_id", "5"),
              "Authorization",
              auth(token)),
          422,
          "repl");
      assertError(app.postForm("/api/v1/statuses", Map.of("status", "hi")), 401, "token");
      assertThat(
              json(app.get("/api/v1/accounts/" + app.accountId(token)))
                  .get("statuses_count")
                  .asLong())
          .isZero();
    }

    @Test
    void onlyTheAuthorDeletesAStatusAndGetsItsText() {
      String author = app.signUp(newHandle("auth"));
      String other = app.signUp(newHandle("othr"));
      String id = post(author, "delete me");
      assertError(
          app.delete("/api/v1/statuses/" + id, "Authorization", auth(other)), 403, "author");
      HttpResponse<String> deleted =
          app.delete("/api/v1/statuses/" + id, "Authorization", auth(author));
      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(json(deleted).get("text").asText()).isEqualTo("delete me");
      assertError(app.get("/api/v1/statuses/" + id), 404, id);
      assertError(app.delete("/api/v1/statuses/" + id, "Authorization", auth(author)), 404, id);
      assertError(app.get("/api/v1/statuses/abc"), 404, "abc");
    }

    @Test
    void theHomeTimelineShowsFollowedPostsNewestFirst() {
      String reader = app.signUp(newHandle("reader"));
      String writer = app.signUp(newHandle("writer"));
      app.postForm(
          "/api/v1/accounts/" + app.accountId(writer) + "/follow",
          Map.of(),
          "Authorization",
          auth(reader));
      String first = post(writer, "first");
      String mine = post(reader, "mine");
      String last = post(writer, "last");
      app.feed.awaitFanout();

      HttpResponse<String> home = app.get("/api/v1/timelines/home", "Authorization", auth(reader));
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(ids(home)).containsExactly(last, mine, first);
      assertError(app.get("/api/v1/timelines/home"), 401, "token");
      assertError(
          app.get("/api/v1/timelines/home", "Authorization", "Bearer nonsense"), 401, "invalid");
      assertError(app.get("/api/v1/timelines/home", "Authorization", "Basic abc"), 401, "Bearer");
    }

    @Test
    void timelinesPageWithMaxSinceAndMinIdAndLinkHeaders() {
      String token = app.signUp(newHandle("pager"));
      String accountId = app.accountId(token);
      List<String> posts = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        posts.add(0, post(token, "post " + i));
      }
      app.feed.awaitFanout();
      String home = "/api/v1/timelines/home";
      String[] auth = {"Authorization", auth(token)};

      HttpResponse<String> page1 = app.get(home + "?limit=3", auth);
      assertThat(ids(page1)).isEqualTo(posts.subList(0, 3));
      Map<String, String> links = links(page1);
      assertThat(links.get("next")).endsWith("max_id=" + posts.get(2)).contains("limit=3");
      assertThat(links.get("prev")).endsWith("min_id=" + posts.get(0));

      assertThat(ids(app.get(home + "?limit=3&max_id=" + posts.get(2), auth)))
          .isEqualTo(posts.subList(3, 6));
      assertThat(ids(app.get(home + "?limit=3&max_id=" + posts.get(5), auth)))
          .isEqualTo(posts.subList(6, 7));
      // since_id: the newest entries above it; min_id: the ones just above it.
      assertThat(ids(app.get(home + "?limit=2&since_id=" + posts.get(5), auth)))
          .isEqualTo(posts.subList(0, 2));
      assertThat(ids(app.get(home + "?limit=2&min_id=" + posts.get(5), auth)))
          .isEqualTo(posts.subList(3, 5));
      assertThat(ids(app.get(home + "?min_id=" + posts.get(0), auth))).isEmpty();
      assertThat(ids(app.get(home + "?limit=500", auth))).hasSize(7);

      HttpResponse<String> statuses =
          app.get("/api/v1/accounts/" + accountId + "/statuses?limit=4");
      assertThat(ids(statuses)).isEqualTo(posts.subList(0, 4));
      assertThat(links(statuses).get("next")).endsWith("max_id=" + posts.get(3));

      assertThat(ids(app.get("/api/v1/accounts/" + accountId + "/statuses?pinned=true"))).isEmpty();
      assertThat(ids(app.get("/api/v1/accounts/" + accountId + "/statuses?only_media=1")))
          .isEmpty();
      assertThat(ids(app.get("/api/v1/accounts/" + accountId + "/statuses?exclude_replies=true")))
          .hasSize(7);
      assertError(
          app.get("/api/v1/accounts/" + accountId + "/statuses?tagged=cats"), 422, "tagged");

      assertError(app.get(home + "?max_id=abc", auth), 400, "max_id");
      assertError(app.get(home + "?since_id=-4", auth), 400, "since_id");
      assertError(app.get(home + "?limit=0", auth), 400, "limit");
    }
  }

  @Nested
  @DisplayName("requests the API cannot take")
  class BadRequests {

    @Test
    void unknownPathsAreJsonNotFound() {
      assertError(app.get("/api/v1/nothing/here"), 404, "/api/v1/nothing/here");
    }

    @Test
    void malformedBodiesAreBadRequests() {
      String token = app.signUp(newHandle("body"));
      assertError(
          app.post(
              "/api/v1/statuses", "application/json", "{not json", "Authorization", auth(token)),
          400,
          "JSON");
      assertError(
          app.post("/api/v1/statuses", "application/json", "[1,2]", "Authorization", auth(token)),
          400,
          "object");
      assertError(
          app.post(
              "/api/v1/statuses",
              "application/x-www-form-urlencoded",
              "status=%E0%A4%A",
              "Authorization",
              auth(token)),
          400,
          "encoding");
    }

    @Test
    void unsupportedMediaTypesAre415() {
      String token = app.signUp(newHandle("media"));
      assertError(
          app.post("/api/v1/statuses", "text/plain", "status=hi", "Authorization", auth(token)),
          415,
          "application/json");
    }

    @Test
    void bodiesOverTheLimitAre413() {
      String token = app.signUp(newHandle("big"));
      String huge = "status=" + "x".repeat(ServerConfig.DEFAULT_MAX_BODY_BYTES + 1);
      HttpResponse<String> response =
          app.post(
              "/api/v1/statuses",
              "application/x-www-form-urlencoded",
              huge,
              "Authorization",
              auth(token));
      assertError(response, 413, "at most");
    }

    @Test
    void bodiesWithoutALengthAre411() {
      HttpResponse<String> response =
          app.sendStream("/api/v1/statuses", "application/json", "{\"status\": \"streamed\"}");
      assertError(response, 411, "Content-Length");
    }

    @Test
    void preflightRequestsAreAnsweredForBrowserClients() {
      HttpResponse<String> preflight =
          app.send(
              "OPTIONS",
              "/api/v1/statuses",
              "Origin",
              "https://client.example",
              "Access-Control-Request-Method",
              "POST");
      assertThat(preflight.statusCode()).isEqualTo(204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
          .hasValueSatisfying(v -> assertThat(v).contains("Authorization"));
    }
  }
}
