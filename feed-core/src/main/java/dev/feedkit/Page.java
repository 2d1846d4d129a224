package dev.feedkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * One page of a newest-first list, and the request for the page after it.
 *
 * @param <T> the entries: {@link Post}s for timelines, {@link User}s for follow lists
 * @param items the entries, newest first, unmodifiable
 * @param next the request for the next page: the older one, or for a request that {@linkplain
 *     PageRequest#takesOldest() takes the oldest} entries, the newer one; empty when this page is
 *     the last
 */
public record Page<T>(List<T> items, Optional<PageRequest> next) {

  /** Checks the components and makes {@code items} unmodifiable. */
  public Page {
    items = List.copyOf(items);
    requireNonNull(next, "next");
  }

  /**
   * Makes a page from up to {@code request.limit() + 1} fetched entries: the extra entry, if
   * present, only proves that a next page exists.
   *
   * @param fetched entries in the order the request reads them (newest first, or oldest first
   *     for a request that {@linkplain PageRequest#takesOldest() takes the oldest}), at most one
   *     more than the limit
   * @param request the request they answer
   * @param cursor the cursor of an entry
   * @param <T> the entry type
   * @return the page
   */
  public static <T> Page<T> of(List<T> fetched, PageRequest request, ToLongFunction<T> cursor) {
    return of(fetched, fetched, request, cursor);
  }

  /**
   * Makes a page whose entries are derived from fetched records carrying the cursors, such as
   * users from follows.
   *
   * @param fetched the records in the order the request reads them, at most one more than the
   *     limit
   * @param items the entries for the records, in the same order and of the same size
   * @param request the request they answer
   * @param cursor the cursor of a fetched record
   * @param <R> the fetched record type
   * @param <T> the entry type
   * @return the page
   */
  public static <R, T> Page<T> of(
      List<R> fetched, List<T> items, PageRequest request, ToLongFunction<R> cursor) {
    if (fetched.size() != items.size()) {
      throw new IllegalArgumentException(
          "fetched " + fetched.size() + " records but " + items.size() + " items");
    }
    int limit = request.limit();
    boolean more = fetched.size() > limit;
    List<T> shown = more ? items.subList(0, limit) : items;
    if (request.takesOldest()) {
      shown = reversed(shown);
    }
    if (!more) {
      return new Page<>(shown, Optional.empty());
    }
    long last = cursor.applyAsLong(fetched.get(limit - 1));
    // List.copyOf in the constructor copies the view once.
    return new Page<>(shown, Optional.of(request.following(last)));
  }

  private static <T> List<T> reversed(List<T> items) {
    List<T> copy = new ArrayList<>(items);
    Collections.reverse(copy);
    return copy;
  }

  /** Whether there is a next page. */
  public boolean hasNext() {
    return next.isPresent();
  }
}
