package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.Feed;
import dev.feedkit.FeedException;
import dev.feedkit.HandleTakenException;
import dev.feedkit.InvalidFollowException;
import dev.feedkit.InvalidHandleException;
import dev.feedkit.InvalidPostException;
import dev.feedkit.NoSuchPostException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.NotAuthorException;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random operations, each checked against {@link ReferenceModel} as it happens. A
 * failure names the seed and the step; {@code -Dfeedkit.seed=S} replays that run exactly (and
 * {@code -Dfeedkit.steps=N} changes its length). Since every cell of the matrix is held to the
 * same model, a seed gives identical pages under every policy, with the cache on or off.
 *
 * <p>Two scenarios: a mixed one, and one built to stress materialized timelines: a celebrity far
 * above the hybrid threshold, a timeline cap of {@value #SMALL_CAP} so that readers page far past
 * it, and follows, unfollows and deletes that move authors across the threshold both ways.
 */
abstract class ModelCheckRules extends ContractGroup {

  /** The timeline cap of the celebrity scenario. */
  static final int SMALL_CAP = 4;

  private static final String[] NAMES = {
    "ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lou", "max",
    "ned", "oli", "pam", "quinn", "rex", "sam", "tom", "uma", "vic", "wes", "xia", "yan", "zoe"
  };

  ModelCheckRules(FeedStoreContract contract) {
    super(contract);
  }

  /** The operations a run is made of, and how often each comes. */
  enum Scenario {
    MIXED,
    CELEBRITY
  }

  @Test
  void fixedSeedMatchesTheModel() {
    run(
        Scenario.MIXED,
        feed(),
        Long.getLong("feedkit.seed", 20_260_101L),
        Integer.getInteger("feedkit.steps", 2_000));
  }

  @Test
  void freshSeedMatchesTheModel() {
    run(
        Scenario.MIXED,
        feed(),
        Long.getLong("feedkit.seed", new Random().nextLong()),
        Integer.getInteger("feedkit.steps", 2_000));
  }

  @Test
  void celebrityPastTheCapWithFixedSeedMatchesTheModel() {
    run(
        Scenario.CELEBRITY,
        extraFeed(store(), b -> b.timelineCap(SMALL_CAP)),
        Long.getLong("feedkit.seed", 20_260_102L),
        Integer.getInteger("feedkit.steps", 1_500));
  }

  @Test
  void celebrityPastTheCapWithFreshSeedMatchesTheModel() {
    run(
        Scenario.CELEBRITY,
        extraFeed(store(), b -> b.timelineCap(SMALL_CAP)),
        Long.getLong("feedkit.seed", new Random().nextLong()),
        Integer.getInteger("feedkit.steps", 1_500));
  }

  /** Runs {@code steps} random operations from {@code seed} on {@code feed}. */
  void run(Scenario scenario, Feed feed, long seed, int steps) {
    System.out.println(
        "model check ("
            + scenario
            + ", "
            + variant()
            + "): seed "
            + seed
            + ", "
            + steps
            + " steps");
    Run run = new Run(scenario, feed, new Random(seed));
    for (int step = 0; step < steps; step++) {
      try {
        run.step();
      } catch (Throwable failure) {
        throw new AssertionError(
            "model check failed at step "
                + step
                + " ("
                + run.lastOperation
                + ") with seed "
                + seed
                + "; replay with -Dfeedkit.seed="
                + seed
                + " -Dfeedkit.steps="
                + (step + 1),
            failure);
      }
    }
    run.checkEverything();
  }

  private final class Run {
    final Scenario scenario;
    final Feed feed;
    final Random random;
    final ReferenceModel model = new ReferenceModel();
    String lastOperation = "none";

    /** The celebrity of the celebrity scenario. */
    User star;

    Run(Scenario scenario, Feed feed, Random random) {
      this.scenario = scenario;
      this.feed = feed;
      this.random = random;
      if (scenario == Scenario.CELEBRITY) {
        star = feed.createUser("star", "Star");
        model.addUser(star);
        for (int i = 0; i < 15; i++) {
          User fan = feed.createUser("fan" + i, "Fan");
          model.addUser(fan);
          if (i < 12) {
            assertThat(feed.follow(fan.id(), star.id())).isTrue();
            model.follow(fan.id(), star.id());
          }
        }
      }
    }

    Feed feed() {
      return feed;
    }

    void step() {
      clock().advance(Duration.ofMillis(random.nextInt(5)));
      if (random.nextInt(200) == 0) {
        clock().advance(Duration.ofSeconds(-random.nextInt(30)));
      }
      if (scenario == Scenario.CELEBRITY) {
        celebrityStep();
        return;
      }
      int dice = random.nextInt(100);
      if (dice < 8 || model.users().size() < 3) {
        createUser();
      } else if (dice < 28) {
        follow();
      } else if (dice < 36) {
        unfollow();
      } else if (dice < 60) {
        post();
      } else if (dice < 66) {
        delete();
      } else if (dice < 82) {
        homePage();
      } else if (dice < 85) {
        homeWalk();
      } else if (dice < 90) {
        userTimeline();
      } else if (dice < 95) {
        counts();
      } else {
        connections();
      }
    }

    /**
     * The celebrity scenario: many posts by the star, follows and unfollows around the hybrid
     * threshold, now and then a rush of fans leaving or coming back, and deep paging.
     */
    void celebrityStep() {
      int dice = random.nextInt(100);
      if (dice < 2) {
        rush();
      } else if (dice < 14) {
        follow();
      } else if (dice < 24) {
        unfollow();
      } else if (dice < 36) {
        starPost();
      } else if (dice < 52) {
        post();
      } else if (dice < 58) {
        delete();
      } else if (dice < 78) {
        homePage();
      } else if (dice < 92) {
        homeWalk();
      } else if (dice < 96) {
        counts();
      } else {
        connections();
      }
    }

    /** Most fans leave the star, or most come back: the star crosses the threshold. */
    void rush() {
      boolean leave = model.followers(star.id()).size() >= FeedVariant.HYBRID_THRESHOLD;
      lastOperation = leave ? "rush away from the star" : "rush to the star";
      for (User user : model.users()) {
        if (user.equals(star) || random.nextInt(8) == 0) {
          continue;
        }
        if (leave) {
          assertThat(feed().unfollow(user.id(), star.id()))
              .isEqualTo(model.unfollow(user.id(), star.id()));
        } else {
          assertThat(feed().follow(user.id(), star.id()))
              .isEqualTo(model.follow(user.id(), star.id()));
        }
      }
    }

    void starPost() {
      lastOperation = "post(star)";
      Post post = feed().post(star.id(), "star " + random.nextInt());
      model.addPost(post);
    }

    void createUser() {
      String name = NAMES[random.nextInt(NAMES.length)];
      String handle =
          random.nextBoolean() ? name : name.toUpperCase(Locale.ROOT) + random.nextInt(3);
      if (random.nextInt(20) == 0) {
        String bad = random.nextBoolean() ? "x" : handle + "!";
        lastOperation = "createUser(" + bad + ")";
        assertThatThrownBy(() -> feed().createUser(bad, "Bad"))
            .isInstanceOf(InvalidHandleException.class);
        return;
      }
      lastOperation = "createUser(" + handle + ")";
      if (model.handleTaken(handle)) {
        assertThatThrownBy(() -> feed().createUser(handle, "Taken"))
            .isInstanceOf(HandleTakenException.class);
      } else {
        User user = feed().createUser(handle, "User " + handle);
        model.addUser(user);
        assertThat(feed().userByHandle(handle.toLowerCase(Locale.ROOT))).contains(user);
      }
    }

    UserId anyUser() {
      if (random.nextInt(40) == 0) {
        return UserId.of(1 + random.nextInt(1000));
      }
      List<User> users = model.users();
      return users.get(random.nextInt(users.size())).id();
    }

    void follow() {
      UserId a = anyUser();
      UserId b =
          random.nextInt(30) == 0
              ? a
              : star != null && random.nextInt(3) == 0 ? star.id() : anyUser();
      lastOperation = "follow(" + a + ", " + b + ")";
      if (a.equals(b)) {
        assertThatThrownBy(() -> feed().follow(a, b)).isInstanceOf(InvalidFollowException.class);
      } else if (!model.exists(a) || !model.exists(b)) {
        assertThatThrownBy(() -> feed().follow(a, b)).isInstanceOf(NoSuchUserException.class);
      } else {
        assertThat(feed().follow(a, b)).isEqualTo(model.follow(a, b));
      }
    }

    void unfollow() {
      UserId a = anyUser();
      UserId b = star != null && random.nextInt(3) == 0 ? star.id() : anyUser();
      lastOperation = "unfollow(" + a + ", " + b + ")";
      if (!model.exists(a) || !model.exists(b)) {
        assertThatThrownBy(() -> feed().unfollow(a, b)).isInstanceOf(NoSuchUserException.class);
      } else {
        assertThat(feed().unfollow(a, b)).isEqualTo(!a.equals(b) && model.unfollow(a, b));
      }
    }

    void post() {
      UserId author = anyUser();
      int kind = random.nextInt(20);
      String text = kind == 0 ? " \n " : kind == 1 ? "y".repeat(281) : "post " + random.nextInt();
      lastOperation = "post(" + author + ", " + text.length() + " chars)";
      if (!model.exists(author)) {
        assertThatThrownBy(() -> feed().post(author, text)).isInstanceOf(FeedException.class);
      } else if (kind < 2) {
        assertThatThrownBy(() -> feed().post(author, text))
            .isInstanceOf(InvalidPostException.class);
      } else {
        Post post = feed().post(author, text);
        assertThat(post.text()).isEqualTo(text);
        model.addPost(post);
      }
    }

    PostId anyPostId() {
      List<Post> posts = model.allPosts();
      if (posts.isEmpty() || random.nextInt(10) == 0) {
        return PostId.of(1 + random.nextInt(1_000_000));
      }
      return posts.get(random.nextInt(posts.size())).id();
    }

    void delete() {
      PostId id = anyPostId();
      var post = model.post(id);
      UserId actor = post.isPresent() && random.nextInt(5) > 0 ? post.get().author() : anyUser();
      lastOperation = "delete(" + actor + ", " + id + ")";
      if (post.isEmpty()) {
        assertThatThrownBy(() -> feed().delete(actor, id)).isInstanceOf(NoSuchPostException.class);
      } else if (!post.get().author().equals(actor)) {
        assertThatThrownBy(() -> feed().delete(actor, id)).isInstanceOf(NotAuthorException.class);
      } else {
        feed().delete(actor, id);
        model.delete(id);
      }
      assertThat(feed().postById(id)).isEqualTo(model.post(id));
    }

    PageRequest anyRequest() {
      int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 40);
      List<Post> posts = model.allPosts();
      PageRequest request =
          posts.isEmpty() || random.nextBoolean()
              ? PageRequest.first(limit)
              : PageRequest.olderThan(
                  posts.get(random.nextInt(posts.size())).id().value() + random.nextInt(2), limit);
      if (!posts.isEmpty() && random.nextInt(6) == 0) {
        request = request.newerThan(posts.get(random.nextInt(posts.size())).id().value());
      } else if (random.nextInt(5) == 0) {
        long minId =
            posts.isEmpty() || random.nextInt(3) == 0
                ? 1
                : posts.get(random.nextInt(posts.size())).id().value();
        request = request.justAbove(minId);
      }
      return request;
    }

    void homePage() {
      UserId user = model.users().get(random.nextInt(model.users().size())).id();
      PageRequest request = anyRequest();
      lastOperation = "homeTimeline(" + user + ", " + request + ")";
      feed().awaitFanout();
      Page<Post> page = feed().homeTimeline(user, request);
      checkPage(
          page, model.home(user, request.before(), request.after(), Integer.MAX_VALUE), request);
    }

    void homeWalk() {
      UserId user = model.users().get(random.nextInt(model.users().size())).id();
      int limit = 1 + random.nextInt(scenario == Scenario.CELEBRITY ? 6 : 30);
      lastOperation = "walk homeTimeline(" + user + ", limit " + limit + ")";
      feed().awaitFanout();
      List<Post> expected = model.home(user, Long.MAX_VALUE, 0, Integer.MAX_VALUE);
      assertThat(walk(p -> feed().homeTimeline(user, p), PageRequest.first(limit)))
          .containsExactlyElementsOf(expected);
      lastOperation = "walk homeTimeline(" + user + ", limit " + limit + ") upwards";
      assertThat(walkUp(p -> feed().homeTimeline(user, p), PageRequest.first(limit).justAbove(1)))
          .containsExactlyElementsOf(expected);
    }

    void userTimeline() {
      UserId user = anyUser();
      PageRequest request = anyRequest();
      lastOperation = "userTimeline(" + user + ", " + request + ")";
      if (!model.exists(user)) {
        assertThatThrownBy(() -> feed().userTimeline(user, request))
            .isInstanceOf(NoSuchUserException.class);
        return;
      }
      checkPage(
          feed().userTimeline(user, request),
          model.byAuthor(user, request.before(), request.after(), Integer.MAX_VALUE),
          request);
    }

    /**
     * Checks a page against every entry in its range, newest first: it holds the newest of them,
     * or the oldest for a request that takes the oldest, and has a next page if there are more.
     */
    void checkPage(Page<Post> page, List<Post> inRange, PageRequest request) {
      int limit = request.limit();
      boolean more = inRange.size() > limit;
      List<Post> expected =
          !more
              ? inRange
              : request.takesOldest()
                  ? inRange.subList(inRange.size() - limit, inRange.size())
                  : inRange.subList(0, limit);
      assertThat(page.items()).containsExactlyElementsOf(expected);
      assertThat(page.hasNext()).isEqualTo(more);
    }

    void counts() {
      UserId user = anyUser();
      lastOperation = "counts(" + user + ")";
      if (!model.exists(user)) {
        assertThatThrownBy(() -> feed().counts(user)).isInstanceOf(NoSuchUserException.class);
      } else {
        assertThat(feed().counts(user)).isEqualTo(model.counts(user));
      }
    }

    void connections() {
      UserId user = model.users().get(random.nextInt(model.users().size())).id();
      UserId other = anyUser();
      int limit = 1 + random.nextInt(10);
      lastOperation = "followers/following(" + user + ", limit " + limit + ")";
      assertThat(walk(p -> feed().followers(user, p), PageRequest.first(limit)))
          .extracting(User::id)
          .containsExactlyElementsOf(model.followers(user));
      assertThat(walk(p -> feed().following(user, p), PageRequest.first(limit)))
          .extracting(User::id)
          .containsExactlyElementsOf(model.following(user));
      assertThat(walkUp(p -> feed().followers(user, p), PageRequest.first(limit).justAbove(1)))
          .extracting(User::id)
          .containsExactlyElementsOf(model.followers(user));
      assertThat(walkUp(p -> feed().following(user, p), PageRequest.first(limit).justAbove(1)))
          .extracting(User::id)
          .containsExactlyElementsOf(model.following(user));
      assertThat(feed().isFollowing(user, other)).isEqualTo(model.isFollowing(user, other));
    }

    /** The final state, read in full for every user. */
    void checkEverything() {
      lastOperation = "final check";
      feed().awaitFanout();
      for (User user : model.users()) {
        assertThat(feed().user(user.id())).contains(user);
        assertThat(feed().counts(user.id())).isEqualTo(model.counts(user.id()));
        assertThat(walk(p -> feed().homeTimeline(user.id(), p), PageRequest.first(200)))
            .containsExactlyElementsOf(model.home(user.id(), Long.MAX_VALUE, 0, Integer.MAX_VALUE));
      }
    }
  }
}
