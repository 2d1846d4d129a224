package dev.feedkit;

/** No user has the id or handle that a call names. */
public class NoSuchUserException extends NotFoundException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for a user id. */
  public NoSuchUserException(UserId id) {
    super("no user with id " + id);
  }

  /** Creates the exception with a message that says which user is missing. */
  public NoSuchUserException(String message) {
    super(message);
  }
}
