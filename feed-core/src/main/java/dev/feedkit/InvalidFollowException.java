package dev.feedkit;

/**
 * A follow that can never be made, such as a user following themselves.
 */
public class InvalidFollowException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidFollowException(String message) {
    super(message);
  }
}
