package dev.feedkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A logged-in session. The token is the bearer secret: only the holder has it; feedkit stores
 * nothing but its SHA-256 hash.
 *
 * @param token the URL-safe token of 256 random bits; never logged
 * @param userId the user the session belongs to
 * @param expiresAt when the session ends unless it is used (use renews it)
 */
public record Session(String token, UserId userId, Instant expiresAt) {

  /** Checks that no component is null. */
  public Session {
    requireNonNull(token, "token");
    requireNonNull(userId, "userId");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** Hides the token, so that a session printed into a log does not leak it. */
  @Override
  public String toString() {
    return "Session[userId=" + userId + ", expiresAt=" + expiresAt + "]";
  }
}
