package dev.feedkit.example;

import dev.feedkit.Feed;
import dev.feedkit.User;
import dev.feedkit.example.pages.Pages.DemoLogin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Seeds a feed with a small, believable community, so that the first page a newcomer sees is
 * alive: a couple of dozen people who follow each other, posts spread over the last four days, and
 * a {@code demo} account that can log in and whose home timeline is full.
 *
 * <p>feedkit stamps a post with the feed's clock, so the feed is built over a {@link ShiftedClock}
 * that the seeding turns back and then winds forward post by post; once seeding is done it reads
 * the real time again. Ids stay increasing throughout, as feedkit requires.
 */
final class DemoData {

  /** The demo account's handle and password, shown on the welcome page. */
  static final DemoLogin DEMO_LOGIN = new DemoLogin("demo", "feedkit-demo");

  private static final String[][] PEOPLE = {
    {"mara", "Mara Kowalski"}, {"tomasz_b", "Tomasz Brandt"}, {"lena", "Lena Okafor"},
    {"jules", "Jules Fontaine"}, {"priya_r", "Priya Raman"}, {"sam_ng", "Sam Nguyen"},
    {"noor", "Noor Haddad"}, {"felix", "Felix Lindqvist"}, {"ines", "Inês Carvalho"},
    {"kenji", "Kenji Mori"}, {"olu", "Olu Adeyemi"}, {"hannah_k", "Hannah Keller"},
    {"diego", "Diego Álvarez"}, {"ruth", "Ruth Abernathy"}, {"yusuf", "Yusuf Demir"},
    {"bea", "Bea Lambert"}, {"marcus", "Marcus Webb"}, {"aiko", "Aiko Tanaka"},
    {"coffee_bot", "Café du Coin"}, {"citylib", "City Library"},
  };

  private static final String[] POSTS = {
    "Morning run along the canal. The herons were out in force today.",
    "Finally fixed the flaky test. It was a timezone. It is always a timezone.",
    "Reading list for the weekend: two novels, one cookbook, zero work email.",
    "Hot take: the best feature of any app is a fast home timeline.",
    "Made bread for the first time in months. The kitchen smells amazing.",
    "Our team shipped the new search today. Prefix search on handles is snappy!",
    "Anyone know a good bike repair shop near the station?",
    "The library has a new reading room on the third floor — quiet, bright, lots of plugs.",
    "Today's soup: roasted tomato and red pepper. Come early, it goes fast.",
    "Spent the afternoon pair-programming. Learned three new shortcuts and one new word.",
    "Rain all day. Perfect excuse to finish the puzzle.",
    "Tip: paging by id instead of offset means you never see the same post twice.",
    "Our community garden needs volunteers on Saturday. Gloves provided!",
    "Just watched the sunset from the old bridge. 10/10, would recommend.",
    "Coffee number three. Don't judge.",
    "New blog post: what I learned building a timeline that scales to millions of followers.",
    "If you follow someone, you should see their older posts too. Backfill matters.",
    "Tried the new ramen place on Fifth. The broth alone is worth the queue.",
    "Late night debugging session turned into a refactor. Classic.",
    "Friendly reminder: drink water, stretch, look away from the screen for a minute.",
    "Book club picked a 900-page novel. Send help.",
    "The market had the first strawberries of the season 🍓",
    "Wrote a test that fails for the right reason. Small victories.",
    "Does anyone still use a paper notebook for todo lists? Asking for me.",
    "Two things I love: long walks and short meetings.",
    "Croissants are out of the oven. Almond ones too.",
    "Storytime for kids is back every Wednesday at 10.",
    "Learning to juggle. Currently at two balls and a lot of optimism.",
    "Good code reads like a story: who, what, and why, in that order.",
    "Our cat has discovered the warm spot on the router. Wifi may be affected.",
    "Finished the marathon! Slow, happy and very hungry.",
    "Planning a trip to the coast next month. Recommendations welcome.",
    "Today I learned that ids ordered by time make 'newest first' trivially correct.",
    "Pottery class update: my bowl is now officially a plate.",
    "Quiet Sunday. Tea, a blanket and a crossword.",
    "Line 1: works on my machine.\nLine 2: ships to production.\nLine 3: works on my machine.",
    "The new exhibit on maps opens Friday. Free entry all weekend.",
    "Grateful for friends who show up with soup when you're sick.",
    "Repainted the balcony railing. Neighbours approve.",
    "What's a small habit that changed your week? Mine: a 10-minute tidy every evening.",
  };

  private DemoData() {}

  /**
   * Adds the demo community to an empty feed. A database keeps it between runs: then it is not
   * added again. A database with other users gets none, since its users are real and backdated
   * demo posts must not mingle with theirs.
   *
   * @param feed the feed, built over {@code clock}
   * @param clock the feed's clock, turned back during seeding
   * @param seed the seed for who follows whom and who posts what
   * @return the demo account's log-in, or empty when the feed had other users
   */
  static Optional<DemoLogin> seed(Feed feed, ShiftedClock clock, long seed) {
    if (feed.userByHandle(DEMO_LOGIN.handle()).isPresent()) {
      return Optional.of(DEMO_LOGIN);
    }
    if (!feed.searchUsers("", 1).isEmpty()) {
      return Optional.empty();
    }
    Random random = new Random(seed);
    Duration span = Duration.ofDays(4);
    clock.shiftBack(span.plusHours(1));
    List<User> people = new ArrayList<>();
    try {
      User demo =
          feed.accounts().signUp(DEMO_LOGIN.handle(), DEMO_LOGIN.password(), "Demo Visitor");
      for (String[] person : PEOPLE) {
        people.add(feed.createUser(person[0], person[1]));
      }
      for (int i = 0; i < people.size(); i++) {
        if (i % 5 != 4) {
          feed.follow(demo.id(), people.get(i).id());
        }
        if (i % 3 == 0) {
          feed.follow(people.get(i).id(), demo.id());
        }
        for (User other : people) {
          if (other != people.get(i) && random.nextInt(4) == 0) {
            feed.follow(people.get(i).id(), other.id());
          }
        }
      }
      List<String> texts = new ArrayList<>(List.of(POSTS));
      Collections.shuffle(texts, random);
      int posts = texts.size();
      for (int i = 0; i < posts; i++) {
        clock.shiftBack(span.minus(span.multipliedBy(i + 1).dividedBy(posts + 1)));
        User author = people.get(random.nextInt(people.size()));
        feed.post(author.id(), texts.get(i));
      }
      clock.shiftBack(Duration.ofMinutes(3));
      feed.post(demo.id(), "Hello! Just trying out this feedkit demo.");
    } finally {
      clock.shiftBack(Duration.ZERO);
    }
    // The first visitor should find every timeline complete, whatever the fan-out policy.
    feed.awaitFanout();
    return Optional.of(DEMO_LOGIN);
  }

  /** A clock that reads another clock's time minus an adjustable shift. */
  static final class ShiftedClock extends Clock {

    private final Clock base;
    private volatile Duration shift = Duration.ZERO;

    ShiftedClock(Clock base) {
      this.base = base;
    }

    void shiftBack(Duration by) {
      this.shift = by;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the demo clock is always UTC");
    }

    @Override
    public Instant instant() {
      return base.instant().minus(shift);
    }
  }
}
