package dev.feedkit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MergeTest {

  private static Post post(long id) {
    return new Post(PostId.of(id), UserId.of(1), "p" + id, Instant.EPOCH);
  }

  private static List<Post> posts(long... ids) {
    return LongStream.of(ids).mapToObj(MergeTest::post).toList();
  }

  private static List<Long> ids(List<Post> posts) {
    return posts.stream().map(p -> p.id().value()).toList();
  }

  @Test
  void mergesNewestFirstAndStopsAtTheLimit() {
    List<Post> merged =
        Merge.newestFirst(List.of(posts(9, 5, 1), posts(8, 7, 2), posts(), posts(6)), 5);

    assertThat(ids(merged)).containsExactly(9L, 8L, 7L, 6L, 5L);
  }

  @Test
  void takesAPostReachedTwiceOnce() {
    assertThat(ids(Merge.newestFirst(List.of(posts(5, 3), posts(5, 4)), 10)))
        .containsExactly(5L, 4L, 3L);
  }

  @Test
  void readsLazySourcesNoFurtherThanNeeded() {
    AtomicInteger reads = new AtomicInteger();
    List<Iterator<Post>> sources = new ArrayList<>();
    for (int s = 0; s < 100; s++) {
      long base = 1_000_000L * (s + 1);
      sources.add(
          new Iterator<>() {
            long next = base;

            @Override
            public boolean hasNext() {
              return true;
            }

            @Override
            public Post next() {
              reads.incrementAndGet();
              return post(next--);
            }
          });
    }

    List<Post> merged = Merge.newestFirstOf(sources, 10);

    assertThat(ids(merged))
        .containsExactly(
            100_000_000L,
            99_999_999L,
            99_999_998L,
            99_999_997L,
            99_999_996L,
            99_999_995L,
            99_999_994L,
            99_999_993L,
            99_999_992L,
            99_999_991L);
    assertThat(reads.get()).as("one head per source plus one per post taken").isEqualTo(110);
  }

  @Test
  void agreesWithSortingOnRandomLists() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<List<Post>> lists = new ArrayList<>();
      List<Post> all = new ArrayList<>();
      long nextId = 1;
      int k = random.nextInt(12);
      for (int i = 0; i < k; i++) {
        lists.add(new ArrayList<>());
      }
      int count = k == 0 ? 0 : random.nextInt(200);
      for (int i = 0; i < count; i++) {
        Post p = post(nextId++);
        lists.get(random.nextInt(k)).add(0, p);
        all.add(p);
      }
      all.sort(Comparator.comparing(Post::id).reversed());
      int limit = 1 + random.nextInt(60);

      assertThat(Merge.newestFirst(lists, limit))
          .as("seed %d, round %d", seed, round)
          .containsExactlyElementsOf(all.subList(0, Math.min(limit, all.size())));
    }
  }
}
