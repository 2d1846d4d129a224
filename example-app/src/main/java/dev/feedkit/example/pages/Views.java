package dev.feedkit.example.pages;

import dev.feedkit.Post;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the page templates show: plain records of strings, made from feedkit's values. */
final class Views {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_YEAR =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private Views() {}

  /** A user as the pages show one; {@code hue} picks one of eight avatar colours. */
  record UserView(String id, String handle, String displayName, String initial, int hue) {}

  /** A post with its author. */
  record PostView(
      String id,
      String text,
      String iso,
      String ago,
      String exact,
      UserView author,
      boolean mine) {}

  /** A user's counts. */
  record CountsView(long followers, long following, long posts) {}

  static UserView user(User user) {
    String name = user.displayName();
    String initial = new String(Character.toChars(name.codePointAt(0))).toUpperCase(Locale.ROOT);
    int hue = Math.floorMod(Long.hashCode(user.id().value() * 0x9E3779B97F4A7C15L), 8);
    return new UserView(user.id().toString(), user.handle(), name, initial, hue);
  }

  static PostView post(Post post, User author, boolean mine, Clock clock) {
    Instant at = post.createdAt();
    return new PostView(
        post.id().toString(),
        post.text(),
        at.toString(),
        ago(at, clock),
        FULL.format(at),
        user(author),
        mine);
  }

  static CountsView counts(UserCounts counts) {
    return new CountsView(counts.followers(), counts.following(), counts.posts());
  }

  /** A short age: "now", "5 min", "3 h", "2 d", then a date. */
  static String ago(Instant at, Clock clock) {
    Instant now = clock.instant();
    Duration age = Duration.between(at, now);
    if (age.toSeconds() < 60) {
      return "now";
    } else if (age.toMinutes() < 60) {
      return age.toMinutes() + " min";
    } else if (age.toHours() < 24) {
      return age.toHours() + " h";
    } else if (age.toDays() < 7) {
      return age.toDays() + " d";
    }
    boolean sameYear = at.atZone(ZoneOffset.UTC).getYear() == now.atZone(ZoneOffset.UTC).getYear();
    return (sameYear ? DAY : DAY_YEAR).format(at);
  }
}
