package dev.feedkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The engine tests' clock, moved by hand (the contract kit has its own, which these tests cannot reach). */
final class MutableClock extends Clock {

  private final AtomicLong millis;

  /** Creates a clock showing {@code start}. */
  public MutableClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /** Moves the clock by {@code amount}, which may be negative. */
  public void advance(Duration amount) {
    millis.addAndGet(amount.toMillis());
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    millis.set(instant.toEpochMilli());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a MutableClock is always UTC");
  }
}
