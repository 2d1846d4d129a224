package dev.feedkit.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A generated social graph (see {@link GraphSpec} for its shape): accounts by index, whom each
 * follows, and every post's author and time, with the ids that the loaders give them.
 *
 * <p>Account indices: {@code [0, users)} ordinary users, then the probe readers, then the probe
 * authors, then the silent followers. Ids follow feedkit's Snowflake layout (milliseconds since
 * 2024-01-01 in the top 41 bits, then a 22-bit sequence), so a loaded post's id encodes its
 * time, as a feed's would; accounts and follows are dated before the first post.
 *
 * <p>Generation is deterministic: one {@link SplittableRandom} from the seed, used in a fixed
 * order.
 */
final class Graph {

  /** Feedkit's id epoch, 2024-01-01T00:00:00Z. */
  static final long EPOCH_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  /** Where generated time ends: every post is before this. */
  static final long END_MILLIS = Instant.parse("2025-12-01T00:00:00Z").toEpochMilli();

  private static final int TIME_SHIFT = 22;

  final GraphSpec spec;
  final int accounts;

  /** Whom each account follows: ascending account indices. */
  final int[][] followees;

  /** Each post's author, in time order. */
  final int[] postAuthor;

  /** Each post's id, ascending. */
  final long[] postId;

  /** Probe readers by size: {@code readers[k]} follow {@code spec.readerSizes()[k]} accounts. */
  final int[][] readers;

  /** Probe authors: {@code probeAuthors[k]} has {@code spec.audiences()[k]} followers. */
  final int[] probeAuthors;

  /** The id of each account; ascending with the index. */
  final long[] userId;

  private Graph(
      GraphSpec spec,
      int accounts,
      int[][] followees,
      int[] postAuthor,
      long[] postId,
      int[][] readers,
      int[] probeAuthors,
      long[] userId) {
    this.spec = spec;
    this.accounts = accounts;
    this.followees = followees;
    this.postAuthor = postAuthor;
    this.postId = postId;
    this.readers = readers;
    this.probeAuthors = probeAuthors;
    this.userId = userId;
  }

  /** Generates the graph of a spec. */
  static Graph generate(GraphSpec spec) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    int users = spec.users();
    int readerCount = spec.readerSizes().length * spec.readersPerSize();
    int probeCount = spec.audiences().length;
    int largestAudience = Arrays.stream(spec.audiences()).max().orElse(0);
    int silent = Math.max(0, largestAudience - users);
    int accounts = users + readerCount + probeCount + silent;

    Zipf popularity = new Zipf(users, spec.popularityExponent(), random);
    int[][] followees = new int[accounts][];
    double scale = spec.meanFollowees() * (spec.followeeShape() - 1) / spec.followeeShape();
    int most = Math.min(spec.maxFollowees(), users / 2);
    for (int u = 0; u < users; u++) {
      double pareto = scale / Math.pow(1 - random.nextDouble(), 1 / spec.followeeShape());
      int degree = (int) Math.max(1, Math.min(most, Math.round(pareto)));
      followees[u] = popularity.distinct(degree, u, random);
    }
    int[][] readers = new int[spec.readerSizes().length][spec.readersPerSize()];
    int next = users;
    for (int k = 0; k < spec.readerSizes().length; k++) {
      for (int r = 0; r < spec.readersPerSize(); r++) {
        readers[k][r] = next;
        followees[next] = popularity.distinct(Math.min(spec.readerSizes()[k], most), -1, random);
        next++;
      }
    }
    int[] probeAuthors = new int[probeCount];
    for (int k = 0; k < probeCount; k++) {
      probeAuthors[k] = next++;
    }
    for (int s = next; s < accounts; s++) {
      followees[s] = new int[0];
    }
    // Audiences: ordinary users in a seeded order, then silent accounts.
    int[] order = shuffled(users, random);
    for (int k = 0; k < probeCount; k++) {
      int audience = spec.audiences()[k];
      for (int i = 0; i < audience; i++) {
        int follower = i < users ? order[i] : next + (i - users);
        followees[follower] = appendSorted(followees[follower], probeAuthors[k]);
      }
    }
    for (int r = 0; r < probeCount; r++) {
      if (followees[probeAuthors[r]] == null) {
        followees[probeAuthors[r]] = new int[0];
      }
    }

