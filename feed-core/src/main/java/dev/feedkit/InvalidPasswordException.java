package dev.feedkit;

/**
 * A new password breaks the password rules: 8–1024 characters and not equal to the handle.
 */
public class InvalidPasswordException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidPasswordException(String message) {
    super(message);
  }
}
