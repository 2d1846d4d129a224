package dev.feedkit;

/**
 * Input broke a documented rule: a handle, a display name, a post's text, a page request, a follow.
 * The message names the rule. Applications answer it with a 4xx status.
 */
public class ValidationException extends FeedException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public ValidationException(String message) {
    super(message);
  }
}
