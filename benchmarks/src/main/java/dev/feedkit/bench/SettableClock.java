package dev.feedkit.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that says what it was last set to: the loaders date each write as the graph does. */
final class SettableClock extends Clock {

  private volatile long millis;

  SettableClock(long millis) {
    this.millis = millis;
  }

  void set(long millis) {
    this.millis = millis;
  }

  /** Goes back to the system's time (never backwards: ids only grow). */
  void toSystemTime() {
    millis = Math.max(millis, System.currentTimeMillis());
  }

  @Override
  public long millis() {
    long m = millis;
    return m == Long.MIN_VALUE ? System.currentTimeMillis() : m;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
