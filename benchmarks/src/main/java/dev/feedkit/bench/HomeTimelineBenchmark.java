package dev.feedkit.bench;

import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.UserId;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading the first page (50 posts) of a home timeline on the in-memory store, for readers who
 * follow 10, 100 and 1,000 accounts, under each fan-out policy and, as the baseline measured in
 * the same run, the naive gather-and-sort of {@link NaiveTimeline}. The cache is off: a cached
 * page would hide the policies' difference. See {@link FollowGraph} for the graph.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HomeTimelineBenchmark {

  private static final int PAGE = 50;

  /** How many accounts each reader follows. */
  @Param({"10", "100", "1000"})
  public int followees;

  /** {@code baseline} (the naive read), or a policy: {@code pull}, {@code push}, {@code hybrid}. */
  @Param({"baseline", "pull", "push", "hybrid"})
  public String timeline;

  private FollowGraph graph;
  private UserId[] readers;
  private int next;

  /** Builds the graph; the baseline reads the pull graph's store. */
  @Setup
  public void buildGraph() {
    String policy = timeline.equals("baseline") ? "pull" : timeline;
    graph = FollowGraph.build(FollowGraph.policy(policy), followees);
    readers = graph.readers.toArray(new UserId[0]);
    Page<Post> check = graph.feed.homeTimeline(readers[0], PageRequest.first(PAGE));
    List<Post> naive = NaiveTimeline.homePage(graph.store, readers[0], PAGE);
    if (!check.items().equals(naive)) {
      throw new IllegalStateException(timeline + " and the baseline disagree");
    }
  }

  /** Closes the feed. */
  @TearDown
  public void close() {
    graph.feed.close();
  }

  /** One first page of one reader's home timeline; readers take turns. */
  @Benchmark
  public List<Post> homeTimelinePage() {
    UserId reader = readers[next];
    next = (next + 1) % readers.length;
    if (timeline.equals("baseline")) {
      return NaiveTimeline.homePage(graph.store, reader, PAGE);
    }
    return graph.feed.homeTimeline(reader, PageRequest.first(PAGE)).items();
  }
}
