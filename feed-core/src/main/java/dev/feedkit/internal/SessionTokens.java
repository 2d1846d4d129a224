package dev.feedkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session tokens: 256 bits from {@link SecureRandom}, written as 43 characters of unpadded
 * URL-safe Base64 ({@code [A-Za-z0-9_-]}), and their SHA-256 hashes, the only form a store sees.
 *
 * <p>Design: a token has full entropy, so one fast unsalted hash is enough (no dictionary can
 * guess it), and a store lookup by hash leaks nothing through its timing: an attacker cannot
 * choose a hash's prefix. Thread-safe: {@link SecureRandom} is.
 */
public final class SessionTokens {

  /** The length of a token in characters. */
  public static final int TOKEN_LENGTH = 43;

  private static final int TOKEN_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();

  /** Returns a new random token. */
  public String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** Whether {@code token} has the form of a token; anything else is refused unread. */
  public static boolean isWellFormed(String token) {
    if (token.length() != TOKEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < TOKEN_LENGTH; i++) {
      char c = token.charAt(i);
      boolean ok =
          c >= 'A' && c <= 'Z'
              || c >= 'a' && c <= 'z'
              || c >= '0' && c <= '9'
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Returns the SHA-256 of the token's ASCII bytes, as 64 lower-case hex digits. */
  public static String hash(String token) {
    return Sha256.hex(token.getBytes(StandardCharsets.US_ASCII));
  }
}
