package dev.feedkit;

/**
 * A page request's limit is not between 1 and 200, or its cursor is not positive.
 */
public class InvalidPageRequestException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidPageRequestException(String message) {
    super(message);
  }
}
