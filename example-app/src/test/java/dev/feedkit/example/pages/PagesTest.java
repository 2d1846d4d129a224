package dev.feedkit.example.pages;

import static dev.feedkit.example.TestServer.PASSWORD;
import static dev.feedkit.example.TestServer.csrf;
import static dev.feedkit.example.TestServer.newHandle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.example.TestFeeds;
import dev.feedkit.example.TestServer;
import dev.feedkit.example.web.ServerConfig;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTML pages over HTTP, as a browser without JavaScript uses them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesTest {

  private TestServer app;

  @BeforeAll
  void start() {
    app = TestServer.start();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  /** A browser that signed up as {@code handle} and is logged in. */
  private TestServer signedUp(String handle) {
    TestServer browser = app.browser();
    HttpResponse<String> form = browser.get("/signup");
    HttpResponse<String> done =
        browser.postForm(
            "/signup",
            Map.of(
                "csrf",
                csrf(form),
                "handle",
                handle,
                "display_name",
                "Name of " + handle,
                "password",
                PASSWORD));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    return browser;
  }

  private static HttpResponse<String> submit(
      TestServer browser,
      String page,
      String action,
      Map<String, String> fields,
      String... headers) {
    Map<String, String> form = new HashMap<>(fields);
    form.put("csrf", csrf(browser.get(page)));
    return browser.postForm(action, form, headers);
  }

  @Test
  void signingUpLogsInWithASafeSessionCookie() {
    TestServer browser = app.browser();
    HttpResponse<String> form = browser.get("/signup");
    assertThat(form.statusCode()).isEqualTo(200);
    String handle = newHandle("page");
    HttpResponse<String> done =
        browser.postForm(
            "/signup",
            Map.of(
                "csrf",
                csrf(form),
                "handle",
                handle,
                "display_name",
                "Page Person",
                "password",
                PASSWORD));

    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
    String cookie =
        done.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(Pages.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");

    HttpResponse<String> home = browser.get("/");
    assertThat(home.body()).contains("Page Person", "@" + handle, "name=\"text\"", "Log out");
    assertThat(browser.get("/login").statusCode()).as("logged in already").isEqualTo(303);
  }

  @Test
  void theSessionCookieIsSecureBehindTls() {
    HttpResponse<String> form = app.get("/signup", "X-Forwarded-Proto", "https");
    String anon =
        form.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(Csrf.COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(anon).contains("Secure", "HttpOnly", "SameSite=Lax");
    assertThat(form.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    assertThat(app.get("/signup").headers().firstValue("Strict-Transport-Security")).isEmpty();
    HttpResponse<String> done =
        app.postForm(
            "/signup",
            Map.of("csrf", csrf(form), "handle", newHandle("tls"), "password", PASSWORD),
            "X-Forwarded-Proto",
            "https",
            "Cookie",
            anon.split(";", 2)[0]);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith(Pages.SESSION_COOKIE + "=").contains("Secure"));
  }

  @Test
  void formsWithoutTheirCsrfTokenAreRefused() {
    TestServer browser = signedUp(newHandle("csrf"));
    HttpResponse<String> forged = browser.postForm("/posts", Map.of("text", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("reload the page");

    HttpResponse<String> wrong =
        browser.postForm("/posts", Map.of("text", "forged", "csrf", "abc"));
    assertThat(wrong.statusCode()).isEqualTo(403);

    Map<String, String> form = Map.of("text", "cross-site", "csrf", csrf(browser.get("/")));
    HttpResponse<String> crossSite =
        browser.postForm("/posts", form, "Origin", "https://evil.example");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body()).contains("another site");

    HttpResponse<String> anonymousLogIn =
        app.browser().postForm("/login", Map.of("handle", "x", "password", "y"));
    assertThat(anonymousLogIn.statusCode()).isEqualTo(403);
    assertThat(browser.get("/").body()).doesNotContain("forged", "cross-site");
  }

  @Test
  void aPostShowsOnHomeEscapedAndTheCounterIsThere() {
    TestServer browser = signedUp(newHandle("poster"));
    HttpResponse<String> posted =
        submit(browser, "/", "/posts", Map.of("text", "<script>alert('x')</script> hello"));
    assertThat(posted.statusCode()).isEqualTo(303);

    String home = browser.get("/").body();
    assertThat(home)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; hello")
        .doesNotContain("<script>alert");
    assertThat(home)
        .contains("id=\"counter\"", "data-max=\"280\"", "<script src=\"/static/app.js\"");
  }

  @Test
  void aPostThatBreaksTheRulesKeepsTheDraftAndSaysWhy() {
    TestServer browser = signedUp(newHandle("long"));
    String draft = "y".repeat(300);
    HttpResponse<String> refused = submit(browser, "/", "/posts", Map.of("text", draft));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("at most 280 characters", draft);
  }

  @Test
  void logInChecksThePasswordAndLogOutEndsTheSession() {
    String handle = newHandle("login");
    signedUp(handle);
    TestServer browser = app.browser();
    HttpResponse<String> wrong =
        submit(browser, "/login", "/login", Map.of("handle", handle, "password", "wrong password"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("value=\"" + handle + "\"").doesNotContain("wrong password");

    HttpResponse<String> right =
        submit(browser, "/login", "/login", Map.of("handle", handle, "password", PASSWORD));
    assertThat(right.statusCode()).isEqualTo(303);
    String token =
        right.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(Pages.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow()
            .split(";", 2)[0]
            .substring(Pages.SESSION_COOKIE.length() + 1);
    assertThat(app.feed.accounts().authenticate(token)).isPresent();
    assertThat(browser.get("/").body()).contains("Log out");

    HttpResponse<String> out = submit(browser, "/", "/logout", Map.of());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().allValues("Set-Cookie"))
        .anySatisfy(
            c -> assertThat(c).startsWith(Pages.SESSION_COOKIE + "=;").contains("Max-Age=0"));
    assertThat(app.feed.accounts().authenticate(token)).isEmpty();
    assertThat(browser.get("/").body()).contains("Log in").doesNotContain("Log out");
  }

  @Test
  void repeatedFailedLogInsAreAnsweredWith429() {
    String handle = newHandle("throttle");
    signedUp(handle);
    TestServer browser = app.browser();
    HttpResponse<String> response = null;
    for (int i = 0; i < 30; i++) {
      response =
          submit(
              browser,
              "/login",
              "/login",
              Map.of("handle", handle, "password", "guess " + i),
              "X-Forwarded-For",
              "198.51.100.23");
      if (response.statusCode() == 429) {
        break;
      }
      assertThat(response.statusCode()).isEqualTo(401);
    }
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.body()).contains("try again");
  }

  @Test
  void signingUpFromABrowserThrottledForLogInsLogsItIn() {
    Clock frozen = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    try (TestServer frozenApp =
        TestServer.start(ServerConfig.ephemeral(), TestFeeds.create(frozen))) {
      TestServer browser = frozenApp.browser();
      HttpResponse<String> response = null;
      for (int i = 0; i < 40 && (response == null || response.statusCode() != 429); i++) {
        response =
            submit(
                browser, "/login", "/login", Map.of("handle", "nobody_" + i, "password", "wrong"));
      }
      assertThat(response.statusCode()).isEqualTo(429);
      HttpResponse<String> signUp =
          submit(browser, "/signup", "/signup", Map.of("handle", "patient", "password", PASSWORD));
      assertThat(signUp.statusCode()).isEqualTo(303);
      assertThat(frozenApp.feed.userByHandle("patient")).isPresent();
      assertThat(browser.get("/").body()).contains("@patient");
    }
  }

  @Test
  void signUpMistakesAreShownOnTheForm() {
    String taken = newHandle("taken");
    signedUp(taken);
    TestServer browser = app.browser();
    HttpResponse<String> conflict =
        submit(browser, "/signup", "/signup", Map.of("handle", taken, "password", PASSWORD));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("class=\"error\"", "value=\"" + taken + "\"");
    HttpResponse<String> badHandle =
        submit(browser, "/signup", "/signup", Map.of("handle", "<b>bad</b>", "password", PASSWORD));
    assertThat(badHandle.statusCode()).isEqualTo(422);
    assertThat(badHandle.body()).contains("&lt;b&gt;bad&lt;/b&gt;").doesNotContain("<b>bad</b>");
  }

  @Test
  void profilesFollowButtonsCountsAndLists() {
    String aliceHandle = newHandle("alice");
    String bobHandle = newHandle("bob");
    TestServer alice = signedUp(aliceHandle);
    TestServer bob = signedUp(bobHandle);
    submit(bob, "/", "/posts", Map.of("text", "bob was here"));

    String profile = alice.get("/users/" + bobHandle).body();
    assertThat(profile).contains("Name of " + bobHandle, "bob was here", "id=\"follow-button\"");
    HttpResponse<String> followed =
        submit(alice, "/users/" + bobHandle, "/users/" + bobHandle + "/follow", Map.of());
    assertThat(followed.statusCode()).isEqualTo(303);
    assertThat(followed.headers().firstValue("Location").orElseThrow())
        .endsWith("/users/" + bobHandle);
    app.feed.awaitFanout();

    assertThat(alice.get("/users/" + bobHandle).body()).contains("id=\"unfollow-button\"");
    assertThat(bob.get("/users/" + aliceHandle).body()).contains("Follows you");
    assertThat(alice.get("/").body()).contains("bob was here");
    assertThat(app.get("/users/" + bobHandle + "/followers").body()).contains("@" + aliceHandle);
    assertThat(app.get("/users/" + aliceHandle + "/following").body()).contains("@" + bobHandle);
    assertThat(app.get("/users/" + bobHandle).body()).contains("Log in to follow");

    submit(alice, "/users/" + bobHandle, "/users/" + bobHandle + "/unfollow", Map.of());
    app.feed.awaitFanout();
    assertThat(alice.get("/").body()).doesNotContain("bob was here");
    assertThat(app.get("/users/" + bobHandle + "/followers").body())
        .doesNotContain("@" + aliceHandle);
  }

  @Test
  void olderPagesContinueWhereTheFirstEnded() {
    TestServer browser = signedUp(newHandle("many"));
    for (int i = 1; i <= 23; i++) {
      submit(browser, "/", "/posts", Map.of("text", "number " + i + "."));
    }
    String first = browser.get("/").body();
    assertThat(first).contains("number 23.", "number 4.").doesNotContain("number 3.");
    String older = first.replaceAll("(?s).*href=\"(/\\?max_id=\\d+)\".*", "$1");
    assertThat(older).startsWith("/?max_id=");
    String second = browser.get(older).body();
    assertThat(second).contains("number 3.", "number 1.").doesNotContain("number 4.");
  }

  @Test
  void onlyTheAuthorSeesAndUsesTheDeleteButton() {
    String handle = newHandle("deleter");
    TestServer author = signedUp(handle);
    submit(author, "/", "/posts", Map.of("text", "short-lived"));
    String postId =
        app.feed
            .userByHandle(handle)
            .map(
                u ->
                    app.feed
                        .userTimeline(u.id(), dev.feedkit.PageRequest.first(1))
                        .items()
                        .get(0)
                        .id()
                        .toString())
            .orElseThrow();
    TestServer other = signedUp(newHandle("other"));
    assertThat(other.get("/posts/" + postId).body())
        .contains("short-lived")
        .doesNotContain("Delete");
    assertThat(submit(other, "/", "/posts/" + postId + "/delete", Map.of()).statusCode())
        .isEqualTo(403);

    HttpResponse<String> deleted =
        submit(author, "/", "/posts/" + postId + "/delete", Map.of("return", "//evil.example/"));
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(deleted.headers().firstValue("Location").orElseThrow()).doesNotContain("evil");
    assertThat(app.get("/posts/" + postId).statusCode()).isEqualTo(404);
  }

  @Test
  void searchFindsPeopleByHandlePrefix() {
    String prefix = newHandle("finder");
    signedUp(prefix + "one");
    signedUp(prefix + "two");
    String page = app.get("/search?q=" + prefix).body();
    assertThat(page).contains("@" + prefix + "one", "@" + prefix + "two");
    assertThat(app.get("/search?q=%3Cscript%3E").body())
        .contains("&lt;script&gt;")
        .doesNotContain("<script>");
    assertThat(app.get("/search?q=zzzz_nobody").body())
        .contains("Nobody has a handle that starts with that.");
    String loner = newHandle("loner");
    signedUp(loner);
    assertThat(app.get("/users/" + loner + "/followers").body()).contains("No followers yet.");
    assertThat(app.get("/users/" + loner + "/following").body())
        .contains("Not following anyone yet.");
  }

  @Test
  void everyPageWorksLoggedOutAndCarriesTheSecurityHeaders() {
    String handle = newHandle("public");
    signedUp(handle);
    for (String path :
        List.of(
            "/",
            "/login",
            "/signup",
            "/search?q=a",
            "/users/" + handle,
            "/users/" + handle + "/followers",
            "/users/" + handle + "/following")) {
      HttpResponse<String> page = app.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(page.headers().firstValue("Referrer-Policy")).isPresent();
      assertThat(page.headers().firstValue("Server").orElse(""))
          .doesNotContainIgnoringCase("jetty");
      assertThat(page.body()).doesNotContain("style=\"", "onclick");
    }
  }

  @Test
  void unknownPagesAndUsersAre404Pages() {
    HttpResponse<String> missing = app.get("/users/nobody_at_all_here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("nobody called @nobody_at_all_here");
    assertThat(app.get("/no/such/page").statusCode()).isEqualTo(404);
    assertThat(app.get("/no/such/page").headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/html");
    assertThat(app.get("/posts/abc").statusCode()).isEqualTo(400);
    String handle = newHandle("paged");
    signedUp(handle);
    assertThat(app.get("/users/" + handle + "?max_id=zzz").statusCode()).isEqualTo(400);
  }

  @Test
  void actionsNeedALogIn() {
    TestServer browser = app.browser();
    HttpResponse<String> refused = submit(browser, "/login", "/posts", Map.of("text", "anonymous"));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("not logged in", "href=\"/login\"");
  }

  @Test
  void staticAssetsAreServedWithTheirTypes() {
    assertThat(app.get("/static/style.css").headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/css");
    assertThat(app.get("/static/app.js").body()).contains("counter");
    assertThat(app.get("/static/avatar.png").statusCode()).isEqualTo(200);
    assertThat(app.get("/static/style.css").headers().allValues("Cache-Control"))
        .containsExactly("public, max-age=3600");
    assertThat(app.get("/no/such/thing").headers().allValues("Content-Security-Policy")).hasSize(1);
    assertThat(app.get("/static/../pom.xml").statusCode()).isIn(400, 404);
  }
}
