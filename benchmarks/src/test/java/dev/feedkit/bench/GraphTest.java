package dev.feedkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GraphTest {

  private final Graph graph = Graph.generate(GraphSpec.TINY);

  @Test
  void theSameSeedMakesTheSameGraph() {
    Graph again = Graph.generate(GraphSpec.TINY);
    assertThat(again.followees).isDeepEqualTo(graph.followees);
    assertThat(again.postAuthor).isEqualTo(graph.postAuthor);
    assertThat(again.postId).isEqualTo(graph.postId);
  }

  @Test
  void probeReadersFollowExactlyTheirSize() {
    int[] sizes = GraphSpec.TINY.readerSizes();
    for (int k = 0; k < sizes.length; k++) {
      for (int reader : graph.readers[k]) {
        assertThat(graph.followees[reader]).hasSize(sizes[k]).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void probeAuthorsHaveExactlyTheirAudience() {
    int[] followers = graph.followerCounts();
    int[] audiences = GraphSpec.TINY.audiences();
    for (int k = 0; k < audiences.length; k++) {
      assertThat(followers[graph.probeAuthors[k]]).isEqualTo(audiences[k]);
    }
  }

  @Test
  void followerCountsFollowAPowerLaw() {
    int users = GraphSpec.TINY.users();
    int[] counts = Arrays.copyOf(graph.followerCounts(), users);
    Arrays.sort(counts);
    int top = counts[users - 1];
    int median = counts[users / 2];
    // A few accounts followed by most, most by a few.
    assertThat(top).isGreaterThan(users / 2);
    assertThat(median).isLessThan(top / 10);
  }

  @Test
  void postIdsAscendAndEncodeTimesWithinTheSpan() {
    for (int p = 1; p < graph.postId.length; p++) {
      assertThat(graph.postId[p]).isGreaterThan(graph.postId[p - 1]);
    }
    assertThat(Graph.instantOf(graph.postId[graph.postId.length - 1]).toEpochMilli())
        .isLessThan(Graph.END_MILLIS);
    assertThat(graph.userId[graph.accounts - 1]).isLessThan(graph.postId[0]);
  }

  @Test
  void nobodyFollowsThemselves() {
    for (int a = 0; a < graph.accounts; a++) {
      assertThat(Arrays.binarySearch(graph.followees[a], a)).isNegative();
    }
  }

  @Test
  void theLoadReadersFolloweesPostEnoughToFillAHome() {
    for (GraphSpec spec : new GraphSpec[] {GraphSpec.LOAD, GraphSpec.LOAD_FULL}) {
      Graph load = Graph.generate(spec);
      int[] followees = load.followees[load.readers[0][0]];
      java.util.Set<Integer> followed = new java.util.HashSet<>();
      for (int f : followees) {
        followed.add(f);
      }
      long posts = Arrays.stream(load.postAuthor).filter(followed::contains).count();
      assertThat(followees).hasSize(200);
      assertThat(posts).as(spec.name()).isGreaterThanOrEqualTo(LoadSeed.FULL_HOME + 200);
    }
  }
}
