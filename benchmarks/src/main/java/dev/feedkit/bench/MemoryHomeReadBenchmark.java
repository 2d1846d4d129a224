package dev.feedkit.bench;

import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The first page (50 posts) of a home timeline on the in-memory store loaded with a generated
 * graph ({@link MemoryLoader}), for the probe readers who follow 10, 100 and 1,000 accounts.
 * {@code read} is a policy, with the cache off or on ({@code +cache}), or a same-run reference:
 * {@code naive}, every post of everyone followed gathered, sorted and cut ({@link
 * NaiveTimeline}); {@code floor}, the least work any answer needs: copy the 50 newest ids of the
 * reader's materialized list and find each post in a table by id ({@link LongPostMap}). Before
 * measuring, every reader's first two pages are checked against the naive read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryHomeReadBenchmark {

  /** The graph: {@code quick} or {@code full} (see {@link GraphSpec}). */
  @Param("quick")
  public String profile;

  /** How many accounts each probe reader follows. */
  @Param({"10", "100", "1000"})
  public int followees;

  /** A policy ({@code pull}, {@code push}, {@code hybrid}, each optionally {@code +cache}), or
   * {@code naive} or {@code floor}. */
  @Param({"naive", "floor", "pull", "push", "hybrid", "hybrid+cache"})
  public String read;

  private MemoryLoader.Loaded loaded;
  private UserId[] readers;
  private long[][] floorIds;
  private LongPostMap floorPosts;
  private int next;

  /** Loads the graph and checks the readers' pages. */
  @Setup
  public void load() {
    Graph graph = Fixtures.graph(profile);
    boolean reference = read.equals("naive") || read.equals("floor");
    String policy = reference ? "push" : read.replace("+cache", "");
    loaded =
        MemoryLoader.shared(
            graph, Fixtures.policy(policy, graph), Fixtures.cache(read.endsWith("+cache")));
    int size = indexOf(graph.spec().readerSizes(), followees);
    int[] accounts = graph.readers[size];
    readers = new UserId[accounts.length];
    for (int i = 0; i < accounts.length; i++) {
      readers[i] = loaded.ids()[accounts[i]];
    }
    for (UserId reader : readers) {
      List<Post> naive = NaiveTimeline.homePage(loaded.store(), reader, 2 * Fixtures.PAGE);
      var first = loaded.feed().homeTimeline(reader, PageRequest.first(Fixtures.PAGE));
      List<Post> got = new ArrayList<>(first.items());
      first.next().ifPresent(n -> got.addAll(loaded.feed().homeTimeline(reader, n).items()));
      if (!got.equals(naive)) {
        throw new IllegalStateException(read + ": reader " + reader + " disagrees with naive");
      }
    }
    if (read.equals("floor")) {
      floorPosts = new LongPostMap(graph.postId.length);
      floorIds = new long[readers.length][];
      for (int a = 0; a < graph.accounts; a++) {
        for (Post p :
            loaded
                .store()
                .posts()
                .byAuthor(loaded.ids()[a], Long.MAX_VALUE, 0, Integer.MAX_VALUE)) {
          floorPosts.put(p);
        }
      }
      for (int i = 0; i < readers.length; i++) {
        List<Post> newest = NaiveTimeline.homePage(loaded.store(), readers[i], 800);
        long[] ids = new long[newest.size()];
        for (int k = 0; k < ids.length; k++) {
          ids[ids.length - 1 - k] = newest.get(k).id().value(); // ascending, as timelines keep them
        }
        floorIds[i] = ids;
      }
    }
  }

  /** One first page of one reader's home timeline; readers take turns. */
  @Benchmark
  public List<Post> homeTimelinePage() {
    int r = next;
    next = (next + 1) % readers.length;
    switch (read) {
      case "naive":
        return NaiveTimeline.homePage(loaded.store(), readers[r], Fixtures.PAGE);
      case "floor":
        long[] ids = floorIds[r];
        int n = Math.min(Fixtures.PAGE, ids.length);
        Post[] page = new Post[n];
        for (int i = 0; i < n; i++) {
          page[i] = floorPosts.get(ids[ids.length - 1 - i]);
        }
        return List.of(page);
      default:
        return loaded.feed().homeTimeline(readers[r], PageRequest.first(Fixtures.PAGE)).items();
    }
  }

  static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException(value + " is none of the profile's sizes");
  }
}
