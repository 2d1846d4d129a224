package dev.feedkit;

import dev.feedkit.internal.Checks;
import java.util.OptionalLong;

/**
 * Which page of a newest-first list to read: at most {@link #limit()} entries whose cursor is
 * below {@link #maxId()} (exclusive) and above {@link #sinceId()} (exclusive), newest first.
 *
 * <p>Normally the page holds the <em>newest</em> entries in that range. A request made with
 * {@link #justAbove(long)} holds the <em>oldest</em> ones instead, the entries just above its
 * lower bound (Mastodon's {@code min_id}), still listed newest first; its {@link Page#next()}
 * leads upwards, to the entries just above the page. Either costs the same whatever the distance
 * between the bounds.
 *
 * <p>For timelines the cursor is the post id; for follower and following lists it is the id of
 * the follow, so that the latest follows come first. Cursors are stable: reading page after page
 * with {@link Page#next()} never repeats or skips an entry, even while new entries arrive.
 *
 * <p>Instances are immutable. Cursor and limit come straight from clients in most applications,
 * so a bad value is a {@link InvalidPageRequestException}, not an {@code IllegalArgumentException}.
 */
public final class PageRequest {

  /** The smallest page size. */
  public static final int MIN_LIMIT = 1;

  /** The largest page size. */
  public static final int MAX_LIMIT = 200;

  /** The page size used when none is given. */
  public static final int DEFAULT_LIMIT = 50;

  private static final long UNBOUNDED_ABOVE = Long.MAX_VALUE;
  private static final long UNBOUNDED_BELOW = 0;

  private final int limit;
  private final long maxId;
  private final long sinceId;
  private final boolean oldest;

  private PageRequest(int limit, long maxId, long sinceId, boolean oldest) {
    Checks.between("limit", MIN_LIMIT, MAX_LIMIT, limit, InvalidPageRequestException::new);
    Checks.positive("max id", maxId, InvalidPageRequestException::new);
    Checks.notNegative("since id", sinceId, InvalidPageRequestException::new);
    this.limit = limit;
    this.maxId = maxId;
    this.sinceId = sinceId;
    this.oldest = oldest;
  }

  /** The newest {@value #DEFAULT_LIMIT} entries. */
  public static PageRequest first() {
    return first(DEFAULT_LIMIT);
  }

  /**
   * The newest {@code limit} entries.
   *
   * @throws InvalidPageRequestException if {@code limit} is not between 1 and 200
   */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, UNBOUNDED_ABOVE, UNBOUNDED_BELOW, false);
  }

  /**
   * The newest {@code limit} entries older than {@code maxId}.
   *
   * @throws InvalidPageRequestException if {@code limit} is not between 1 and 200 or {@code maxId}
   *     is not positive
   */
  public static PageRequest olderThan(long maxId, int limit) {
    return new PageRequest(limit, maxId, UNBOUNDED_BELOW, false);
  }

  /**
   * This request, restricted to entries newer than {@code sinceId} (exclusive).
   *
   * @throws InvalidPageRequestException if {@code sinceId} is not positive
   */
  public PageRequest newerThan(long sinceId) {
    return new PageRequest(
        limit,
        maxId,
        Checks.positive("since id", sinceId, InvalidPageRequestException::new),
        oldest);
  }

  /**
   * This request, restricted to entries newer than {@code minId} (exclusive), and taking the
   * oldest of them, those just above {@code minId}, instead of the newest: how a client fills a
   * gap upwards from the newest entry it has. The page still lists them newest first, and its
   * {@link Page#next()} asks for the entries just above the page's newest.
   *
   * @throws InvalidPageRequestException if {@code minId} is not positive
   */
  public PageRequest justAbove(long minId) {
    return new PageRequest(
        limit, maxId, Checks.positive("min id", minId, InvalidPageRequestException::new), true);
  }

  /**
   * Whether the page holds the oldest entries of its range ({@link #justAbove(long)}) rather than
   * the newest.
   */
  public boolean takesOldest() {
    return oldest;
  }

  /** The largest number of entries on the page, between 1 and 200. */
  public int limit() {
    return limit;
  }

  /** The exclusive upper bound of the cursor, if any. */
  public OptionalLong maxId() {
    return maxId == UNBOUNDED_ABOVE ? OptionalLong.empty() : OptionalLong.of(maxId);
  }

  /** The exclusive lower bound of the cursor, if any. */
  public OptionalLong sinceId() {
    return sinceId == UNBOUNDED_BELOW ? OptionalLong.empty() : OptionalLong.of(sinceId);
  }

  /** The exclusive upper bound as a number: {@link Long#MAX_VALUE} when there is none. */
  public long before() {
    return maxId;
  }

  /** The exclusive lower bound as a number: {@code 0} when there is none. */
  public long after() {
    return sinceId;
  }

  /**
   * The request for the page that follows one whose last entry read had cursor {@code
   * lastCursor}: the entries below it, or for a request that {@linkplain #takesOldest() takes the
   * oldest}, the entries above it.
   */
  PageRequest following(long lastCursor) {
    return oldest
        ? new PageRequest(limit, maxId, lastCursor, true)
        : new PageRequest(limit, lastCursor, sinceId, false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PageRequest other
        && limit == other.limit
        && maxId == other.maxId
        && sinceId == other.sinceId
        && oldest == other.oldest;
  }

  @Override
  public int hashCode() {
    int hash = (Integer.hashCode(limit) * 31 + Long.hashCode(maxId)) * 31 + Long.hashCode(sinceId);
    return hash * 31 + Boolean.hashCode(oldest);
  }

  @Override
  public String toString() {
    return "PageRequest[limit="
        + limit
        + maxId().stream().mapToObj(id -> ", maxId=" + id).findFirst().orElse("")
        + sinceId().stream()
            .mapToObj(id -> (oldest ? ", minId=" : ", sinceId=") + id)
            .findFirst()
            .orElse("")
        + "]";
  }
}
