package dev.feedkit;

/**
 * A call could not finish within the caller's {@link Deadline}. Nothing it did was kept; the call
 * may be repeated. It is a {@link StoreException}, so a host that answers those with "try again
 * later" (HTTP 503) answers this the same way.
 */
public class DeadlineExceededException extends StoreException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public DeadlineExceededException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the store's own failure. */
  public DeadlineExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
