package dev.feedkit.example.web;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import spark.Request;
import spark.Response;

/**
 * Mastodon's rate limits, with Bucket4j token buckets: every API request counts against its
 * account (keyed by the SHA-256 of its bearer token) or, without a token, against its client
 * address; sign-ups (the page and the API) count against the client address, in a group of their
 * own. Each answer carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} (an ISO 8601 instant); a request over the limit gets 429 with
 * {@code Retry-After}. Buckets live in memory, bounded in number, per node; thread-safe.
 */
public final class RateLimits {

  /**
   * The limits of each route group.
   *
   * @param enabled whether any limit applies ({@code --no-rate-limits} turns them off)
   * @param api requests to {@code /api/} and {@code /oauth/} per account or client
   * @param signUps sign-ups per client
   */
  public record Config(boolean enabled, Limit api, Limit signUps) {
    public Config {
      requireNonNull(api, "api");
      requireNonNull(signUps, "signUps");
    }

    /** Mastodon's: 300 requests per 5 minutes, 5 sign-ups per 30 minutes. */
    public static Config defaults() {
      return new Config(
          true, new Limit(300, Duration.ofMinutes(5)), new Limit(5, Duration.ofMinutes(30)));
    }

    /** No limits. */
    public static Config off() {
      return new Config(false, defaults().api(), defaults().signUps());
    }
  }

  /**
   * At most {@code requests} per {@code period}, refilled all at once at the end of the period.
   */
  public record Limit(long requests, Duration period) {
    public Limit {
      requireNonNull(period, "period");
      if (requests < 1) {
        throw new IllegalArgumentException("a rate limit must allow >= 1 request, was " + requests);
      }
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("a rate limit's period must be > 0, was " + period);
      }
    }
  }

  private final Config config;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(200_000).build();

  RateLimits(Config config) {
    this.config = requireNonNull(config, "config");
  }

  /**
   * Counts the request in its group and sets the rate-limit headers.
   *
   * @throws HttpError 429 with {@code Retry-After} when the request is over its limit
   */
  void check(Request req, Response res) {
    if (!config.enabled()) {
      return;
    }
    String path = Web.path(req);
    boolean post = "POST".equals(req.requestMethod());
    if (post && (path.equals("/api/v1/accounts") || path.equals("/signup"))) {
      consume("signup " + Web.clientKey(req), config.signUps(), res, "sign-ups from this client");
    }
    if (Web.isApi(req)) {
      String authorization = req.headers("Authorization");
      String key =
          authorization != null && authorization.startsWith("Bearer ")
              ? "account " + sha256(authorization.substring(7).strip())
              : "client " + Web.clientKey(req);
      consume(key, config.api(), res, "requests");
    }
  }

  private void consume(String key, Limit limit, Response res, String what) {
    Bucket bucket =
        buckets.get(
            key + " " + limit,
            k ->
                Bucket.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(limit.requests())
                            .refillIntervally(limit.requests(), limit.period())
                            .build())
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    Instant reset =
        Instant.now().plusNanos(probe.getNanosToWaitForReset()).truncatedTo(ChronoUnit.SECONDS);
    res.header("X-RateLimit-Limit", Long.toString(limit.requests()));
    res.header("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
    res.header("X-RateLimit-Reset", reset.toString());
    if (!probe.isConsumed()) {
      Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
      throw HttpError.tooManyRequests(
          "too many "
              + what
              + "; at most "
              + limit.requests()
              + " per "
              + describe(limit.period())
              + "; try again in "
              + Errors.retryAfterSeconds(wait)
              + " s",
          wait);
    }
  }

  private static String describe(Duration period) {
    return period.toSeconds() % 60 == 0 ? period.toMinutes() + " min" : period.toSeconds() + " s";
  }

  private static String sha256(String token) {
    try {
      return Base64.getEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
