package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.example.web.RateLimits;
import dev.feedkit.example.web.ServerConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mastodon-style rate limits per account, per client and for sign-ups, and the switch. */
class RateLimitsTest {

  private static ServerConfig limited(long api, long signUps) {
    return ServerConfig.ephemeral()
        .withRateLimits(
            new RateLimits.Config(
                true,
                new RateLimits.Limit(api, Duration.ofMinutes(5)),
                new RateLimits.Limit(signUps, Duration.ofMinutes(30))));
  }

  @Test
  void apiAnswersCarryTheLimitAndARequestOverItIs429WithRetryAfter() {
    try (TestServer app = TestServer.start(limited(3, 100))) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> ok = app.get("/api/v1/instance");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(ok.headers().firstValue("X-RateLimit-Remaining"))
            .hasValue(Integer.toString(2 - i));
        assertThat(Instant.parse(ok.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
            .isAfter(Instant.now().minusSeconds(1));
      }
      HttpResponse<String> refused = app.get("/api/v1/instance");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(TestServer.json(refused).get("error").asText()).contains("too many requests");
      assertThat(app.get("/").statusCode()).as("pages are not API requests").isEqualTo(200);
    }
  }

  @Test
  void eachAccountHasItsOwnLimit() {
    try (TestServer app = TestServer.start(limited(4, 100))) {
      String alice = app.signUp("limited_a");
      String bob = app.signUp("limited_b");
      for (int i = 0; i < 4; i++) {
        assertThat(
                app.get("/api/v1/accounts/verify_credentials", "Authorization", "Bearer " + alice)
                    .statusCode())
            .isEqualTo(200);
      }
      assertThat(
              app.get("/api/v1/accounts/verify_credentials", "Authorization", "Bearer " + alice)
                  .statusCode())
          .isEqualTo(429);
      assertThat(
              app.get("/api/v1/accounts/verify_credentials", "Authorization", "Bearer " + bob)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void signUpsAreLimitedPerClient() {
    try (TestServer app = TestServer.start(limited(1_000, 2))) {
      for (int i = 0; i < 2; i++) {
        assertThat(
                app.postForm(
                        "/api/v1/accounts",
                        Map.of("username", "flood_" + i, "password", TestServer.PASSWORD))
                    .statusCode())
            .isEqualTo(200);
      }
      HttpResponse<String> refused =
          app.postForm(
              "/api/v1/accounts", Map.of("username", "flood_3", "password", TestServer.PASSWORD));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(TestServer.json(refused).get("error").asText()).contains("sign-ups");
      assertThat(app.feed.userByHandle("flood_3")).isEmpty();
    }
  }

  @Test
  void limitsAreOnByDefaultAndOneFlagSwitchesThemOff() {
    assertThat(AppOptions.parse(new String[0], Map.of()).rateLimits()).isTrue();
    assertThat(AppOptions.parse(new String[] {"--no-rate-limits"}, Map.of()).rateLimits())
        .isFalse();
    assertThat(AppOptions.parse(new String[0], Map.of("FEEDKIT_RATE_LIMITS", "off")).rateLimits())
        .isFalse();
    try (TestServer app = TestServer.start(ServerConfig.ephemeral())) {
      assertThat(app.get("/api/v1/instance").headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }
  }
}
