package dev.feedkit.bench;

import java.util.Locale;

/**
 * The parameters of a generated graph ({@link Graph#generate}); the same spec and seed always
 * give the same graph.
 *
 * <ul>
 *   <li>{@code users} ordinary accounts. Each follows {@code d} others, {@code d} drawn from a
 *       Pareto distribution with shape {@code followeeShape} and mean {@code meanFollowees}
 *       (so most follow a few dozen, a few follow thousands), at most {@code maxFollowees}.
 *   <li>Whom they follow: account {@code i} (in a seeded random order) is picked with weight
 *       {@code 1 / (i + 1)^popularityExponent}, a Zipf law, so a handful of accounts are followed
 *       by most users and most by a few; this is the power law of follower counts.
 *   <li>{@code posts} posts over {@code spanMillis} before the generator's fixed end
 *       (2025-12-01), at independent uniform times (the {@code dense} profile puts the full
 *       profile's million posts about a millisecond apart, as a burst of writes or a seeding
 *       script makes them); authors drawn by a second Zipf law of
 *       exponent {@code activityExponent} over another seeded order (how often one posts does not
 *       follow from how many follow one).
 *   <li>Probe readers, {@code readersPerSize} for each size in {@code readerSizes}: extra
 *       accounts that follow exactly that many ordinary accounts, drawn by popularity as above,
 *       and post nothing. Home reads are measured on them.
 *   <li>Probe authors, one for each size in {@code audiences}: extra accounts followed by exactly
 *       that many accounts (ordinary users first, then silent accounts made only to follow, when
 *       the audience is larger than the users), each with {@code probeAuthorPosts} posts. Posts
 *       with fan-out are measured on them.
 * </ul>
 *
 * {@code hybridThreshold} is the follower count from which the hybrid policy pulls an author: the
 * library's default, 10,000, in the full profile; lower in the quick one, so that its smaller
 * graph still has authors above it.
 */
record GraphSpec(
    String name,
    int users,
    int posts,
    double meanFollowees,
    double followeeShape,
    int maxFollowees,
    double popularityExponent,
    double activityExponent,
    long spanMillis,
    int[] readerSizes,
    int readersPerSize,
    int[] audiences,
    int probeAuthorPosts,
    int hybridThreshold,
    long seed) {

  private static final long DAY = 86_400_000L;

  /** 50,000 users, about 2.8 million follows, 1,000,000 posts, hybrid at 10,000. */
  static final GraphSpec FULL =
      new GraphSpec(
          "full",
          50_000,
          1_000_000,
          56,
          1.6,
          5_000,
          1.0,
          1.1,
          365 * DAY,
          new int[] {10, 100, 1_000},
          8,
          new int[] {10, 1_000, 10_000, 100_000},
          100,
          10_000,
          20_251_201L);

  /** The full graph with its posts about a millisecond apart (1,000,000 posts in 1,000 s). */
  static final GraphSpec DENSE =
      new GraphSpec(
          "dense",
          50_000,
          1_000_000,
          56,
          1.6,
          5_000,
          1.0,
          1.1,
          1_000_000L,
          new int[] {10, 100, 1_000},
          8,
          new int[] {10, 1_000, 10_000, 100_000},
          100,
          10_000,
          20_251_201L);

  /** 4,000 users, 120,000 posts, hybrid at 2,000: small enough to load in seconds. */
  static final GraphSpec QUICK =
      new GraphSpec(
          "quick",
          4_000,
          120_000,
          40,
          1.6,
          2_000,
          1.0,
          1.1,
          60 * DAY,
          new int[] {10, 100, 1_000},
          8,
          new int[] {10, 1_000, 10_000},
          100,
          2_000,
          20_251_201L);

  /**
   * The HTTP load run's quick graph ({@link LoadSeed}): 2,000 users, about 30,000 follows, 30,000
   * posts, hybrid at 1,000, small enough to seed through the example app's API in half a minute;
   * one probe reader of 200 followees, whom the load's reader follows.
   */
  static final GraphSpec LOAD =
      new GraphSpec(
          "load",
          2_000,
          30_000,
          15,
          1.6,
          1_000,
          1.0,
          1.1,
          30 * DAY,
          new int[] {200},
          1,
          new int[0],
          0,
          1_000,
          20_251_201L);

  /** The HTTP load run's full graph: 10,000 users, about 300,000 follows, 200,000 posts. */
  static final GraphSpec LOAD_FULL =
      new GraphSpec(
          "load-full",
          10_000,
          200_000,
          30,
          1.6,
          2_000,
          1.0,
          1.1,
          90 * DAY,
          new int[] {200},
          1,
          new int[0],
          0,
          2_000,
          20_251_201L);

  /** A tiny graph for unit tests. */
  static final GraphSpec TINY =
      new GraphSpec(
          "tiny",
          300,
          3_000,
          12,
          1.6,
          200,
          1.0,
          1.1,
          10 * DAY,
          new int[] {10, 100},
          2,
          new int[] {10, 400},
          10,
          50,
          7L);

  /**
   * The spec called {@code name}: {@code quick}, {@code full}, {@code dense}, {@code load}, {@code
   * load-full} or {@code tiny}.
   */
  static GraphSpec named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "quick" -> QUICK;
      case "full" -> FULL;
      case "dense" -> DENSE;
      case "load" -> LOAD;
      case "load-full" -> LOAD_FULL;
      case "tiny" -> TINY;
      default ->
          throw new IllegalArgumentException(
              "no graph profile called " + name + "; try quick or full");
    };
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s: %,d users, %,d posts, mean %s followees (Pareto shape %s, at most %,d), Zipf "
            + "popularity %s, activity %s, over %,d s, hybrid threshold %,d, seed %d",
        name,
        users,
        posts,
        meanFollowees,
        followeeShape,
        maxFollowees,
        popularityExponent,
        activityExponent,
        spanMillis / 1000,
        hybridThreshold,
        seed);
  }
}
