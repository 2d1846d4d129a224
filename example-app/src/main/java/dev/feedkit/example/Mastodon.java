package dev.feedkit.example;

import dev.feedkit.Feed;
import dev.feedkit.Post;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import dev.feedkit.example.MastodonEntities.Account;
import dev.feedkit.example.MastodonEntities.Source;
import dev.feedkit.example.MastodonEntities.Status;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes Mastodon entities from feedkit values for one request: absolute URLs from the origin the
 * client used, and each author's account looked up once however many of their posts are listed.
 */
final class Mastodon {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Feed feed;
  private final String base;
  private final Map<UserId, Optional<Account>> accounts = new HashMap<>();

  Mastodon(Feed feed, String base) {
    this.feed = feed;
    this.base = base;
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  Account account(User user) {
    return account(user, null);
  }

  Account credentialAccount(User user) {
    return account(user, new Source("public", false, null, "", List.of(), 0));
  }

  private Account account(User user, Source source) {
    UserCounts counts = feed.counts(user.id());
    String url = base + "/users/" + user.handle();
    String avatar = base + "/static/avatar.png";
    String header = base + "/static/header.png";
    return new Account(user.id().toString(), user.handle(), user.handle(), user.displayName(),
        false, false, true, false, time(user.createdAt()), "", url, url, avatar, avatar, header,
        header, counts.followers(), counts.following(), counts.posts(), null, List.of(), List.of(),
        source);
  }

  /** The statuses whose authors still exist, in order. */
  List<Status> statuses(List<Post> posts, Optional<UserId> viewer) {
    List<Status> statuses = new ArrayList<>(posts.size());
    for (Post post : posts) {
      authorOf(post).ifPresent(author -> statuses.add(status(post, author, viewer, false)));
    }
    return statuses;
  }

  /**
   * One status.
   *
   * @param withText whether to include the plain {@code text}, as Mastodon does for a deleted
   *     status so that clients can offer to redraft it
   */
  Status status(Post post, Optional<UserId> viewer, boolean withText) {
    Account author = authorOf(post).orElseThrow(() ->
        HttpError.notFound("the author of status " + post.id() + " no longer exists"));
    return status(post, author, viewer, withText);
  }

  private Status status(Post post, Account author, Optional<UserId> viewer, boolean withText) {
    String url = base + "/posts/" + post.id();
    Boolean no = viewer.isPresent() ? Boolean.FALSE : null;
    return new Status(post.id().toString(), url, url, time(post.createdAt()), author,
        StatusContent.html(post.text()), "public", false, "", List.of(), null, List.of(),
        List.of(), List.of(), 0, 0, 0, null, null, null, null, null, null, null,
        withText ? post.text() : null, no, no, no, no, no);
  }

  private Optional<Account> authorOf(Post post) {
    return accounts.computeIfAbsent(post.author(), id -> feed.user(id).map(this::account));
  }
}
