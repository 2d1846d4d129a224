package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import dev.feedkit.UserId;

/**
 * A user's password, as the store keeps it: only the encoded salted hash, never the password.
 *
 * @param userId the user
 * @param passwordHash the encoded hash; it names its algorithm and parameters (for example {@code
 *     $pbkdf2-sha256$i=600000,l=32$salt$hash}), and the store keeps it as an opaque string of at
 *     most 255 ASCII characters
 */
public record Credential(UserId userId, String passwordHash) {

  /** Checks that no component is null. */
  public Credential {
    requireNonNull(userId, "userId");
    requireNonNull(passwordHash, "passwordHash");
  }

  /** Leaves the hash out, so that a credential printed into a log does not leak it. */
  @Override
  public String toString() {
    return "Credential[userId=" + userId + "]";
  }
}
