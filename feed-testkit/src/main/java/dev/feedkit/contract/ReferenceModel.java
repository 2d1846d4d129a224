package dev.feedkit.contract;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The obviously-correct feed: plain maps, and every timeline computed by filtering all posts and
 * sorting them. Slow, single-threaded, and the definition that the randomized check holds every
 * store and policy to. It takes ids from the feed under test rather than making its own.
 */
final class ReferenceModel {

  private final Map<UserId, User> users = new LinkedHashMap<>();
  private final Map<String, UserId> handles = new HashMap<>();

  /** follower → (followee → order of the follow). */
  private final Map<UserId, Map<UserId, Long>> follows = new HashMap<>();

  private final TreeMap<Long, Post> posts = new TreeMap<>(Comparator.reverseOrder());
  private long followSequence;

  boolean handleTaken(String handle) {
    return handles.containsKey(handle.toLowerCase(Locale.ROOT));
  }

  void addUser(User user) {
    users.put(user.id(), user);
    handles.put(user.handle().toLowerCase(Locale.ROOT), user.id());
    follows.put(user.id(), new HashMap<>());
  }

  boolean exists(UserId id) {
    return users.containsKey(id);
  }

  Optional<User> byHandle(String handle) {
    return Optional.ofNullable(handles.get(handle.toLowerCase(Locale.ROOT))).map(users::get);
  }

  List<User> users() {
    return new ArrayList<>(users.values());
  }

  /** Returns whether a new follow was made. */
  boolean follow(UserId follower, UserId followee) {
    return follows.get(follower).putIfAbsent(followee, ++followSequence) == null;
  }

  boolean unfollow(UserId follower, UserId followee) {
    return follows.get(follower).remove(followee) != null;
  }

  boolean isFollowing(UserId follower, UserId followee) {
    return follows.containsKey(follower) && follows.get(follower).containsKey(followee);
  }

  void addPost(Post post) {
    posts.put(post.id().value(), post);
  }

  Optional<Post> post(PostId id) {
    return Optional.ofNullable(posts.get(id.value()));
  }

  void delete(PostId id) {
    posts.remove(id.value());
  }

  List<Post> allPosts() {
    return new ArrayList<>(posts.values());
  }

  /** Home(U): every post by U or someone U follows now, newest first, in the cursor range. */
  List<Post> home(UserId user, long before, long after, int limit) {
    Map<UserId, Long> followees = follows.get(user);
    return posts.values().stream()
        .filter(p -> p.author().equals(user) || followees.containsKey(p.author()))
        .filter(p -> p.id().value() < before && p.id().value() > after)
        .limit(limit)
        .toList();
  }

  List<Post> byAuthor(UserId author, long before, long after, int limit) {
    return posts.values().stream()
        .filter(p -> p.author().equals(author))
        .filter(p -> p.id().value() < before && p.id().value() > after)
        .limit(limit)
        .toList();
  }

  /** Followees of {@code user}, most recent follow first. */
  List<UserId> following(UserId user) {
    return follows.get(user).entrySet().stream()
        .sorted(Map.Entry.<UserId, Long>comparingByValue().reversed())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Followers of {@code user}, most recent follow first. */
  List<UserId> followers(UserId user) {
    List<Map.Entry<UserId, Long>> entries = new ArrayList<>();
    follows.forEach(
        (follower, followees) -> {
          Long order = followees.get(user);
          if (order != null) {
            entries.add(Map.entry(follower, order));
          }
        });
    entries.sort(Map.Entry.<UserId, Long>comparingByValue().reversed());
    return entries.stream().map(Map.Entry::getKey).toList();
  }

  UserCounts counts(UserId user) {
    long postCount = posts.values().stream().filter(p -> p.author().equals(user)).count();
    return new UserCounts(followers(user).size(), follows.get(user).size(), postCount);
  }
}
