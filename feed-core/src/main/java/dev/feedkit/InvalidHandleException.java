package dev.feedkit;

/**
 * A handle is not 3–30 characters of {@code [A-Za-z0-9_]}, or is reserved.
 */
public class InvalidHandleException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidHandleException(String message) {
    super(message);
  }
}
