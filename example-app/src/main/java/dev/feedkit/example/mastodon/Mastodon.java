package dev.feedkit.example.mastodon;

import dev.feedkit.Feed;
import dev.feedkit.Post;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import dev.feedkit.example.mastodon.MastodonEntities.Account;
import dev.feedkit.example.mastodon.MastodonEntities.Source;
import dev.feedkit.example.mastodon.MastodonEntities.Status;
import dev.feedkit.example.web.Authors;
import dev.feedkit.example.web.HttpError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes Mastodon entities from feedkit values for one request: absolute URLs from the origin the
 * client used, and each author's account looked up once however many of their posts are listed.
 * A list is mapped with the feed's batch reads ({@link Feed#users}, {@link Feed#counts}), so a
 * page costs the same few store calls however many authors or accounts it shows.
 */
final class Mastodon {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Feed feed;
  private final String base;

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

  /** The accounts of these users, in order, with their counts read in one batch. */
  List<Account> accounts(List<User> users) {
    Map<UserId, Account> byId = accountsOf(users);
    List<Account> accounts = new ArrayList<>(users.size());
    for (User user : users) {
      Account account = byId.get(user.id());
      if (account != null) {
        accounts.add(account);
      }
    }
    return accounts;
  }

  /** The accounts of these users by id, their counts read in one batch; none for one gone. */
  private Map<UserId, Account> accountsOf(Collection<User> users) {
    Map<UserId, UserCounts> counts = feed.counts(users.stream().map(User::id).toList());
    Map<UserId, Account> accounts = new HashMap<>();
    for (User user : users) {
      UserCounts c = counts.get(user.id());
      if (c != null) {
        accounts.put(user.id(), account(user, c, null));
      }
    }
    return accounts;
  }

  private Account account(User user, Source source) {
    return account(user, feed.counts(user.id()), source);
  }

  private Account account(User user, UserCounts counts, Source source) {
    String url = base + "/users/" + user.handle();
    String avatar = base + "/static/avatar.png";
    String header = base + "/static/header.png";
    return new Account(
        user.id().toString(),
        user.handle(),
        user.handle(),
        user.displayName(),
        false,
        false,
        true,
        false,
        time(user.createdAt()),
        "",
        url,
        url,
        avatar,
        avatar,
        header,
        header,
        counts.followers(),
        counts.following(),
        counts.posts(),
        null,
        List.of(),
        List.of(),
        source);
  }

  /** The statuses whose authors still exist, in order. */
  List<Status> statuses(List<Post> posts, Optional<UserId> viewer) {
    Map<UserId, Account> authors = accountsOf(Authors.of(feed, posts, Optional.empty()).values());
    List<Status> statuses = new ArrayList<>(posts.size());
    for (Post post : posts) {
      Account author = authors.get(post.author());
      if (author != null) {
        statuses.add(status(post, author, viewer, false));
      }
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
    Account author =
        feed.user(post.author())
            .map(this::account)
            .orElseThrow(
                () ->
                    HttpError.notFound("the author of status " + post.id() + " no longer exists"));
    return status(post, author, viewer, withText);
  }

  private Status status(Post post, Account author, Optional<UserId> viewer, boolean withText) {
    String url = base + "/posts/" + post.id();
    Boolean no = viewer.isPresent() ? Boolean.FALSE : null;
    return new Status(
        post.id().toString(),
        url,
        url,
        time(post.createdAt()),
        author,
        StatusContent.html(post.text()),
        "public",
        false,
        "",
        List.of(),
        null,
        List.of(),
        List.of(),
        List.of(),
        0,
        0,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        withText ? post.text() : null,
        no,
        no,
        no,
        no,
        no);
  }
}
