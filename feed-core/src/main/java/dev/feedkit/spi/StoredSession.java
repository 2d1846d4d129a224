package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import dev.feedkit.UserId;
import java.time.Instant;

/**
 * A session as the store keeps it: keyed by the SHA-256 hash of its token, never by the token.
 *
 * @param tokenHash the SHA-256 of the token's ASCII bytes, as 64 lower-case hex digits; the key
 * @param userId the user the session belongs to
 * @param createdAt when the session was opened; it bounds the session's whole lifetime
 * @param expiresAt when the session ends unless it is renewed
 */
public record StoredSession(String tokenHash, UserId userId, Instant createdAt, Instant expiresAt) {

  /** Checks that no component is null. */
  public StoredSession {
    requireNonNull(tokenHash, "tokenHash");
    requireNonNull(userId, "userId");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** Returns this session with another expiry. */
  public StoredSession withExpiresAt(Instant expiresAt) {
    return new StoredSession(tokenHash, userId, createdAt, expiresAt);
  }

  /**
   * Leaves the token hash out, as {@code Credential} leaves out the password hash: the hash is the
   * key that logs out or finds a session, and a log line is no place for it.
   */
  @Override
  public String toString() {
    return "StoredSession[userId="
        + userId
        + ", createdAt="
        + createdAt
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
