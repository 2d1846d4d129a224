package dev.feedkit.contract;

import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.TimelineStore;
import dev.feedkit.spi.UserStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store that passes every call to a real one and records it, as {@code "part.method [args]"}:
 * what the engine sent to the store can then be checked, such as that no secret ever reached it.
 */
final class RecordingStore {

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final FeedStore store;

  RecordingStore(FeedStore target) {
    Map<String, Object> parts =
        Map.of(
            "users", record("users", UserStore.class, target.users()),
            "follows", record("follows", FollowStore.class, target.follows()),
            "posts", record("posts", PostStore.class, target.posts()),
            "timelines", record("timelines", TimelineStore.class, target.timelines()),
            "accounts", record("accounts", AccountStore.class, target.accounts()));
    this.store =
        (FeedStore)
            Proxy.newProxyInstance(
                FeedStore.class.getClassLoader(),
                new Class<?>[] {FeedStore.class},
                (proxy, method, args) -> {
                  Object part = parts.get(method.getName());
                  return part != null ? part : invoke(target, method, args);
                });
  }

  /** The recording store. */
  FeedStore store() {
    return store;
  }

  /** Every call so far, in order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** Forgets the calls so far. */
  void clear() {
    calls.clear();
  }

  private <T> T record(String name, Class<T> type, T target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          calls.add(name + "." + method.getName() + " " + Arrays.deepToString(args));
          return invoke(target, method, args);
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
