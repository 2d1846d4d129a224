package dev.feedkit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the one form stores see them: 64 lower-case hex digits. */
final class Sha256 {

  private static final HexFormat HEX = HexFormat.of();

  private Sha256() {}

  /** The SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
  static String hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
