package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.HandleTakenException;
import dev.feedkit.NoSuchPostException;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads writing at once. Afterwards nothing acknowledged is lost, nothing refused is kept,
 * and every counter equals the rows it counts.
 */
abstract class ConcurrencyRules extends ContractGroup {

  private static final int THREADS = 8;

  ConcurrencyRules(FeedStoreContract contract) {
    super(contract);
  }

  /** Runs {@code task} on {@link #THREADS} threads released at the same instant. */
  private <T> List<T> race(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void mixedWritesLoseNothingAndCountExactly() throws Exception {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      users.add(user("user" + i));
    }
    Queue<Post> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicInteger threadSeed = new AtomicInteger();
    long seed = new Random().nextLong();

    race(
        () -> {
          Random random = new Random(seed + threadSeed.incrementAndGet());
          for (int i = 0; i < 150; i++) {
            User a = users.get(random.nextInt(users.size()));
            User b = users.get(random.nextInt(users.size()));
            int dice = random.nextInt(10);
            if (dice < 5) {
              acknowledged.add(feed().post(a.id(), "from " + a.handle() + " #" + i));
            } else if (dice < 8 && !a.equals(b)) {
              feed().follow(a.id(), b.id());
            } else if (!a.equals(b)) {
              feed().unfollow(a.id(), b.id());
            }
          }
          return null;
        });
    feed().awaitFanout();

    Map<UserId, Set<UserId>> following = new ConcurrentHashMap<>();
    long followerTotal = 0;
    for (User user : users) {
      List<User> followees = walk(p -> feed().following(user.id(), p), PageRequest.first(7));
      List<User> followers = walk(p -> feed().followers(user.id(), p), PageRequest.first(7));
      Set<UserId> followeeIds = new HashSet<>(followees.stream().map(User::id).toList());
      assertThat(followeeIds).hasSize(followees.size());
      following.put(user.id(), followeeIds);
      followerTotal += followers.size();
      List<Post> posts = walk(p -> feed().userTimeline(user.id(), p), PageRequest.first(50));
      List<Post> mine =
          acknowledged.stream()
              .filter(p -> p.author().equals(user.id()))
              .sorted(Comparator.comparing(Post::id).reversed())
              .toList();
      assertThat(posts).as("posts of " + user.handle()).containsExactlyElementsOf(mine);
      assertThat(feed().counts(user.id()))
          .as("counts of " + user.handle())
          .isEqualTo(new UserCounts(followers.size(), followees.size(), mine.size()));
      for (User follower : followers) {
        assertThat(feed().isFollowing(follower.id(), user.id())).isTrue();
      }
    }
    long followingTotal = following.values().stream().mapToLong(Set::size).sum();
    assertThat(followerTotal).isEqualTo(followingTotal);
    for (User user : users) {
      Set<UserId> followees = following.get(user.id());
      List<PostId> expectedHome =
          acknowledged.stream()
              .filter(p -> p.author().equals(user.id()) || followees.contains(p.author()))
              .map(Post::id)
              .sorted(Comparator.reverseOrder())
              .toList();
      assertThat(home(user)).as("home of " + user.handle()).containsExactlyElementsOf(expectedHome);
    }
  }

  @Test
  void racingFollowsOfOnePairMakeOneFollow() throws Exception {
    User alice = user("alice");
    User bob = user("bob");

    List<Boolean> made = race(() -> feed().follow(alice.id(), bob.id()));
    assertThat(made).containsOnlyOnce(true);
    assertThat(feed().counts(bob.id()).followers()).isEqualTo(1);
    assertThat(feed().counts(alice.id()).following()).isEqualTo(1);

    List<Boolean> ended = race(() -> feed().unfollow(alice.id(), bob.id()));
    assertThat(ended).containsOnlyOnce(true);
    assertThat(feed().counts(bob.id())).isEqualTo(UserCounts.ZERO);
    assertThat(feed().counts(alice.id())).isEqualTo(UserCounts.ZERO);
  }

  @Test
  void racingSignUpsOfOneHandleMakeOneUser() throws Exception {
    AtomicInteger n = new AtomicInteger();
    List<String> outcomes =
        race(
            () -> {
              String handle = n.incrementAndGet() % 2 == 0 ? "Racer" : "rAcEr";
              try {
                feed().createUser(handle, "Racer");
                return "created";
              } catch (HandleTakenException e) {
                return "taken";
              }
            });

    assertThat(outcomes).containsOnlyOnce("created");
    assertThat(feed().searchUsers("racer", 10)).hasSize(1);
  }

  @Test
  void racingDeletesOfOnePostDeleteOnce() throws Exception {
    User alice = user("alice");
    Post post = post(alice, "delete me");

    List<String> outcomes =
        race(
            () -> {
              try {
                feed().delete(alice.id(), post.id());
                return "deleted";
              } catch (NoSuchPostException e) {
                return "gone";
              }
            });

    assertThat(outcomes).containsOnlyOnce("deleted");
    assertThat(feed().counts(alice.id()).posts()).isZero();
  }
}
