package dev.feedkit.internal;

/**
 * Makes and checks salted slow password hashes in an encoded form that names the algorithm and its
 * parameters, so that the parameters can be raised while old hashes keep working.
 *
 * <p>Passwords reach a hasher already normalized (see {@link PasswordRules#normalize}).
 * Implementations are safe for use by many threads at once.
 */
public interface PasswordHasher {

  /** Returns PBKDF2-HMAC-SHA256 with a 128-bit salt, a 256-bit hash and these iterations. */
  static PasswordHasher pbkdf2(int iterations) {
    return new Pbkdf2PasswordHasher(iterations);
  }

  /** Returns a new hash of {@code password} with a fresh random salt and the current parameters. */
  String hash(String password);

  /**
   * Returns whether {@code password} matches {@code encoded}, comparing in constant time. The
   * work done depends only on the parameters in {@code encoded}, never on how the password differs.
   * A malformed {@code encoded} matches nothing.
   */
  boolean verify(String password, String encoded);

  /**
   * Returns whether {@code encoded} is weaker than what this hasher makes now (another algorithm,
   * fewer iterations, a shorter salt or hash), so that a good log-in should replace it. A stronger
   * hash is left alone: a node configured lower must not undo an upgrade made by another.
   */
  boolean needsUpgrade(String encoded);

  /**
   * Returns an encoded hash that no password matches, with the current parameters: verifying
   * against it costs exactly what verifying against a real hash costs. Log-ins of unknown handles
   * check the password against it, so that they take as long as log-ins with a wrong password.
   */
  String decoy();
}
