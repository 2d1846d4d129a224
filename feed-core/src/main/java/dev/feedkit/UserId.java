package dev.feedkit;

import dev.feedkit.internal.Checks;

/**
 * The identity of a user: a positive, time-ordered 64-bit id.
 *
 * @param value the id, always {@code > 0}
 */
public record UserId(long value) implements Comparable<UserId> {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if {@code value <= 0}
   */
  public UserId {
    Checks.positive("user id", value);
  }

  /** Returns the id for {@code value}; the same as the constructor. */
  public static UserId of(long value) {
    return new UserId(value);
  }

  /** A hash of the id with its bits mixed, since Snowflake ids spread badly under Long.hashCode. */
  @Override
  public int hashCode() {
    return IdHash.of(value);
  }

  @Override
  public int compareTo(UserId other) {
    return Long.compare(value, other.value);
  }

  /** Returns the decimal id, as it appears in URLs and JSON. */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
