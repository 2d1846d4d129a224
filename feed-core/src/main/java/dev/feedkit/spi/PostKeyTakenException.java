package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import dev.feedkit.Post;

/**
 * Thrown by a store's post insert when the author already has a post under the same idempotency
 * key: the insert stored nothing, and {@link #existing()} is the post the key names. The engine
 * answers the caller with that post; it never reaches a host.
 */
public final class PostKeyTakenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Post existing;

  /** Creates the exception for the post that holds the key. */
  public PostKeyTakenException(Post existing) {
    super(
        "the author already has post "
            + requireNonNull(existing, "existing").id()
            + " under this idempotency key",
        null,
        false,
        false);
    this.existing = existing;
  }

  /** The post made earlier under the key. */
  public Post existing() {
    return existing;
  }
}
