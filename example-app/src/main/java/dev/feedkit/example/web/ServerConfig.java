package dev.feedkit.example.web;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * How the web server listens and what it allows.
 *
 * @param bindAddress the address to listen on; {@code 127.0.0.1} unless the app sits behind a
 *     reverse proxy on another host
 * @param port the TCP port; {@code 0} picks a free one
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param drainTimeout how long a stop waits for requests in flight
 * @param clock the clock for "3 min ago" and cookie ages
 * @param trustedProxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 * @param idleTimeout how long a connection may stay silent, between requests or within one
 * @param bodyTimeout how long a client may take to send a request body in full; a slower
 *     client's connection is closed (bodies are read without holding a thread meanwhile)
 * @param maxRequestsInFlight how many requests the app's handlers answer at once; more wait
 *     (up to {@code queueTimeout}) and then get 503
 * @param queueTimeout how long a request may wait for one of the {@code maxRequestsInFlight}
 * @param maxConnections how many connections the server keeps open; more are not accepted
 *     until some close
 * @param rateLimits the rate limits of each route group, or none
 * @param requestDeadline how long the feed calls of one request may wait on the store, as a
 *     {@link dev.feedkit.Deadline}; a request that runs out is answered 503 with nothing half done
 */
public record ServerConfig(
    String bindAddress,
    int port,
    int maxBodyBytes,
    Duration drainTimeout,
    Clock clock,
    TrustedProxies trustedProxies,
    Duration idleTimeout,
    Duration bodyTimeout,
    int maxRequestsInFlight,
    Duration queueTimeout,
    int maxConnections,
    RateLimits.Config rateLimits,
    Duration requestDeadline) {

  /** The default port, Spark's. */
  public static final int DEFAULT_PORT = 4567;
  /** The default bind address: loopback only. */
  public static final String DEFAULT_BIND = "127.0.0.1";
  /** The default body limit: a post is at most 280 characters, so 64 KiB is generous. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  /** The default idle timeout of a connection. */
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** The default time a client has to send a request body. */
  static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
  /** The default number of requests answered at once (the server has 32 threads). */
  static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 24;
  /** The default wait for a turn before 503. */
  static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(2);
  /** The default number of open connections. */
  static final int DEFAULT_MAX_CONNECTIONS = 2_000;
  /** The default time the feed calls of one request may take. */
  public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(10);

  public ServerConfig {
    requireNonNull(bindAddress, "bindAddress");
    requireNonNull(drainTimeout, "drainTimeout");
    requireNonNull(clock, "clock");
    requireNonNull(trustedProxies, "trustedProxies");
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(bodyTimeout, "bodyTimeout");
    requireNonNull(queueTimeout, "queueTimeout");
    requireNonNull(rateLimits, "rateLimits");
    requireNonNull(requestDeadline, "requestDeadline");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 1024, was " + maxBodyBytes);
    }
    positive(idleTimeout, "idleTimeout");
    positive(bodyTimeout, "bodyTimeout");
    positive(queueTimeout, "queueTimeout");
    positive(requestDeadline, "requestDeadline");
    if (maxRequestsInFlight < 1) {
      throw new IllegalArgumentException("maxRequestsInFlight must be >= 1, was "
          + maxRequestsInFlight);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
    }
  }

  private static void positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }

  /** The defaults on an address and port, with the system clock. */
  public static ServerConfig defaults(String bindAddress, int port) {
    return new ServerConfig(bindAddress, port, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(10),
        Clock.systemUTC(), TrustedProxies.loopback(), DEFAULT_IDLE_TIMEOUT,
        DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_REQUESTS_IN_FLIGHT, DEFAULT_QUEUE_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS, RateLimits.Config.defaults(), DEFAULT_REQUEST_DEADLINE);
  }

  /**
   * Loopback, a free port, the default limits without rate limits (tests make many requests from
   * one address; rate limits have their own tests) and the system clock: for tests.
   */
  public static ServerConfig ephemeral() {
    return defaults(DEFAULT_BIND, 0).withDrainTimeout(Duration.ofSeconds(5))
        .withRateLimits(RateLimits.Config.off());
  }

  ServerConfig withDrainTimeout(Duration timeout) {
    return new ServerConfig(bindAddress, port, maxBodyBytes, timeout, clock,
        trustedProxies, idleTimeout, bodyTimeout, maxRequestsInFlight, queueTimeout,
        maxConnections, rateLimits, requestDeadline);
  }

  public ServerConfig withTrustedProxies(TrustedProxies proxies) {
    return new ServerConfig(bindAddress, port, maxBodyBytes, drainTimeout, clock,
        proxies, idleTimeout, bodyTimeout, maxRequestsInFlight, queueTimeout,
        maxConnections, rateLimits, requestDeadline);
  }

  public ServerConfig withRequestDeadline(Duration deadline) {
    return new ServerConfig(bindAddress, port, maxBodyBytes, drainTimeout, clock,
        trustedProxies, idleTimeout, bodyTimeout, maxRequestsInFlight, queueTimeout,
        maxConnections, rateLimits, deadline);
  }

  /** The time limits and the bounds on requests and connections. */
  ServerConfig withLimits(Duration idle, Duration body, int requestsInFlight, Duration queue,
      int connections) {
    return new ServerConfig(bindAddress, port, maxBodyBytes, drainTimeout, clock,
        trustedProxies, idle, body, requestsInFlight, queue, connections, rateLimits, requestDeadline);
  }

  public ServerConfig withRateLimits(RateLimits.Config limits) {
    return new ServerConfig(bindAddress, port, maxBodyBytes, drainTimeout, clock,
        trustedProxies, idleTimeout, bodyTimeout, maxRequestsInFlight, queueTimeout,
        maxConnections, limits, requestDeadline);
  }
}
