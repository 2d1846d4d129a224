package dev.feedkit;

/**
 * A handle is already used by another user; handles are compared without regard to case.
 */
public class HandleTakenException extends FeedException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public HandleTakenException(String message) {
    super(message);
  }
}
