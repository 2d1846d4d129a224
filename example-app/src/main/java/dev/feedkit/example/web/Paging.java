package dev.feedkit.example.web;

import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The paging parameters of a list, Mastodon's, over feedkit's newest-first pages. The API reads
 * all of them; the HTML pages page by {@code max_id} alone, through {@link #below}.
 *
 * <ul>
 *   <li>{@code max_id}: entries older than it;
 *   <li>{@code since_id}: the newest entries newer than it;
 *   <li>{@code min_id}: the entries <em>just</em> newer than it (the oldest ones above it), still
 *       listed newest first, which is how clients fill a gap upwards: one read from that end
 *       ({@link PageRequest#justAbove}), whatever the size of the gap.
 * </ul>
 *
 * {@code min_id} wins over {@code since_id} when both are given, as in Mastodon.
 *
 * @param limit how many entries at most
 * @param maxId the exclusive upper bound
 * @param sinceId the exclusive lower bound, newest entries first
 * @param minId the exclusive lower bound, entries just above it
 */
public record Paging(int limit, OptionalLong maxId, OptionalLong sinceId, OptionalLong minId) {

  /** What a read returned, with the cursors for the {@code Link} header. */
  public record Slice<T>(List<T> items, OptionalLong nextMaxId, OptionalLong prevMinId) {}

  /**
   * The paging parameters of a request.
   *
   * @param defaultLimit the page size when the request gives none
   * @param maxLimit the largest page size; a larger {@code limit} is lowered to it
   * @throws HttpError 400 when a parameter is present but not a positive integer
   */
  public static Paging from(Params params, int defaultLimit, int maxLimit) {
    return new Paging(
        params.limit(defaultLimit, maxLimit),
        params.id("max_id"),
        params.id("since_id"),
        params.id("min_id"));
  }

  /**
   * Reads one slice.
   *
   * @param read reads one feedkit page
   * @param cursor the cursor of an entry, or null when entries do not carry theirs (the follow
   *     lists, whose cursor is the follow's id): then only the next link is given
   */
  public <T> Slice<T> read(Function<PageRequest, Page<T>> read, ToLongFunction<T> cursor) {
    PageRequest request = top(limit);
    if (minId.isPresent()) {
      request = request.justAbove(minId.getAsLong());
    } else if (sinceId.isPresent()) {
      request = request.newerThan(sinceId.getAsLong());
    }
    Page<T> page = read.apply(request);
    List<T> items = page.items();
    OptionalLong next =
        request.takesOldest()
            ? OptionalLong.empty()
            : page.next().map(PageRequest::maxId).orElse(OptionalLong.empty());
    if (next.isEmpty() && request.after() > 0 && cursor != null && !items.isEmpty()) {
      // Below a page bounded from below lie more entries, down to the bound.
      next = OptionalLong.of(cursor.applyAsLong(items.get(items.size() - 1)));
    }
    OptionalLong prev =
        cursor != null && !items.isEmpty()
            ? OptionalLong.of(cursor.applyAsLong(items.get(0)))
            : OptionalLong.empty();
    return new Slice<>(items, next, prev);
  }

  private PageRequest top(int size) {
    return below(maxId, size);
  }

  /** The first page of {@code size}, or the one just below {@code maxId} if there is one. */
  public static PageRequest below(OptionalLong maxId, int size) {
    return maxId.isPresent()
        ? PageRequest.olderThan(maxId.getAsLong(), size)
        : PageRequest.first(size);
  }
}
