package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.benmanes.caffeine.cache.Cache;
import dev.feedkit.TooManyAttemptsException;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogInThrottleTest {

  private static final Duration MAX = Duration.ofMinutes(15);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
  private final LogInThrottle throttle = new LogInThrottle(clock, 3, 5, MAX);

  /** Fails one attempt: begins it and never reports success. */
  private void fail(String handle, String client) {
    throttle.begin(handle, client);
  }

  private Duration refusal(String handle, String client) {
    TooManyAttemptsException refused =
        catchThrowableOfType(TooManyAttemptsException.class, () -> throttle.begin(handle, client));
    assertThat(refused).as("attempt on " + handle + " from " + client + " is refused").isNotNull();
    return refused.retryAfter();
  }

  @Test
  void delaysStartAfterTheAllowanceAndDoubleUpToTheCap() {
    assertThat(throttle.delayAfter(2, 3)).isZero();
    assertThat(throttle.delayAfter(3, 3)).hasSeconds(1);
    assertThat(throttle.delayAfter(4, 3)).hasSeconds(2);
    assertThat(throttle.delayAfter(7, 3)).hasSeconds(16);
    assertThat(throttle.delayAfter(13, 3)).isEqualTo(MAX);
    assertThat(throttle.delayAfter(Integer.MAX_VALUE, 3)).isEqualTo(MAX);
  }

  @Test
  void failuresOfAHandleFromManyClientsDelayTheHandle() {
    fail("alice", "c1");
    fail("alice", "c2");
    fail("alice", "c3");

    assertThat(refusal("alice", "c4")).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    fail("alice", "c5");
    assertThat(refusal("alice", "c6")).isEqualTo(Duration.ofSeconds(2));
    throttle.begin("bob", "c6");
  }

  @Test
  void theDelayOfAHandleNeverExceedsTheCap() {
    for (int i = 0; i < 200; i++) {
      try {
        fail("alice", "client" + i);
      } catch (TooManyAttemptsException e) {
        assertThat(e.retryAfter()).isLessThanOrEqualTo(MAX);
        clock.advance(e.retryAfter());
      }
    }
    clock.advance(MAX);
    fail("alice", "last");

    assertThat(refusal("alice", "another")).isEqualTo(MAX);
  }

  @Test
  void failuresOfAClientDelayItForEveryHandle() {
    for (int i = 0; i < 5; i++) {
      fail("user" + i, "mallory");
    }

    assertThat(refusal("fresh_handle", "mallory")).isEqualTo(Duration.ofSeconds(1));
    throttle.begin("fresh_handle", "someone_else");
  }

  @Test
  void attemptsInFlightCountBeforeTheirPasswordIsChecked() {
    LogInThrottle.Attempt first = throttle.begin("alice", "c1");
    throttle.begin("alice", "c2");
    throttle.begin("alice", "c3");

    assertThat(refusal("alice", "c4"))
        .as("three guesses in flight use the allowance")
        .isEqualTo(Duration.ofSeconds(1));
    first.succeeded();
    throttle.begin("alice", "c4");
  }

  @Test
  void aGoodLogInClearsTheHandle() {
    fail("alice", "c1");
    fail("alice", "c2");
    throttle.begin("alice", "c3").succeeded();

    fail("alice", "c4");
    fail("alice", "c5");
    throttle.begin("alice", "c6");
  }

  @Test
  void aGoodLogInToOnesOwnAccountDoesNotResetTheClient() {
    for (int i = 0; i < 4; i++) {
      fail("victim" + i, "mallory");
      throttle.begin("mallory", "mallory").succeeded();
    }
    fail("victim4", "mallory");

    assertThat(refusal("victim5", "mallory")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refusedAttemptsCostTheClientNothing() {
    for (int i = 0; i < 3; i++) {
      fail("alice", "c" + i);
    }
    for (int i = 0; i < 10; i++) {
      refusal("alice", "bystander");
    }

    throttle.begin("bob", "bystander");
  }

  @Test
  void aClientThatLoggedInBeforeIsExemptFromItsHandlesDelays() {
    throttle.begin("alice", "alice_laptop").succeeded();
    for (int i = 0; i < 50; i++) {
      try {
        fail("alice", "botnet" + i);
      } catch (TooManyAttemptsException expected) {
        // the handle is delayed for everyone else
      }
    }

    assertThat(refusal("alice", "new_phone")).isPositive().isLessThanOrEqualTo(MAX);
    throttle.begin("alice", "alice_laptop").succeeded();
    assertThat(refusal("alice", "new_phone"))
        .as("the owner's usual log-in gives guessers no fresh allowance")
        .isPositive();
  }

  @Test
  void aPasswordChangeEndsTheExemption() {
    throttle.begin("alice", "old_laptop").succeeded();
    throttle.passwordChanged("alice");
    for (int i = 0; i < 3; i++) {
      fail("alice", "c" + i);
    }

    refusal("alice", "old_laptop");
  }

  @Test
  void countsAreForgottenADayAfterTheLastFailure() {
    for (int i = 0; i < 5; i++) {
      fail("user" + i, "mallory");
    }
    assertThat(refusal("alice", "mallory")).isEqualTo(Duration.ofSeconds(1));

    clock.advance(Duration.ofHours(23));
    fail("alice", "mallory");
    assertThat(refusal("bob", "mallory")).as("still counted").isEqualTo(Duration.ofSeconds(2));

    clock.advance(Duration.ofDays(1));
    for (int i = 0; i < 4; i++) {
      fail("user" + i, "mallory");
    }
    fail("alice", "mallory");
    assertThat(refusal("bob", "mallory")).as("counted from zero").isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void clientKeysAreNotKeptInClear() throws Exception {
    fail("alice", "203.0.113.7");
    throttle.begin("bob", "198.51.100.23").succeeded();

    for (String name : new String[] {"clients", "trusted"}) {
      Field field = LogInThrottle.class.getDeclaredField(name);
      field.setAccessible(true);
      Cache<?, ?> cache = (Cache<?, ?>) field.get(throttle);
      assertThat(cache.asMap().keySet())
          .isNotEmpty()
          .allSatisfy(
              key ->
                  assertThat(key.toString())
                      .doesNotContain("203.0.113.7")
                      .doesNotContain("198.51.100.23"));
    }
  }

  @Test
  void onlyTheKeysGivenAreCounted() {
    for (int i = 0; i < 3; i++) {
      fail("alice", null);
    }
    assertThatThrownBy(() -> throttle.begin("alice", null))
        .isInstanceOf(TooManyAttemptsException.class);
    throttle.begin(null, "c0");

    for (int i = 0; i < 5; i++) {
      fail(null, "mallory");
    }
    assertThat(refusal(null, "mallory")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anAttemptWithinTheAllowanceIsNeverRefusedWhenAConcurrentOneReadTheClockLater() {
    // The outer attempt reads the clock; before it counts, another attempt of the same client
    // reads a later instant and counts first: the interleaving of two threads, made exact.
    Instant start = Instant.parse("2026-01-01T12:00:00Z");
    LogInThrottle[] late = new LogInThrottle[1];
    Clock racing =
        new Clock() {
          private int calls;

          @Override
          public Instant instant() {
            calls++;
            if (calls == 1) {
              late[0].begin("bob", "shared"); // a failure within the allowance
              return start;
            }
            return start.plusMillis(calls);
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    late[0] = new LogInThrottle(racing, 3, 5, MAX);

    late[0].begin("alice", "shared").succeeded();
  }

  @Test
  void correctLogInsFromAClientWithoutFailuresAreNeverRefusedUnderConcurrency() throws Exception {
    LogInThrottle real = new LogInThrottle(Clock.systemUTC(), 5, 20, MAX);
    int threads = 8;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> refused = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        refused.add(
            pool.submit(
                () -> {
                  go.await();
                  int count = 0;
                  for (int i = 0; i < perThread; i++) {
                    try {
                      real.begin("user" + thread + "_" + i, "one client").succeeded();
                    } catch (TooManyAttemptsException e) {
                      count++;
                    }
                  }
                  return count;
                }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> f : refused) {
        total += f.get(1, TimeUnit.MINUTES);
      }
      assertThat(total).as("correct log-ins refused").isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
