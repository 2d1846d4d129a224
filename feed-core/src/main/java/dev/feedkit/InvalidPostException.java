package dev.feedkit;

/**
 * A post's text is empty after trimming, longer than 280 code points, or contains a control
 * character other than a newline.
 */
public class InvalidPostException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidPostException(String message) {
    super(message);
  }
}