    // Posts: times uniform over the span, authors by activity; probe authors post evenly.
    int probePosts = probeCount * spec.probeAuthorPosts();
    int total = spec.posts() + probePosts;
    long span = spec.spanMillis();
    long start = END_MILLIS - span;
    long[] time = new long[total];
    int[] author = new int[total];
    Zipf activity = new Zipf(users, spec.activityExponent(), random);
    for (int p = 0; p < spec.posts(); p++) {
      time[p] = start + (long) (random.nextDouble() * span);
      author[p] = activity.next(random);
    }
    for (int k = 0; k < probeCount; k++) {
      for (int i = 0; i < spec.probeAuthorPosts(); i++) {
        int p = spec.posts() + k * spec.probeAuthorPosts() + i;
        time[p] = start + (long) (random.nextDouble() * span);
        author[p] = probeAuthors[k];
      }
    }
    Integer[] byTime = new Integer[total];
    for (int i = 0; i < total; i++) {
      byTime[i] = i;
    }
    Arrays.sort(byTime, (a, b) -> Long.compare(time[a], time[b]));
    int[] postAuthor = new int[total];
    long[] postId = new long[total];
    long lastMillis = -1;
    long seq = 0;
    for (int i = 0; i < total; i++) {
      long millis = time[byTime[i]];
      seq = millis == lastMillis ? seq + 1 : 0;
      lastMillis = millis;
      postAuthor[i] = author[byTime[i]];
      postId[i] = ((millis - EPOCH_MILLIS) << TIME_SHIFT) | seq;
    }
    long[] userId = new long[accounts];
    long accountsFrom = start - 86_400_000L;
    for (int a = 0; a < accounts; a++) {
      userId[a] = ((accountsFrom - EPOCH_MILLIS + a / 1024) << TIME_SHIFT) | (a % 1024);
    }
    return new Graph(spec, accounts, followees, postAuthor, postId, readers, probeAuthors, userId);
  }

  /** The time a post id encodes. */
  static Instant instantOf(long id) {
    return Instant.ofEpochMilli(EPOCH_MILLIS + (id >>> TIME_SHIFT));
  }

  /** The id of the {@code i}th follow made by the loaders: dated between accounts and posts. */
  long followId(long i) {
    long from = END_MILLIS - spec().spanMillis() - 43_200_000L;
    return ((from - EPOCH_MILLIS + i / 4096) << TIME_SHIFT) | (i % 4096);
  }

  GraphSpec spec() {
    return spec;
  }

  /** The handle of an account. */
  String handle(int account) {
    return "user" + account;
  }

  /** The text of a post: deterministic, about 80 characters. */
  String text(int post) {
    return "Post "
        + post
        + " by @"
        + handle(postAuthor[post])
        + ": a generated message of a typical length for a short post.";
  }

  /** How many accounts follow each account. */
  int[] followerCounts() {
    int[] counts = new int[accounts];
    for (int[] list : followees) {
      for (int f : list) {
        counts[f]++;
      }
    }
    return counts;
  }

  /** The number of follows. */
  long follows() {
    long n = 0;
    for (int[] list : followees) {
      n += list.length;
    }
    return n;
  }

  private static int[] shuffled(int n, SplittableRandom random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static int[] appendSorted(int[] list, int value) {
    int[] out = Arrays.copyOf(list, list.length + 1);
    out[list.length] = value;
    Arrays.sort(out);
    return out;
  }

  /** A Zipf law over {@code [0, n)}, rank {@code r} given to account {@code order[r]}. */
  private static final class Zipf {
    private final double[] cumulative;
    private final int[] order;

    Zipf(int n, double exponent, SplittableRandom random) {
      this.order = shuffled(n, random);
      this.cumulative = new double[n];
      double sum = 0;
      for (int r = 0; r < n; r++) {
        sum += 1 / Math.pow(r + 1, exponent);
        cumulative[r] = sum;
      }
    }

    int next(SplittableRandom random) {
      double x = random.nextDouble() * cumulative[cumulative.length - 1];
      int r = Arrays.binarySearch(cumulative, x);
      return order[r >= 0 ? r : Math.min(cumulative.length - 1, -r - 1)];
    }

    /** {@code k} distinct accounts other than {@code self}, ascending. */
    int[] distinct(int k, int self, SplittableRandom random) {
      java.util.BitSet taken = new java.util.BitSet(order.length);
      int[] out = new int[k];
      int n = 0;
      while (n < k) {
        int a = next(random);
        if (a != self && !taken.get(a)) {
          taken.set(a);
          out[n++] = a;
        }
      }
      Arrays.sort(out);
      return out;
    }
  }
}
