package dev.feedkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void aDeadlineIsOpenOnlyWithinItsScopeAndOnlyOnItsThread() throws Exception {
    assertThat(Deadline.current()).isEmpty();
    try (Deadline.Scope s = Deadline.after(Duration.ofMinutes(1))) {
      assertThat(Deadline.current()).isPresent();
      assertThat(Deadline.current().get().passed()).isFalse();
      assertThat(Deadline.current().get().remaining())
          .isGreaterThan(Duration.ZERO)
          .isLessThanOrEqualTo(Duration.ofMinutes(1));
      Optional<Deadline> elsewhere = CompletableFuture.supplyAsync(Deadline::current).get();
      assertThat(elsewhere).isEmpty();
      Deadline.check("do something"); // does not throw
    }
    assertThat(Deadline.current()).isEmpty();
  }

  @Test
  void anInnerDeadlineNeverOutlastsTheOuterOneAndTheOuterReturnsAfterIt() {
    try (Deadline.Scope outer = Deadline.after(Duration.ofSeconds(1))) {
      Deadline outerDeadline = Deadline.current().orElseThrow();
      try (Deadline.Scope inner = Deadline.after(Duration.ofHours(1))) {
        assertThat(Deadline.current().orElseThrow().remaining())
            .isLessThanOrEqualTo(Duration.ofSeconds(1));
      }
      assertThat(Deadline.current()).containsSame(outerDeadline);
      try (Deadline.Scope shorter = Deadline.after(Duration.ofNanos(1))) {
        assertThat(Deadline.current().orElseThrow().passed()).isTrue();
      }
      assertThat(Deadline.current()).containsSame(outerDeadline);
    }
    assertThat(Deadline.current()).isEmpty();
  }

  @Test
  void aPassedDeadlineFailsTheCheckWithWhatWasAttempted() {
    try (Deadline.Scope s = Deadline.after(Duration.ofNanos(1))) {
      assertThat(Deadline.current().orElseThrow().remaining()).isEqualTo(Duration.ZERO);
      assertThatThrownBy(() -> Deadline.check("read a home timeline"))
          .isInstanceOf(DeadlineExceededException.class)
          .isInstanceOf(StoreException.class)
          .hasMessage("could not read a home timeline: the caller's deadline passed");
    }
  }

  @Test
  void closingTwiceOrOutOfOrderDoesNotDisturbTheOpenDeadline() {
    Deadline.Scope outer = Deadline.after(Duration.ofSeconds(5));
    Deadline.Scope inner = Deadline.after(Duration.ofSeconds(1));
    Deadline innerDeadline = Deadline.current().orElseThrow();
    outer.close(); // not the open one: ignored
    assertThat(Deadline.current()).containsSame(innerDeadline);
    inner.close();
    inner.close();
    assertThat(Deadline.current()).isPresent();
    outer.close();
    assertThat(Deadline.current()).isEmpty();
  }

  @Test
  void aBudgetMustBePositive() {
    assertThatThrownBy(() -> Deadline.after(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("budget must be > 0, was PT0S");
    assertThatThrownBy(() -> Deadline.after(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Deadline.after(null)).isInstanceOf(NullPointerException.class);
    try (Deadline.Scope s = Deadline.after(Duration.ofSeconds(Long.MAX_VALUE))) {
      assertThat(Deadline.current().orElseThrow().passed()).isFalse();
    }
  }
}
