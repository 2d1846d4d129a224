package dev.feedkit;

/**
 * A log-in failed, or a session token is unknown, expired or revoked. The message never says
 * whether the handle exists.
 */
public class AuthenticationException extends FeedException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public AuthenticationException(String message) {
    super(message);
  }
}
