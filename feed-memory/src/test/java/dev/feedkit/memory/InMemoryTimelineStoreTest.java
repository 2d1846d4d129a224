package dev.feedkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.memory.InMemoryTimelineStore.Timeline;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The per-owner timeline of the in-memory store, which keeps exactly the cap: the contract suite
 * allows any store to keep more for a while, this one never does.
 */
class InMemoryTimelineStoreTest {

  private static long[] ids(Timeline timeline) {
    long[] out = new long[1000];
    return Arrays.copyOf(out, timeline.copyDown(Long.MAX_VALUE, 0, out));
  }

  @Test
  void keepsTheNewestCapIdsAndRaisesTheHorizonPastTheDropped() {
    Timeline timeline = new Timeline();
    for (long id : new long[] {50, 10, 40, 20, 30, 60}) {
      timeline.add(id, 4);
    }

    assertThat(ids(timeline)).containsExactly(60, 50, 40, 30);
    assertThat(timeline.horizon()).isEqualTo(20);

    timeline.add(25, 4);
    timeline.add(40, 4);
    assertThat(ids(timeline)).as("at or below the horizon, and duplicates, are ignored")
        .containsExactly(60, 50, 40, 30);
    timeline.add(35, 4);
    assertThat(ids(timeline)).containsExactly(60, 50, 40, 35);
    assertThat(timeline.horizon()).isEqualTo(30);
  }

  @Test
  void mergesABackfillAndTrimsIt() {
    Timeline timeline = new Timeline();
    timeline.add(15, 5);
    timeline.add(35, 5);

    timeline.addAll(new long[] {10, 20, 30, 35, 40}, 5, 5);

    assertThat(ids(timeline)).containsExactly(40, 35, 30, 20, 15);
    assertThat(timeline.horizon()).isEqualTo(10);

    timeline.addAll(new long[] {50, 60}, 25, 5);
    assertThat(ids(timeline)).containsExactly(60, 50, 40, 35, 30);
    assertThat(timeline.horizon()).isEqualTo(25);
  }

  @Test
  void copiesRangesDownFromTheTop() {
    Timeline timeline = new Timeline();
    for (long id = 1; id <= 20; id++) {
      timeline.add(id * 10, 100);
    }
    long[] out = new long[3];

    assertThat(timeline.copyDown(95, 40, out)).isEqualTo(3);
    assertThat(out).containsExactly(90, 80, 70);
    assertThat(timeline.copyDown(60, 40, out)).isEqualTo(1);
    assertThat(out[0]).isEqualTo(50);
    assertThat(timeline.copyDown(10, 0, out)).isZero();

    timeline.remove(90);
    timeline.remove(91);
    assertThat(timeline.copyDown(101, 70, out)).isEqualTo(2);
    assertThat(out).startsWith(100, 80);
  }
}
