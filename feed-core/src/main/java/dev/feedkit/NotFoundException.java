package dev.feedkit;

/**
 * Something a call names does not exist (or no longer does).
 */
public class NotFoundException extends FeedException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public NotFoundException(String message) {
    super(message);
  }
}
