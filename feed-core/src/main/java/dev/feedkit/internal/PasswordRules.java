package dev.feedkit.internal;

import dev.feedkit.InvalidPasswordException;
import java.text.Normalizer;

/**
 * The password rules, after NIST SP 800-63B: 8–1024 characters (Unicode code points, after NFKC
 * normalization), not the handle itself in any case, and no composition rules: any characters,
 * spaces and emoji included, and no forced mixture of kinds.
 */
public final class PasswordRules {

  /** Fewest characters in a password. */
  public static final int MIN = 8;

  /** Most characters in a password. */
  public static final int MAX = 1024;

  /**
   * Most UTF-16 units accepted before normalization: NFKC composes at most a few units into one
   * character, so anything longer cannot be a valid password and is not worth normalizing.
   */
  static final int MAX_RAW_LENGTH = 4 * MAX;

  private PasswordRules() {}

  /**
   * Returns the password in the form it is hashed in: Unicode NFKC, so that the same password
   * typed on different keyboards (composed or decomposed accents, full-width digits) matches.
   * Passwords longer than any valid one are returned unchanged; they match nothing.
   */
  public static String normalize(String password) {
    if (password.length() > MAX_RAW_LENGTH) {
      return password;
    }
    return Normalizer.normalize(password, Normalizer.Form.NFKC);
  }

  /** Whether {@code password} could be a valid password at all (log-ins skip work for others). */
  public static boolean isPlausible(String password) {
    return password.length() <= MAX_RAW_LENGTH;
  }

  /**
   * Checks a new password and returns it normalized.
   *
   * @param password the password as typed
   * @param handle the handle of its user
   * @return the password in NFKC
   * @throws InvalidPasswordException if it breaks a rule
   */
  public static String check(String password, String handle) {
    if (password.length() > MAX_RAW_LENGTH) {
      throw tooLong(password.codePointCount(0, password.length()));
    }
    String normalized = normalize(password);
    int length = normalized.codePointCount(0, normalized.length());
    if (length < MIN) {
      throw new InvalidPasswordException(
          "a password must be at least " + MIN + " characters, was " + length);
    }
    if (length > MAX) {
      throw tooLong(length);
    }
    if (hasLoneSurrogate(normalized)) {
      throw new InvalidPasswordException(
          "a password must be text: it has a broken character (a lone UTF-16 surrogate)");
    }
    if (normalized.equalsIgnoreCase(handle)) {
      throw new InvalidPasswordException("a password must not be the same as the handle");
    }
    return normalized;
  }

  private static InvalidPasswordException tooLong(int length) {
    return new InvalidPasswordException(
        "a password must be at most " + MAX + " characters, was " + length);
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
