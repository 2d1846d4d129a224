package dev.feedkit.example.web;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the web server listens and what it allows. Immutable: each {@code with…} method makes a copy,
 * which the constructor checks as it checks every config.
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

  /**
   * A config; {@link #defaults} and the {@code with…} methods are the easy way to one.
   *
   * @throws NullPointerException if a component other than a number is null
   * @throws IllegalArgumentException naming the component that is out of range
   */
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
    atLeast(maxBodyBytes, 1024, "maxBodyBytes");
    positive(idleTimeout, "idleTimeout");
    positive(bodyTimeout, "bodyTimeout");
    positive(queueTimeout, "queueTimeout");
    positive(requestDeadline, "requestDeadline");
    atLeast(maxRequestsInFlight, 1, "maxRequestsInFlight");
    atLeast(maxConnections, 1, "maxConnections");
  }

  private static void atLeast(int value, int least, String name) {
    if (value < least) {
      throw new IllegalArgumentException(name + " must be >= " + least + ", was " + value);
    }
  }

  private static void positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }

  /** The defaults on an address and port, with the system clock. */
  public static ServerConfig defaults(String bindAddress, int port) {
    return new Draft(bindAddress, port).config();
  }

  /**
   * Loopback, a free port, the default limits without rate limits (tests make many requests from
   * one address; rate limits have their own tests) and the system clock: for tests.
   */
  public static ServerConfig ephemeral() {
    return defaults(DEFAULT_BIND, 0)
        .with(
            d -> {
              d.drainTimeout = Duration.ofSeconds(5);
              d.rateLimits = RateLimits.Config.off();
            });
  }

  /**
   * This config, believing forwarded headers from {@code proxies}.
   *
   * @throws NullPointerException if {@code proxies} is null
   */
  public ServerConfig withTrustedProxies(TrustedProxies proxies) {
    return with(d -> d.trustedProxies = proxies);
  }

  /**
   * This config, giving the feed calls of each request {@code deadline}.
   *
   * @throws IllegalArgumentException if {@code deadline} is not positive
   */
  public ServerConfig withRequestDeadline(Duration deadline) {
    return with(d -> d.requestDeadline = deadline);
  }

  /** This config, with these rate limits. */
  public ServerConfig withRateLimits(RateLimits.Config limits) {
    return with(d -> d.rateLimits = limits);
  }

  /** The time limits and the bounds on requests and connections. */
  ServerConfig withLimits(
      Duration idle, Duration body, int requestsInFlight, Duration queue, int connections) {
    return with(
        d -> {
          d.idleTimeout = idle;
          d.bodyTimeout = body;
          d.maxRequestsInFlight = requestsInFlight;
          d.queueTimeout = queue;
          d.maxConnections = connections;
        });
  }

  /** A copy with {@code change} made, checked by the constructor as every config is. */
  private ServerConfig with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.config();
  }

  /** The components of a config being made, which only {@link #config()} checks. */
  private static final class Draft {
    String bindAddress;
    int port;
    int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    Duration drainTimeout = Duration.ofSeconds(10);
    Clock clock = Clock.systemUTC();
    TrustedProxies trustedProxies = TrustedProxies.loopback();
    Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    int maxRequestsInFlight = DEFAULT_MAX_REQUESTS_IN_FLIGHT;
    Duration queueTimeout = DEFAULT_QUEUE_TIMEOUT;
    int maxConnections = DEFAULT_MAX_CONNECTIONS;
    RateLimits.Config rateLimits = RateLimits.Config.defaults();
    Duration requestDeadline = DEFAULT_REQUEST_DEADLINE;

    Draft(String bindAddress, int port) {
      this.bindAddress = bindAddress;
      this.port = port;
    }

    Draft(ServerConfig config) {
      this(config.bindAddress, config.port);
      maxBodyBytes = config.maxBodyBytes;
      drainTimeout = config.drainTimeout;
      clock = config.clock;
      trustedProxies = config.trustedProxies;
      idleTimeout = config.idleTimeout;
      bodyTimeout = config.bodyTimeout;
      maxRequestsInFlight = config.maxRequestsInFlight;
      queueTimeout = config.queueTimeout;
      maxConnections = config.maxConnections;
      rateLimits = config.rateLimits;
      requestDeadline = config.requestDeadline;
    }

    ServerConfig config() {
      return new ServerConfig(
          bindAddress,
          port,
          maxBodyBytes,
          drainTimeout,
          clock,
          trustedProxies,
          idleTimeout,
          bodyTimeout,
          maxRequestsInFlight,
          queueTimeout,
          maxConnections,
          rateLimits,
          requestDeadline);
    }
  }
}
