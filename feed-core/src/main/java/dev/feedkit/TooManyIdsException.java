package dev.feedkit;

/**
 * A batch read ({@link Feed#users(java.util.Collection)}, {@link
 * Feed#counts(java.util.Collection)}) names more than {@value Feed#MAX_BATCH} distinct ids.
 */
public class TooManyIdsException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says how many ids were given. */
  public TooManyIdsException(String message) {
    super(message);
  }
}
