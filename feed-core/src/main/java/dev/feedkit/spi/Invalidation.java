package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What one write changed, told to the feeds of other nodes so that they drop what they cached of
 * it. It carries ids and at most a session's token hash (what the store keeps), never a token,
 * a text or a handle.
 *
 * @param origin the random id of the feed that made the write, so that it can skip its own
 * @param kind what changed
 * @param ids the ids the kind speaks of (post ids for {@link Kind#POSTS_DELETED}, user ids
 *     otherwise); empty for {@link Kind#EVERYTHING_CHANGED} and {@link Kind#SESSION_REVOKED}
 * @param tokenHash for {@link Kind#SESSION_REVOKED}, the hash of the revoked session; for {@link
 *     Kind#USER_SESSIONS_REVOKED}, the hash of the one session kept, if any; empty otherwise
 */
public record Invalidation(long origin, Kind kind, List<Long> ids, Optional<String> tokenHash) {

  /** What a write changed. */
  public enum Kind {
    /** Posts were deleted. */
    POSTS_DELETED,
    /** Posts of these authors were added or deleted. */
    AUTHORS_CHANGED,
    /** The materialized home timelines or the follows of these owners changed. */
    OWNERS_CHANGED,
    /** The followee lists of these users changed. */
    FOLLOWEES_CHANGED,
    /** Anything may have changed (an author's delivery was switched, say). */
    EVERYTHING_CHANGED,
    /** The session with this token hash was deleted. */
    SESSION_REVOKED,
    /** The sessions of this one user were deleted, except perhaps the one whose hash is given. */
    USER_SESSIONS_REVOKED
  }

  /** Checks that no component is null, and copies the ids. */
  public Invalidation {
    requireNonNull(kind, "kind");
    ids = List.copyOf(requireNonNull(ids, "ids"));
    requireNonNull(tokenHash, "tokenHash");
  }

  /** An invalidation of {@code kind} about these ids, with no token hash. */
  public static Invalidation of(long origin, Kind kind, List<Long> ids) {
    return new Invalidation(origin, kind, ids, Optional.empty());
  }

  /** Leaves the token hash out: it finds a session, and a log line is no place for it. */
  @Override
  public String toString() {
    return "Invalidation[origin=" + origin + ", kind=" + kind + ", ids=" + ids.size() + "]";
  }
}
