package dev.feedkit;

/**
 * The identity of a post: a positive, time-ordered 64-bit id.
 *
 * @param value the id, always {@code > 0}
 */
public record PostId(long value) implements Comparable<PostId> {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if {@code value <= 0}
   */
  public PostId {
    if (value <= 0) {
      throw new IllegalArgumentException("post id must be > 0, was " + value);
    }
  }

  /** Returns the id for {@code value}; the same as the constructor. */
  public static PostId of(long value) {
    return new PostId(value);
  }

  /**
   * A hash of the id with its bits mixed (SplitMix64's finalizer), not {@link Long#hashCode}:
   * Snowflake ids made a millisecond or more apart differ mostly in high bits, which {@code
   * Long.hashCode} folds onto a few thousand distinct low bits, so a hash table of a million of
   * them would chain in a small fraction of its buckets.
   */
  @Override
  public int hashCode() {
    long x = value;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return (int) (x ^ (x >>> 31));
  }

  @Override
  public int compareTo(PostId other) {
    return Long.compare(value, other.value);
  }

  /** Returns the decimal id, as it appears in URLs and JSON. */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
