package dev.feedkit.internal;

import dev.feedkit.AccountsConfig;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, in the PHC string format: {@code
 * $pbkdf2-sha256$i=600000,l=32$<salt>$<hash>}, salt and hash in unpadded standard Base64. The
 * password is fed to PBKDF2 as UTF-8 (the JDK's encoding of {@link PBEKeySpec}'s chars).
 *
 * <p>Design: stateless but for the iteration count, so thread-safe. {@link #verify} recomputes
 * with the stored salt, iterations and length and compares with {@link MessageDigest#isEqual},
 * which takes time independent of where the bytes differ. A decoy is a well-formed hash with a
 * random salt and random "hash" bytes, so verifying against it is a full derivation that fails.
 * Iterations read from a stored hash are bounded, so that a corrupted row cannot stall a thread.
 */
final class Pbkdf2PasswordHasher implements PasswordHasher {

  static final String ALGORITHM = "pbkdf2-sha256";
  private static final String JCA_NAME = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int MAX_ITERATIONS = AccountsConfig.MAX_PASSWORD_HASH_ITERATIONS;
  private static final Pattern ENCODED =
      Pattern.compile(
          "\\$pbkdf2-sha256\\$i=([0-9]{1,9}),"
              + "l=([0-9]{1,3})\\$([A-Za-z0-9+/]{2,88})\\$([A-Za-z0-9+/]{16,344})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private final int iterations;
  private final String prefix;
  private final SecureRandom random = new SecureRandom();

  Pbkdf2PasswordHasher(int iterations) {
    this.iterations = Checks.between("iterations", 1, MAX_ITERATIONS, iterations);
    this.prefix = "$" + ALGORITHM + "$i=" + iterations + ",l=" + HASH_BYTES + "$";
  }

  @Override
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return encode(salt, derive(password, salt, iterations, HASH_BYTES));
  }

  @Override
  public boolean verify(String password, String encoded) {
    Parsed parsed = parse(encoded);
    return parsed != null
        && MessageDigest.isEqual(
            derive(password, parsed.salt, parsed.iterations, parsed.hash.length), parsed.hash);
  }

  @Override
  public boolean needsUpgrade(String encoded) {
    Parsed parsed = parse(encoded);
    return parsed == null
        || parsed.iterations < iterations
        || parsed.salt.length < SALT_BYTES
        || parsed.hash.length < HASH_BYTES;
  }

  @Override
  public String decoy() {
    byte[] salt = new byte[SALT_BYTES];
    byte[] noHash = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(noHash);
    return encode(salt, noHash);
  }

  /** The iterations of new hashes. */
  int iterations() {
    return iterations;
  }

  /** The parts of an encoded hash, or null if it is malformed or out of bounds. */
  private static Parsed parse(String encoded) {
    Matcher m = ENCODED.matcher(encoded);
    if (!m.matches()) {
      return null;
    }
    int storedIterations = Integer.parseInt(m.group(1));
    int length = Integer.parseInt(m.group(2));
    byte[] salt;
    byte[] hash;
    try {
      salt = B64_DECODER.decode(m.group(3));
      hash = B64_DECODER.decode(m.group(4));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (storedIterations < 1
        || storedIterations > MAX_ITERATIONS
        || length < 16
        || length != hash.length) {
      return null;
    }
    return new Parsed(storedIterations, salt, hash);
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private String encode(byte[] salt, byte[] hash) {
    return prefix + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  static byte[] derive(String password, byte[] salt, int iterations, int length) {
    char[] chars = password.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, length * 8);
    try {
      return SecretKeyFactory.getInstance(JCA_NAME).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(JCA_NAME + " is missing from this JDK", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}
