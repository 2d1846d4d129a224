package dev.feedkit.spi;

/**
 * How the posts of one author reach the home timelines of their followers, as kept by {@link
 * TimelineStore#delivery} and changed only by {@link TimelineStore#changeDelivery}. Authors start
 * as {@link #PUSH}; the hybrid fan-out policy moves an author to {@link #PULL} when they gain
 * many followers, and back through {@link #BOTH} when they lose them.
 */
public enum Delivery {

  /**
   * Every post is copied into each follower's timeline, and a new follower gets the author's
   * recent posts copied in; readers trust their timelines for this author. The state of every
   * author the store has no other state for.
   */
  PUSH,

  /**
   * Posts are not copied; every reader merges the author's own post list at read time.
   */
  PULL,

  /**
   * On the way from {@link #PULL} back to {@link #PUSH}: posts are copied as under push, and
   * readers still merge the author's posts, until the author's recent posts have been copied into
   * the timeline of every follower.
   */
  BOTH;

  /** Whether new posts are copied into followers' timelines (and new followers get a backfill). */
  public boolean pushes() {
    return this != PULL;
  }

  /** Whether readers merge this author's posts at read time. */
  public boolean mergedOnRead() {
    return this != PUSH;
  }
}
