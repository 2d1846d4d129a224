package dev.feedkit;

/** No post has the id that a call names, or it has been deleted. */
public class NoSuchPostException extends NotFoundException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for a post id. */
  public NoSuchPostException(PostId id) {
    super("no post with id " + id);
  }
}
