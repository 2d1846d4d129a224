package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidations;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each write changed, in one place: which local cache entries it drops, which {@link Stamps}
 * it moves, and which {@link Invalidation}s it publishes to the feeds of other nodes; and the
 * mirror, {@link #apply}, that does here what another node's write did to its own caches.
 *
 * <p>Design: a write first changes the store, then reports here what it changed; each report
 * drops the local entries or moves the stamps of a kind before it publishes that kind, through
 * the {@link Broadcast} (which never fails the write). The parts it moves ({@link Stamps},
 * {@link FeedCache}, {@link SessionCache}) are purely local and never publish. Another node's invalidation arrives after
 * its write is visible here, and {@link #apply} moves the same parts as the local report did
 * there, so both see the same protocol; when some may have been missed, or one cannot be
 * applied, every cache is emptied and every cached page outdated.
 *
 * <p>Safe for use by many threads at once: it holds no state beyond its parts, which are.
 */
final class Changes implements Invalidations.Subscriber {

  private static final Logger LOG = LoggerFactory.getLogger(Changes.class);

  private final Broadcast broadcast;
  private final Stamps stamps;
  private final FeedCache cache;
  private final SessionCache sessions;

  /** Changes that move {@code cache}'s stamps and entries, and {@code sessions}. */
  Changes(Broadcast broadcast, FeedCache cache, SessionCache sessions) {
    this.stamps = requireNonNull(cache, "cache").stamps();
    this.cache = cache;
    this.broadcast = requireNonNull(broadcast, "broadcast");
    this.sessions = requireNonNull(sessions, "sessions");
  }

  /**
   * A post of {@code author} was stored, or became visible to the readers who merge {@code
   * author}'s posts at read time.
   */
  void postAdded(UserId author) {
    stamps.authorChanged(author);
    broadcast.publish(Invalidation.Kind.AUTHORS_CHANGED, List.of(author.value()));
  }

  /** A post was deleted from the store. */
  void postDeleted(Post post) {
    stamps.authorChanged(post.author());
    broadcast.publish(Invalidation.Kind.AUTHORS_CHANGED, List.of(post.author().value()));
    postMissing(post.id());
  }

  /**
   * The store has no post with this id although one was served (another call or node deleted
   * it): forgets every cached copy.
   */
  void postMissing(PostId id) {
    cache.postDeleted(id);
    broadcast.publish(Invalidation.Kind.POSTS_DELETED, List.of(id.value()));
  }

  /**
   * A follow of {@code follower} was made or ended in the store. Their followee list is dropped
   * before their stamp moves, here and (in the order published) on other nodes: a page computed
   * after the move from a list not yet dropped would look fresh.
   */
  void followChanged(UserId follower) {
    cache.followsChanged(follower);
    broadcast.publish(Invalidation.Kind.FOLLOWEES_CHANGED, List.of(follower.value()));
    timelineChanged(follower);
  }

  /** The materialized timeline of {@code owner} changed. */
  void timelineChanged(UserId owner) {
    List<Long> ids = List.of(owner.value());
    stamps.ownersChanged(ids);
    broadcast.publish(Invalidation.Kind.OWNERS_CHANGED, ids);
  }

  /** The materialized timelines of these owners changed. */
  void timelinesChanged(Collection<UserId> owners) {
    if (owners.isEmpty()) {
      return;
    }
    List<Long> ids = owners.stream().map(UserId::value).toList();
    stamps.ownersChanged(ids);
    broadcast.publish(Invalidation.Kind.OWNERS_CHANGED, ids);
  }

  /** An author's delivery was switched: which authors are merged at read time changed. */
  void deliveryChanged() {
    stamps.everythingChanged();
    broadcast.publish(Invalidation.Kind.EVERYTHING_CHANGED, List.of());
  }

  /** The session with this token hash was deleted from the store; call after the delete. */
  void sessionRevoked(String tokenHash) {
    sessions.revoked(tokenHash);
    broadcast.publish(Invalidation.Kind.SESSION_REVOKED, List.of(), Optional.of(tokenHash));
  }

  /**
   * The sessions of {@code user} were deleted from the store, except perhaps {@code
   * keepTokenHash} (null for none); call after the delete.
   */
  void sessionsRevoked(UserId user, String keepTokenHash) {
    sessions.revokedAllOf(user, keepTokenHash);
    broadcast.publish(
        Invalidation.Kind.USER_SESSIONS_REVOKED,
        List.of(user.value()),
        Optional.ofNullable(keepTokenHash));
  }

  /** Does here what another node's change did there; publishes nothing. */
  void apply(Invalidation invalidation) {
    List<Long> ids = invalidation.ids();
    switch (invalidation.kind()) {
      case POSTS_DELETED -> ids.forEach(id -> cache.postDeleted(new PostId(id)));
      case AUTHORS_CHANGED -> stamps.authorsChanged(ids);
      case OWNERS_CHANGED -> stamps.ownersChanged(ids);
      case FOLLOWEES_CHANGED -> ids.forEach(id -> cache.followsChanged(new UserId(id)));
      case EVERYTHING_CHANGED -> stamps.everythingChanged();
      case SESSION_REVOKED -> invalidation.tokenHash().ifPresent(sessions::revoked);
      case USER_SESSIONS_REVOKED ->
          ids.forEach(
              id -> sessions.revokedAllOf(new UserId(id), invalidation.tokenHash().orElse(null)));
    }
  }

  /** Applies another feed's change; skips this feed's own, and drops everything on failure. */
  @Override
  public void invalidated(Invalidation invalidation) {
    if (broadcast.isOwn(invalidation)) {
      return;
    }
    try {
      apply(invalidation);
    } catch (RuntimeException e) {
      LOG.error("could not apply a {} invalidation; dropping every cache", invalidation.kind(), e);
      missed();
    }
  }

  /** Other nodes' changes may have been missed: forgets everything cached. */
  @Override
  public void missed() {
    cache.dropAll();
    sessions.dropAll();
  }
}
