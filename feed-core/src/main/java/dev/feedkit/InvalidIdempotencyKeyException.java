package dev.feedkit;

/**
 * An idempotency key is empty, longer than {@value Feed#MAX_IDEMPOTENCY_KEY_LENGTH} characters, or
 * holds a control character or a lone surrogate.
 */
public class InvalidIdempotencyKeyException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidIdempotencyKeyException(String message) {
    super(message);
  }
}
