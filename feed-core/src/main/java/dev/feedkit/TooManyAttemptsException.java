package dev.feedkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Too many failed log-ins for a handle or from a client in a short time: the attempt was refused
 * without checking the password. Applications answer it with 429 and {@code Retry-After}.
 */
public class TooManyAttemptsException extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** Creates the exception, saying how long to wait before the next attempt. */
  public TooManyAttemptsException(Duration retryAfter) {
    super(
        "too many failed log-ins; try again in "
            + seconds(requireNonNull(retryAfter, "retryAfter"))
            + " s");
    this.retryAfter = retryAfter;
  }

  /** How long to wait before the next attempt can succeed. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * The wait in whole seconds, rounded up and at least 1: the value of an HTTP {@code
   * Retry-After} header.
   */
  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration wait) {
    long millis = Math.max(0, wait.toMillis());
    return Math.max(1, (millis + 999) / 1000);
  }
}
