package dev.feedkit.spi;

/**
 * Which end of a range a store read starts from. Every read of a list takes an exclusive upper
 * bound {@code before}, an exclusive lower bound {@code after} and a {@code limit}; the order says
 * whether it returns the newest {@code limit} entries of that range, largest id first, or the
 * oldest, smallest id first. Either must cost in proportion to {@code limit}, not to the number
 * of entries in the range: an index scan from the one bound or the other.
 */
public enum Order {
  /** The newest entries of the range, largest id first: the normal page. */
  NEWEST_FIRST,
  /** The oldest entries of the range, smallest id first: a page just above its lower bound. */
  OLDEST_FIRST;

  /** Whether {@code a} comes before {@code b} in this order (ids are distinct or equal). */
  public boolean precedes(long a, long b) {
    return this == NEWEST_FIRST ? a > b : a < b;
  }
}
