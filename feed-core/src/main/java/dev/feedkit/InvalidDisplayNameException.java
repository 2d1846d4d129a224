package dev.feedkit;

/**
 * A display name is not 1–50 code points after trimming, or contains a control character.
 */
public class InvalidDisplayNameException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidDisplayNameException(String message) {
    super(message);
  }
}
