package dev.feedkit;

/**
 * A user tried to change a post that someone else wrote.
 */
public class NotAuthorException extends FeedException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public NotAuthorException(String message) {
    super(message);
  }
}
