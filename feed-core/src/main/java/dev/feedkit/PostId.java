package dev.feedkit;

import dev.feedkit.internal.Checks;

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
    Checks.positive("post id", value);
  }

  /** Returns the id for {@code value}; the same as the constructor. */
  public static PostId of(long value) {
    return new PostId(value);
  }

  /** A hash of the id with its bits mixed, since Snowflake ids spread badly under Long.hashCode. */
  @Override
  public int hashCode() {
    return IdHash.of(value);
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
