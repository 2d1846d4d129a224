package dev.feedkit.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The defaults' way to an {@link Order#OLDEST_FIRST} read over a store that reads only newest
 * first: walk the whole range down from its upper bound and keep the last {@code limit} entries.
 * Exact, but it costs in proportion to the range, which is why the real stores override every
 * method that uses it.
 */
final class OldestWalk {

  /** How many entries each newest-first read of the walk asks for. */
  static final int STEP = 200;

  private OldestWalk() {}

  /**
   * The oldest {@code limit} entries below {@code before}, oldest first.
   *
   * @param before the exclusive upper bound to start from
   * @param below reads the newest {@link #STEP} entries below a bound, newest first
   * @param cursor an entry's id
   */
  static <T> List<T> oldest(
      long before, int limit, LongFunction<List<T>> below, ToLongFunction<T> cursor) {
    Deque<T> window = new ArrayDeque<>(limit + 1);
    long bound = before;
    while (true) {
      List<T> page = below.apply(bound);
      for (T entry : page) {
        window.addFirst(entry);
        if (window.size() > limit) {
          window.removeLast();
        }
      }
      if (page.size() < STEP) {
        return new ArrayList<>(window);
      }
      bound = cursor.applyAsLong(page.get(page.size() - 1));
    }
  }
}
