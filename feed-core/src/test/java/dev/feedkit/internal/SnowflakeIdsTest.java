package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnowflakeIdsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

  @Test
  void idEncodesItsInstant() {
    long id = new SnowflakeIds(clock, 5).next();

    assertThat(SnowflakeIds.instantOf(id)).isEqualTo(clock.instant());
    assertThat(id).isGreaterThanOrEqualTo(SnowflakeIds.smallestIdAt(clock.instant()));
    assertThat(id).isLessThan(SnowflakeIds.smallestIdAt(clock.instant().plusMillis(1)));
  }

  @Test
  void workerIdIsPartOfTheId() {
    long a = new SnowflakeIds(clock, 0).next();
    long b = new SnowflakeIds(clock, 1023).next();

    assertThat(a).isNotEqualTo(b);
    assertThat((b >>> 12) & 1023).isEqualTo(1023);
    assertThat((a >>> 12) & 1023).isZero();
  }

  @Test
  void idsIncreaseWithinOneMillisecond() {
    SnowflakeIds ids = new SnowflakeIds(clock, 3);
    long previous = ids.next();
    for (int i = 0; i < 10_000; i++) {
      long next = ids.next();
      assertThat(next).isGreaterThan(previous);
      previous = next;
    }
    assertThat(SnowflakeIds.instantOf(previous))
        .as("4096 ids a millisecond: 10,001 ids borrow two milliseconds ahead")
        .isEqualTo(clock.instant().plusMillis(2));
  }

  @Test
  void idsKeepIncreasingWhenTheClockStepsBack() {
    SnowflakeIds ids = new SnowflakeIds(clock, 3);
    long before = ids.next();
    clock.advance(Duration.ofHours(-1));
    long after = ids.next();
    clock.advance(Duration.ofHours(2));
    long later = ids.next();

    assertThat(after).isGreaterThan(before);
    assertThat(SnowflakeIds.instantOf(after)).isEqualTo(SnowflakeIds.instantOf(before));
    assertThat(later).isGreaterThan(after);
    assertThat(SnowflakeIds.instantOf(later)).isEqualTo(clock.instant());
  }

  @Test
  void idsArePositiveEvenAtTheEpoch() {
    clock.set(SnowflakeIds.EPOCH.minusSeconds(60));

    assertThat(new SnowflakeIds(clock, 0).next()).isPositive();
  }

  @Test
  void workerIdOutOfRangeIsRejected() {
    assertThatThrownBy(() -> new SnowflakeIds(clock, 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workerId must be between 0 and 1023, was 1024");
    assertThatThrownBy(() -> new SnowflakeIds(clock, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyThreadsNeverGetTheSameId() throws Exception {
    SnowflakeIds ids = new SnowflakeIds(clock, 9);
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  for (int i = 0; i < 20_000; i++) {
                    mine.add(ids.next());
                    if (i % 5_000 == 0) {
                      clock.advance(Duration.ofMillis(1));
                    }
                  }
                  return mine;
                }));
      }
      for (Future<List<Long>> future : futures) {
        List<Long> mine = future.get(60, TimeUnit.SECONDS);
        assertThat(mine).isSorted();
        assertThat(new HashSet<>(mine)).hasSize(mine.size());
        for (long id : mine) {
          assertThat(seen.add(id)).as("id %d made twice", id).isTrue();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(80_000);
  }
}
