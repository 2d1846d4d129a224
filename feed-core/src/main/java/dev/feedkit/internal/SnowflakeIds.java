package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered 64-bit ids in the Snowflake layout: 41 bits of milliseconds since {@link #EPOCH},
 * 10 bits of worker id, 12 bits of sequence. The sign bit stays 0, so ids are positive and sort
 * like their time.
 *
 * <p>Design: the last (millisecond, sequence) pair is packed into one {@link AtomicLong} and
 * advanced by compare-and-set, so the generator is lock-free and strictly increasing per worker.
 * It never waits: when the clock steps back, ids keep counting from the last millisecond used;
 * when 4096 ids are taken in one millisecond, the next id borrows the following millisecond. Both
 * let the id's time run a little ahead of the clock until the clock catches up.
 */
public final class SnowflakeIds {

  /** The largest worker id: ids have 10 bits for it. */
  public static final int MAX_WORKER_ID = (1 << 10) - 1;

  /** The instant of timestamp 0: 2024-01-01T00:00:00Z. */
  public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  private static final int SEQUENCE_BITS = 12;
  private static final int WORKER_BITS = 10;
  private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
  private static final long EPOCH_MILLIS = EPOCH.toEpochMilli();

  private final Clock clock;
  private final long worker;

  /** {@code (millis since epoch << SEQUENCE_BITS) | sequence} of the last id made. */
  private final AtomicLong last = new AtomicLong();

  /**
   * Creates a generator.
   *
   * @throws IllegalArgumentException if {@code workerId} is outside 0–1023
   */
  public SnowflakeIds(Clock clock, int workerId) {
    this.clock = requireNonNull(clock, "clock");
    this.worker = Checks.between("workerId", 0, MAX_WORKER_ID, workerId);
  }

  /** Returns a new id, larger than every id this generator returned before. */
  public long next() {
    while (true) {
      long previous = last.get();
      long now = Math.max(0, clock.millis() - EPOCH_MILLIS);
      long lastMillis = previous >>> SEQUENCE_BITS;
      long next;
      if (now > lastMillis) {
        next = now << SEQUENCE_BITS;
      } else if ((previous & MAX_SEQUENCE) < MAX_SEQUENCE) {
        next = previous + 1;
      } else {
        next = (lastMillis + 1) << SEQUENCE_BITS;
      }
      if (last.compareAndSet(previous, next)) {
        long millis = next >>> SEQUENCE_BITS;
        long sequence = next & MAX_SEQUENCE;
        return (millis << (WORKER_BITS + SEQUENCE_BITS)) | (worker << SEQUENCE_BITS) | sequence;
      }
    }
  }

  /** Returns the instant an id encodes. */
  public static Instant instantOf(long id) {
    return Instant.ofEpochMilli(EPOCH_MILLIS + (id >>> (WORKER_BITS + SEQUENCE_BITS)));
  }

  /** Returns the smallest id that any generator could make at or after {@code instant}. */
  public static long smallestIdAt(Instant instant) {
    long millis = Math.max(0, instant.toEpochMilli() - EPOCH_MILLIS);
    return millis << (WORKER_BITS + SEQUENCE_BITS);
  }
}
