package dev.feedkit.example;

import static dev.feedkit.example.TestServer.bearer;
import static dev.feedkit.example.TestServer.json;
import static dev.feedkit.example.TestServer.newHandle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.CacheConfig;
import dev.feedkit.Feed;
import dev.feedkit.Post;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.example.web.ServerConfig;
import dev.feedkit.memory.InMemoryFeedStore;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.TimelineStore;
import dev.feedkit.spi.UserStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What one request costs in store calls: a page of 40 posts by 40 authors (or 40 accounts) must
 * cost no more than a page of 40 posts by one author (or one account), since every list is mapped
 * with the feed's batch reads. Calls are counted by a wrapper around the store's parts, while no
 * background work runs (fan-out is awaited before each request; the job queue is not counted).
 */
class StoreCallsPerPageTest {

  private static final int PAGE = 40;

  private CountingStore store;
  private TestServer app;
  private Feed feed;

  @BeforeEach
  void start() {
    store = new CountingStore(new InMemoryFeedStore());
    feed =
        Feed.builder()
            .store(store.store())
            .accounts(TestFeeds.ACCOUNTS)
            .cache(CacheConfig.defaults())
            .build();
    app = TestServer.start(ServerConfig.ephemeral(), feed);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  /** A reader, signed up through the API, who follows {@code authors} with 40 posts among them. */
  private String readerOfPostsBy(int authors) {
    String token = app.signUp(newHandle("reader"));
    UserId reader = UserId.of(Long.parseLong(app.accountId(token)));
    List<User> followed = new ArrayList<>();
    for (int i = 0; i < authors; i++) {
      User author = feed.createUser(newHandle("author"), "Author " + i);
      feed.follow(reader, author.id());
      followed.add(author);
    }
    for (int i = 0; i < PAGE; i++) {
      feed.post(followed.get(i % authors).id(), "post " + i);
    }
    feed.awaitFanout();
    return token;
  }

  /** The store calls made while answering {@code request}, which must succeed. */
  private List<String> callsOf(Supplier<HttpResponse<String>> request) {
    feed.awaitFanout();
    store.clear();
    HttpResponse<String> response = request.get();
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return store.calls();
  }

  private HttpResponse<String> apiHome(String token) {
    return app.get("/api/v1/timelines/home?limit=" + PAGE, "Authorization", bearer(token));
  }

  @Test
  void apiHomePageCostsTheSameForFortyAuthorsAsForOne() {
    String ofOne = readerOfPostsBy(1);
    String ofForty = readerOfPostsBy(PAGE);

    // Cold: nothing of either page is cached yet (its authors were never read).
    List<String> coldOne = callsOf(() -> apiHome(ofOne));
    List<String> coldForty = callsOf(() -> apiHome(ofForty));
    // Warm: the same pages again.
    List<String> warmOne = callsOf(() -> apiHome(ofOne));
    List<String> warmForty = callsOf(() -> apiHome(ofForty));

    assertThat(json(apiHome(ofForty))).hasSize(PAGE);
    assertThat(coldForty)
        .as("cold page of 40 authors, against 1: %s", coldOne)
        .hasSameSizeAs(coldOne);
    assertThat(warmForty)
        .as("warm page of 40 authors, against 1: %s", warmOne)
        .hasSameSizeAs(warmOne);
    assertThat(coldForty).as("no single-user reads").noneMatch(StoreCallsPerPageTest::singleUser);
    assertThat(warmForty)
        .filteredOn(call -> call.startsWith("users.counts "))
        .as("one batch of counts")
        .hasSize(1);
    assertThat(warmForty.size())
        .as("a constant number of calls: %s", warmForty)
        .isLessThanOrEqualTo(4);
  }

  /** Whether a call reads one user or one user's counts. */
  private static boolean singleUser(String call) {
    return call.equals("users.findById [UserId]") || call.equals("users.counts [UserId]");
  }

  @Test
  void htmlHomePageCostsTheSameForFortyAuthorsAsForOne() {
    String ofOne = readerOfPostsBy(1);
    String ofForty = readerOfPostsBy(PAGE);

    List<String> one = callsOf(() -> app.get("/", "Cookie", "feedkit_session=" + ofOne));
    List<String> forty = callsOf(() -> app.get("/", "Cookie", "feedkit_session=" + ofForty));

    assertThat(forty).as("page of 40 authors, against 1: %s", one).hasSameSizeAs(one);
    assertThat(forty)
        .as("the authors in one batch")
        .anyMatch(call -> call.startsWith("users.findByIds "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"followers", "following"})
  void accountListsCostTheSameForFortyAccountsAsForOne(String which) {
    UserId fewest = listWith(1, which);
    UserId most = listWith(PAGE, which);

    List<String> one = callsOf(() -> accountList(fewest, which));
    List<String> forty = callsOf(() -> accountList(most, which));

    assertThat(json(accountList(most, which))).hasSize(PAGE);
    assertThat(forty).as("list of 40 accounts, against 1: %s", one).hasSameSizeAs(one);
    assertThat(forty)
        .as("their counts in one batch")
        .filteredOn(call -> call.startsWith("users.counts "))
        .containsExactly("users.counts [UnmodifiableSet]");
  }

  private HttpResponse<String> accountList(UserId user, String which) {
    return app.get("/api/v1/accounts/" + user + "/" + which + "?limit=" + PAGE);
  }

  /** A user with {@code size} followers or followees. */
  private UserId listWith(int size, String which) {
    User user = feed.createUser(newHandle("listed"), "Listed");
    for (int i = 0; i < size; i++) {
      User other = feed.createUser(newHandle("other"), "Other " + i);
      if (which.equals("followers")) {
        feed.follow(other.id(), user.id());
      } else {
        feed.follow(user.id(), other.id());
      }
    }
    return user.id();
  }

  @Test
  void minIdCostsTheSameHoweverWideTheGapBelowIt() {
    String token = app.signUp(newHandle("reader"));
    UserId reader = UserId.of(Long.parseLong(app.accountId(token)));
    User author = feed.createUser(newHandle("prolific"), "Prolific");
    feed.follow(reader, author.id());
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      posts.add(feed.post(author.id(), "post " + i));
    }
    String wide = "?limit=5&min_id=" + posts.get(0).id();
    String narrow = "?limit=5&min_id=" + posts.get(990).id();
    // Still below the home timeline's cap of 800, where the author's posts are read instead.
    String pastTheCap = "?limit=5&min_id=" + posts.get(100).id();
    String statuses = "/api/v1/accounts/" + author.id() + "/statuses";
    String home = "/api/v1/timelines/home";
    // Warm: the author, the reader and the followees cached, so that only the reads differ.
    callsOf(() -> app.get(statuses + narrow));
    callsOf(() -> app.get(home + pastTheCap, "Authorization", bearer(token)));

    List<String> wideStatuses = callsOf(() -> app.get(statuses + wide));
    List<String> narrowStatuses = callsOf(() -> app.get(statuses + narrow));
    List<String> wideHome = callsOf(() -> app.get(home + wide, "Authorization", bearer(token)));
    List<String> narrowHome =
        callsOf(() -> app.get(home + pastTheCap, "Authorization", bearer(token)));

    List<String> shown = new ArrayList<>();
    json(app.get(statuses + wide)).forEach(status -> shown.add(status.get("id").asText()));
    assertThat(shown)
        .containsExactly(
            posts.get(5).id().toString(),
            posts.get(4).id().toString(),
            posts.get(3).id().toString(),
            posts.get(2).id().toString(),
            posts.get(1).id().toString());
    assertThat(wideStatuses)
        .as("a gap of 999 posts, against 9: %s", narrowStatuses)
        .hasSameSizeAs(narrowStatuses);
    assertThat(wideHome)
        .as("a gap of 999 posts, against 899: %s", narrowHome)
        .hasSameSizeAs(narrowHome);
  }

  @Test
  void searchCostsTheSameForFortyAccountsAsForOne() {
    feed.createUser("lonely_one", "Lonely");
    for (int i = 0; i < PAGE; i++) {
      feed.createUser("crowd_" + i, "Crowd " + i);
    }

    List<String> one = callsOf(() -> app.get("/api/v1/accounts/search?q=lonely&limit=40"));
    List<String> forty = callsOf(() -> app.get("/api/v1/accounts/search?q=crowd&limit=40"));

    assertThat(json(app.get("/api/v1/accounts/search?q=crowd&limit=40"))).hasSize(PAGE);
    assertThat(forty).as("40 accounts found, against 1: %s", one).hasSameSizeAs(one);
    assertThat(forty).noneMatch(StoreCallsPerPageTest::singleUser);
  }

  @Test
  void relationshipsAndFollowedSearchCostTheSameForFortyAccountsAsForOne() {
    String token = app.signUp(newHandle("viewer"));
    UserId viewer = UserId.of(Long.parseLong(app.accountId(token)));
    List<User> others = new ArrayList<>();
    for (int i = 0; i < PAGE; i++) {
      User other = feed.createUser("crowd_" + i, "Crowd " + i);
      feed.follow(viewer, other.id());
      others.add(other);
    }
    feed.follow(viewer, feed.createUser("lonely_one", "Lonely").id());
    StringBuilder all = new StringBuilder("/api/v1/accounts/relationships?");
    for (User other : others) {
      all.append("id[]=").append(other.id()).append('&');
    }
    String oneId = "/api/v1/accounts/relationships?id[]=" + others.get(0).id();

    List<String> one = callsOf(() -> app.get(oneId, "Authorization", bearer(token)));
    List<String> forty = callsOf(() -> app.get(all.toString(), "Authorization", bearer(token)));
    String search = "/api/v1/accounts/search?following=true&limit=40&q=";
    List<String> searchOne =
        callsOf(() -> app.get(search + "lonely", "Authorization", bearer(token)));
    List<String> searchForty =
        callsOf(() -> app.get(search + "crowd", "Authorization", bearer(token)));

    assertThat(json(app.get(all.toString(), "Authorization", bearer(token)))).hasSize(PAGE);
    assertThat(forty).as("40 relationships, against 1: %s", one).hasSameSizeAs(one);
    assertThat(forty)
        .as("one batch of follow states")
        .filteredOn(call -> call.startsWith("follows."))
        .hasSize(1);
    assertThat(json(app.get(search + "crowd", "Authorization", bearer(token)))).hasSize(PAGE);
    assertThat(searchForty)
        .as("40 followed found, against 1: %s", searchOne)
        .hasSameSizeAs(searchOne);
  }

  @Test
  void accountStatusesCostAConstantNumberOfCalls() {
    User author = feed.createUser(newHandle("prolific"), "Prolific");
    for (int i = 0; i < PAGE; i++) {
      feed.post(author.id(), "post " + i);
    }
    String path = "/api/v1/accounts/" + author.id() + "/statuses?limit=" + PAGE;

    List<String> calls = callsOf(() -> app.get(path));

    assertThat(json(app.get(path))).hasSize(PAGE);
    assertThat(calls).filteredOn(call -> call.startsWith("users.counts")).hasSize(1);
    assertThat(calls.size()).as("%s", calls).isLessThanOrEqualTo(4);
  }

  /**
   * A store that passes every call to a real one and records {@code "part.method"} with the
   * arguments' types, except the job queue's, which background workers poll at their own pace.
   */
  static final class CountingStore {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final FeedStore store;

    CountingStore(FeedStore target) {
      UserStore users = counted("users", UserStore.class, target.users());
      FollowStore follows = counted("follows", FollowStore.class, target.follows());
      PostStore posts = counted("posts", PostStore.class, target.posts());
      TimelineStore timelines = counted("timelines", TimelineStore.class, target.timelines());
      AccountStore accounts = counted("accounts", AccountStore.class, target.accounts());
      JobQueue jobs = target.jobs();
      this.store =
          (FeedStore)
              Proxy.newProxyInstance(
                  FeedStore.class.getClassLoader(),
                  new Class<?>[] {FeedStore.class},
                  (proxy, method, args) ->
                      switch (method.getName()) {
                        case "users" -> users;
                        case "follows" -> follows;
                        case "posts" -> posts;
                        case "timelines" -> timelines;
                        case "accounts" -> accounts;
                        case "jobs" -> jobs;
                        default -> invoke(target, method, args);
                      });
    }

    FeedStore store() {
      return store;
    }

    List<String> calls() {
      return List.copyOf(calls);
    }

    void clear() {
      calls.clear();
    }

    private <T> T counted(String part, Class<T> type, T target) {
      return type.cast(
          Proxy.newProxyInstance(
              type.getClassLoader(),
              new Class<?>[] {type},
              (proxy, method, args) -> {
                StringBuilder call = new StringBuilder(part).append('.').append(method.getName());
                call.append(' ')
                    .append(
                        args == null
                            ? "()"
                            : Arrays.stream(args)
                                .map(a -> a == null ? "null" : a.getClass().getSimpleName())
                                .toList());
                calls.add(call.toString());
                return invoke(target, method, args);
              }));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
