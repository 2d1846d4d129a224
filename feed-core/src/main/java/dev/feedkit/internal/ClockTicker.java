package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Caffeine {@link Ticker} that reads the feed's {@link Clock}, so that cache expiry follows the
 * same time as everything else (and tests move it by hand). Caffeine needs a ticker that never
 * goes back; when the clock steps back, this one stands still until the clock catches up.
 */
final class ClockTicker implements Ticker {

  private final Clock clock;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

  ClockTicker(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public long read() {
    long now = TimeUnit.MILLISECONDS.toNanos(clock.millis());
    return last.accumulateAndGet(now, Math::max);
  }
}
