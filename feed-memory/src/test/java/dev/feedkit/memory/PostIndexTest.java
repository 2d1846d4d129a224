package dev.feedkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The in-memory store's post index: exact look-ups through inserts, deletes and rebuilds. */
class PostIndexTest {

  private static final UserId AUTHOR = new UserId(7);

  /** A Snowflake-shaped id: a millisecond in the high bits, sequence 0, as most real ids are. */
  private static long id(long millis) {
    return (millis + 1) << 22;
  }

  private static Post post(long id) {
    return new Post(new PostId(id), AUTHOR, "post " + id, Instant.EPOCH);
  }

  @Test
  void findsWhatWasAddedOnceAndNothingElse() {
    PostIndex index = new PostIndex();
    Post first = post(id(1));

    assertThat(index.putIfAbsent(first)).isTrue();
    assertThat(index.putIfAbsent(post(id(1)))).as("the id is taken").isFalse();

    assertThat(index.get(id(1))).isSameAs(first);
    assertThat(index.get(id(2))).isNull();
    assertThat(index.get(1)).as("the id of the index's own marker for gone slots").isNull();
  }

  @Test
  void aRemovedPostIsGoneAndItsIdCanBeAddedAgain() {
    PostIndex index = new PostIndex();
    Post post = post(id(1));
    index.putIfAbsent(post);

    assertThat(index.remove(id(1))).isSameAs(post);
    assertThat(index.remove(id(1))).isNull();
    assertThat(index.get(id(1))).isNull();

    Post again = post(id(1));
    assertThat(index.putIfAbsent(again)).isTrue();
    assertThat(index.get(id(1))).isSameAs(again);
  }

  @Test
  void staysExactThroughGrowthAndDeletesAndReclaimsGoneSlots() {
    PostIndex index = new PostIndex();
    int n = 60_000;
    for (long i = 0; i < n; i++) {
      assertThat(index.putIfAbsent(post(id(i)))).isTrue();
    }
    for (long i = 0; i < n; i += 2) {
      assertThat(index.remove(id(i))).isNotNull();
    }
    List<Long> wrong = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      Post found = index.get(id(i));
      boolean right = i % 2 == 0 ? found == null : found != null && found.id().value() == id(i);
      if (!right) {
        wrong.add(i);
      }
    }
    assertThat(wrong).as("odd ones kept, even ones removed").isEmpty();
    int capacity = index.capacity();
    // Churn: as many more inserts and deletes again, with the live count unchanged.
    for (long i = n; i < 2L * n; i++) {
      index.putIfAbsent(post(id(i)));
      index.remove(id(i));
    }
    assertThat(index.capacity())
        .as("gone slots are reclaimed by rebuilds")
        .isLessThanOrEqualTo(2 * capacity);
    assertThat(index.capacity()).isGreaterThanOrEqualTo(2 * (n / 2));
  }

  @Test
  void readersSeeEveryPostAddedBeforeTheyLookWhileWritersGrowTheTable() throws Exception {
    PostIndex index = new PostIndex();
    int writers = 4;
    int each = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int first = w * each;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (long i = first; i < first + each; i++) {
                    index.putIfAbsent(post(id(i)));
                    if (index.get(id(i)) == null) {
                      throw new AssertionError("own write " + i + " not found");
                    }
                  }
                  return null;
                }));
      }
      Future<Integer> reader =
          pool.submit(
              () -> {
                start.await();
                int seen = 0;
                for (long i = 0; i < (long) writers * each; i++) {
                  Post found = index.get(id(i));
                  if (found != null) {
                    if (found.id().value() != id(i)) {
                      throw new AssertionError("asked for " + id(i) + ", found " + found.id());
                    }
                    seen++;
                  }
                }
                return seen;
              });
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      assertThat(reader.get()).isBetween(0, writers * each);
      List<Long> missing = new ArrayList<>();
      for (long i = 0; i < (long) writers * each; i++) {
        if (index.get(id(i)) == null) {
          missing.add(i);
        }
      }
      assertThat(missing).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
