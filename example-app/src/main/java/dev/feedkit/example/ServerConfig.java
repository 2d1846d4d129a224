package dev.feedkit.example;

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
 * @param demoLogin the demo account's handle and password to show on the welcome page, or null
 */
record ServerConfig(
    String bindAddress,
    int port,
    int maxBodyBytes,
    Duration drainTimeout,
    Clock clock,
    DemoData.Login demoLogin) {

  /** The default port, Spark's. */
  static final int DEFAULT_PORT = 4567;
  /** The default bind address: loopback only. */
  static final String DEFAULT_BIND = "127.0.0.1";
  /** The default body limit: a post is at most 280 characters, so 64 KiB is generous. */
  static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  ServerConfig {
    requireNonNull(bindAddress, "bindAddress");
    requireNonNull(drainTimeout, "drainTimeout");
    requireNonNull(clock, "clock");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 1024, was " + maxBodyBytes);
    }
  }

  /** Loopback, a free port, the default limits and the system clock: for tests. */
  static ServerConfig ephemeral() {
    return new ServerConfig(DEFAULT_BIND, 0, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(5),
        Clock.systemUTC(), null);
  }

  ServerConfig withDemoLogin(DemoData.Login login) {
    return new ServerConfig(bindAddress, port, maxBodyBytes, drainTimeout, clock, login);
  }
}
